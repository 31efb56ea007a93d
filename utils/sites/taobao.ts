/** The Taobao adapter: item pages of every generation and host, search, shops and walls. */
import { pageRecognition } from './recognition';
import { inShop } from './listing';
import { pageShop } from './taobao-shop';
import { taobaoItem } from './taobao-item';
import { taobaoSearchListings } from './taobao-search';
import { classifyTaobaoUrl } from './taobao-urls';
import type { SiteAdapter } from './types';

export const taobao: SiteAdapter = {
  name: 'taobao',
  classify: classifyTaobaoUrl,
  recognise(url, document) {
    const page = classifyTaobaoUrl(url);
    if (!page) return null;
    const item = page.kind === 'item' ? taobaoItem(document, page.listingId!) : null;
    const listings = page.kind === 'item' ? (item ? [item] : []) : page.kind === 'blocked' ? [] : taobaoSearchListings(document, url.href);
    if (page.kind === 'store') return pageRecognition(page, inShop(listings, pageShop(document)), document);
    return pageRecognition(page, listings, document);
  },
};
