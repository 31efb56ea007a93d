/** The AliExpress adapter: the global platform on every locale host of .com and .us. */
import { aliExpressItem } from './aliexpress-item';
import { aliExpressSearchListings } from './aliexpress-search';
import { classifyAliExpressUrl } from './aliexpress-urls';
import { inShop } from './listing';
import { cleanId, textAt } from './normalise';
import { pageRecognition } from './recognition';
import type { SiteAdapter, Shop } from './types';

/** The store a store page shows: its id from the address, its name from the header. */
function storeOfPage(url: URL, document: Document): Shop | null {
  const id = /\/store\/(?:[a-z-]+\/)*(\d+)/.exec(url.pathname)?.[1] ?? cleanId(url.searchParams.get('storeId'));
  const name = textAt(document, '[class*="store-header--name"], [class*="storeName"], .shop-name, .store-name');
  const sellerId = cleanId(url.searchParams.get('sellerAdminSeq'));
  return id || name || sellerId ? { name, id: id ?? null, sellerId } : null;
}

export const aliExpress: SiteAdapter = {
  name: 'aliexpress',
  classify: (url) => classifyAliExpressUrl(url, 'global'),
  recognise(url, document) {
    const page = classifyAliExpressUrl(url, 'global');
    if (!page) return null;
    const item = page.kind === 'item' ? aliExpressItem(document, page.listingId!) : null;
    const listings = page.kind === 'item' ? (item ? [item] : []) : page.kind === 'blocked' ? [] : aliExpressSearchListings(document, url.href);
    if (page.kind === 'store') return pageRecognition(page, inShop(listings, storeOfPage(url, document)), document);
    return pageRecognition(page, listings, document);
  },
};
