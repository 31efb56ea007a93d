/**
 * A recognition cut to what Colophon's messages may carry. Sellers write what they like: an
 * author of a thousand characters or a hundred and fifty images must not make the background
 * refuse the whole page, so the page is reported with its long fields shortened (a visible "…"
 * at the end says so) and its excess dropped, every listing still there.
 */
import { limits } from '@/utils/protocol/limits';
import type { Listing, Recognition, Shop } from './types';

/** At most `max` code units, never half of a surrogate pair, ending in "…" when it was cut. */
export function clipText(text: string | null, max: number): string | null {
  if (text === null || text.length <= max) return text;
  let cut = max - 1;
  if (/[\uD800-\uDBFF]/.test(text[cut - 1]!)) cut--;
  return `${text.slice(0, cut)}…`;
}

function shopWithinLimits(shop: Shop | null): Shop | null {
  if (!shop) return shop;
  // An id longer than any marketplace's is no id.
  const id = (value: string | null) => (value !== null && value.length > limits.id ? null : value);
  return { name: clipText(shop.name, limits.name), id: id(shop.id), sellerId: id(shop.sellerId) };
}

function listingWithinLimits(listing: Listing): Listing {
  return {
    ...listing,
    title: clipText(listing.title, limits.title),
    author: clipText(listing.author, limits.name),
    publisher: clipText(listing.publisher, limits.name),
    shop: shopWithinLimits(listing.shop),
    images: listing.images.filter((image) => image.length <= limits.image).slice(0, limits.images),
  };
}

export function withinLimits(recognition: Recognition): Recognition {
  return { ...recognition, listings: recognition.listings.slice(0, limits.listings).map(listingWithinLimits) };
}
