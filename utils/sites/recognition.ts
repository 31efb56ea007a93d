/** The rule every adapter shares for turning a classified URL and what the page shows into a Recognition. */
import { listing, uniqueListings } from './listing';
import type { Listing, Recognition, UrlRecognition } from './types';
import { wallInDocument } from './walls';

/**
 * Product data beats wall markers (taobao-item-2 carries both); a page without product data that
 * shows a wall is `blocked`. An item page whose data has not arrived yet still names its listing.
 */
export function pageRecognition(page: UrlRecognition, listings: Listing[], document: Document): Recognition {
  if (page.kind === 'blocked') return { marketplace: page.marketplace, kind: 'blocked', wall: page.wall, listings: [] };
  if (listings.length === 0) {
    const wall = wallInDocument(document);
    if (wall) return { marketplace: page.marketplace, kind: 'blocked', wall, listings: [] };
    if (page.kind === 'item' && page.listingId) listings = [listing({ marketplace: page.marketplace, id: page.listingId })];
  }
  return { marketplace: page.marketplace, kind: page.kind, wall: null, listings: uniqueListings(listings) };
}
