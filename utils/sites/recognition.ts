/** The rule every adapter shares for turning a classified URL and what the page shows into a Recognition. */
import { inShop, listing, uniqueListings } from './listing';
import type { Listing, Recognition, Shop, SiteAdapter, UrlRecognition } from './types';
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

/** What a marketplace adapter supplies; `siteAdapter` adds the recognition rules they all share. */
export interface AdapterParts {
  name: string;
  classify(url: URL): UrlRecognition | null;
  /** The listing an item page shows, or null when it shows no product data. */
  item(document: Document, id: string, url: URL): Listing | null;
  /** The listings on a search, category or store page. */
  listings(document: Document, url: URL): Listing[];
  /** The store a store page belongs to, whose listings are all its own. */
  storeShop(document: Document, url: URL): Shop | null;
}

export function siteAdapter(parts: AdapterParts): SiteAdapter {
  return {
    name: parts.name,
    classify: (url) => parts.classify(url),
    recognise(url, document) {
      const page = parts.classify(url);
      if (!page) return null;
      if (page.kind === 'blocked') return pageRecognition(page, [], document);
      if (page.kind === 'item') {
        const item = parts.item(document, page.listingId!, url);
        return pageRecognition(page, item ? [item] : [], document);
      }
      const listings = parts.listings(document, url);
      return pageRecognition(page, page.kind === 'store' ? inShop(listings, parts.storeShop(document, url)) : listings, document);
    },
  };
}
