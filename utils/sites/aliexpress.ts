/** The AliExpress adapter: the global platform on every locale host of .com and .us. */
import { aliExpressItem } from './aliexpress-item';
import { aliExpressSearchListings } from './aliexpress-search';
import { classifyAliExpressUrl } from './aliexpress-urls';
import { pageRecognition } from './recognition';
import type { SiteAdapter } from './types';

export const aliExpress: SiteAdapter = {
  name: 'aliexpress',
  classify: (url) => classifyAliExpressUrl(url, 'global'),
  recognise(url, document) {
    const page = classifyAliExpressUrl(url, 'global');
    if (!page) return null;
    const item = page.kind === 'item' ? aliExpressItem(document, page.listingId!) : null;
    const listings = page.kind === 'item' ? (item ? [item] : []) : page.kind === 'blocked' ? [] : aliExpressSearchListings(document, url.href);
    return pageRecognition(page, listings, document);
  },
};
