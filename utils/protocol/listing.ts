/**
 * What Colophon knows about a marketplace page: the listings and the page's kind, as the content
 * script reports them to the background, as evidence records them and as the intake receives them.
 * They are zod schemas because a recognition crosses from the page's content script to the
 * background, where it is validated before it is believed (utils/messages.ts).
 */
import { z } from 'zod';
import { limits } from './limits';

export const marketplaces = ['aliexpress', 'taobao', 'tmall'] as const;
export const Marketplace = z.enum(marketplaces);
export type Marketplace = z.infer<typeof Marketplace>;

/** `blocked` is an anti-bot, captcha, access-denied or login wall: never a product page. */
export const pageKinds = ['item', 'search', 'store', 'blocked'] as const;
export const PageKind = z.enum(pageKinds);
export type PageKind = z.infer<typeof PageKind>;

export const WallReason = z.enum(['captcha', 'login', 'denied', 'busy']);
export type WallReason = z.infer<typeof WallReason>;

// Page text is third-party input: bound every string so a hostile page cannot bloat messages.
const text = (max: number) => z.string().max(max);

export const Shop = z.object({
  name: text(limits.name).nullable(),
  /** The store or shop id (AliExpress storeNum, Taobao/Tmall shopId). */
  id: text(limits.id).nullable(),
  /** The seller's account id (AliExpress sellerAdminSeq, Taobao/Tmall userId/sellerId). */
  sellerId: text(limits.id).nullable(),
});
export type Shop = z.infer<typeof Shop>;

/** One listing (a product offered by a seller), as shown on a page. */
export const Listing = z.object({
  marketplace: Marketplace,
  /** The marketplace's own id; AliExpress .us ids are normalised to the global id. */
  id: z.string().regex(/^\d{5,20}$/),
  /** Canonical listing URL: https, the marketplace's main host, no tracking parameters. */
  url: z.url({ protocol: /^https$/ }).max(200),
  title: text(limits.title).nullable(),
  /** Lowest price shown, in `currency` units. */
  price: z.number().nonnegative().finite().nullable(),
  /** ISO 4217 code. */
  currency: z.string().regex(/^[A-Z]{3}$/).nullable(),
  shop: Shop.nullable(),
  /** Absolute https image URLs at full size (thumbnail suffixes removed), in page order, unique. */
  images: z.array(z.url({ protocol: /^https$/ }).max(limits.image)).max(limits.images),
  /** As shown by the seller (ISBN编号 etc.), digits only (and a final X for ISBN-10). */
  isbn: z.string().regex(/^(\d{9}[\dX]|\d{13})$/).nullable(),
  author: text(limits.name).nullable(),
  publisher: text(limits.name).nullable(),
});
export type Listing = z.infer<typeof Listing>;

export const Recognition = z.object({
  marketplace: Marketplace,
  kind: PageKind,
  /** Why the page is `blocked`; null for every other kind. */
  wall: WallReason.nullable(),
  listings: z.array(Listing).max(limits.listings),
});
export type Recognition = z.infer<typeof Recognition>;
