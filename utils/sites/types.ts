/**
 * The types of the site adapters. The shapes they return (Listing, Recognition and the rest) are
 * the protocol's, shared with the intake (utils/protocol/listing.ts), and exported here too for
 * the adapters' convenience.
 */
import type { Marketplace, PageKind, Recognition, WallReason } from '@/utils/protocol/listing';

export { Listing, Marketplace, marketplaces, PageKind, pageKinds, Recognition, Shop, WallReason } from '@/utils/protocol/listing';

/** Page kind decided from the URL alone (walls that live on their own URLs included). */
export interface UrlRecognition {
  marketplace: Marketplace;
  kind: PageKind;
  /** Listing id when the URL names one (item pages). */
  listingId: string | null;
  wall: WallReason | null;
}

/**
 * One adapter per marketplace. `classify` is a pure function of the URL, so every URL in the
 * URL tables maps to exactly one adapter and kind; `recognise` adds what the document shows.
 */
export interface SiteAdapter {
  /** A name for tests and logs, e.g. "aliexpress-ru". */
  readonly name: string;
  /** Null when the URL is not one of this adapter's pages. */
  classify(url: URL): UrlRecognition | null;
  recognise(url: URL, document: Document): Recognition | null;
}
