/** The Taobao adapter: item pages of every generation and host, search, shops and walls. */
import { siteAdapter } from './recognition';
import { taobaoItem } from './taobao-item';
import { taobaoSearchListings } from './taobao-search';
import { pageShop } from './taobao-shop';
import { taobaoUrlRules } from './url-rules';

export const taobao = siteAdapter({
  ...taobaoUrlRules,
  item: (document, id) => taobaoItem(document, id),
  listings: (document, url) => taobaoSearchListings(document, url.href),
  storeShop: (document) => pageShop(document),
});
