/** The AliExpress adapter: the global platform on every locale host of .com and .us. */
import { aliExpressItem } from './aliexpress-item';
import { aliExpressSearchListings } from './aliexpress-search';
import { cleanId, textAt } from './normalise';
import { siteAdapter } from './recognition';
import { aliExpressUrlRules } from './url-rules';

export const aliExpress = siteAdapter({
  ...aliExpressUrlRules,
  item: aliExpressItem,
  listings: (document, url) => aliExpressSearchListings(document, url.href),
  /** A store page's store: its id from the address, its name from the header. */
  storeShop(document, url) {
    const id = /\/store\/(?:[a-z-]+\/)*(\d+)/.exec(url.pathname)?.[1] ?? cleanId(url.searchParams.get('storeId'));
    const name = textAt(document, '[class*="store-header--name"], [class*="storeName"], .shop-name, .store-name');
    const sellerId = cleanId(url.searchParams.get('sellerAdminSeq'));
    return id || name || sellerId ? { name, id: id ?? null, sellerId } : null;
  },
});
