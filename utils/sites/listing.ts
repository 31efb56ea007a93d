/** Building Listings: canonical URLs, defaults, and one listing per id. */
import type { Listing, Marketplace, Shop } from './types';

const aliExpressUsOffset = 2n ** 51n;

/**
 * aliexpress.us shows its own ids for global products: the global id + 2^51
 * (STRUCTURES.md, held on every card pair seen). Colophon always speaks of the global id.
 */
export function globalAliExpressId(id: string): string {
  const value = BigInt(id);
  return value >= aliExpressUsOffset ? String(value - aliExpressUsOffset) : id;
}

/** The canonical listing URL: what goes into evidence and into Alibaba's complaint form. */
export function canonicalListingUrl(marketplace: Marketplace, id: string, tmallGlobal = false): string {
  if (marketplace === 'aliexpress') return `https://www.aliexpress.com/item/${id}.html`;
  if (marketplace === 'taobao') return `https://item.taobao.com/item.htm?id=${id}`;
  return tmallGlobal ? `https://detail.tmall.hk/hk/item.htm?id=${id}` : `https://detail.tmall.com/item.htm?id=${id}`;
}

/** A listing with every field it was not given set to "not shown". */
export function listing(fields: Pick<Listing, 'marketplace' | 'id'> & Partial<Listing>): Listing {
  return {
    url: canonicalListingUrl(fields.marketplace, fields.id),
    title: null,
    price: null,
    currency: null,
    shop: null,
    images: [],
    isbn: null,
    author: null,
    publisher: null,
    ...fields,
  };
}

/** One listing per id, in page order; the first occurrence of an id wins. */
export function uniqueListings(listings: Iterable<Listing>): Listing[] {
  const byId = new Map<string, Listing>();
  for (const item of listings) if (!byId.has(item.id)) byId.set(item.id, item);
  return [...byId.values()];
}

/** What one extraction layer (page scripts, meta tags, DOM) found about a listing. */
export type ListingFields = Omit<Partial<Listing>, 'marketplace' | 'id'>;

/** A field no layer has filled: absent, null or an empty list. */
export function isEmptyField(value: unknown): boolean {
  return value === null || value === undefined || (Array.isArray(value) && value.length === 0);
}

/** Each field from the first layer that has it: structured data beats meta tags beats the DOM. */
export function firstOfLayers(layers: readonly ListingFields[]): ListingFields {
  const merged: Record<string, unknown> = {};
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer)) if (isEmptyField(merged[key]) && !isEmptyField(value)) merged[key] = value;
  }
  return merged as ListingFields;
}

/** Fields that several layers know in part (the shop's name from the DOM, its ids from g_config). */
export function mergeShops(layers: ListingFields[]): ListingFields['shop'] {
  const shops = layers.map((layer) => layer.shop).filter((shop) => shop);
  if (shops.length === 0) return null;
  return {
    name: shops.find((shop) => shop!.name)?.name ?? null,
    id: shops.find((shop) => shop!.id)?.id ?? null,
    sellerId: shops.find((shop) => shop!.sellerId)?.sellerId ?? null,
  };
}


/** Listings on a store page belong to that store, where a card does not say otherwise. */
export function inShop(listings: Listing[], shop: Shop | null): Listing[] {
  return shop ? listings.map((item) => (item.shop ? item : { ...item, shop })) : listings;
}
