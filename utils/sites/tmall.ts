/** The Tmall adapter: Tmall and Tmall Global item pages on every host, Tmall search, shops and walls. */
import { pageRecognition } from './recognition';
import { inShop } from './listing';
import { pageShop } from './taobao-shop';
import { tmallItem } from './tmall-item';
import { tmallSearchListings } from './tmall-search';
import { classifyTmallUrl } from './taobao-urls';
import type { SiteAdapter } from './types';

export const tmall: SiteAdapter = {
  name: 'tmall',
  classify: classifyTmallUrl,
  recognise(url, document) {
    const page = classifyTmallUrl(url);
    if (!page) return null;
    const item = page.kind === 'item' ? tmallItem(document, page.listingId!, url.hostname.endsWith('.hk')) : null;
    const listings = page.kind === 'item' ? (item ? [item] : []) : page.kind === 'blocked' ? [] : tmallSearchListings(document, url.href);
    if (page.kind === 'store') return pageRecognition(page, inShop(listings, pageShop(document)), document);
    return pageRecognition(page, listings, document);
  },
};
