/** The Tmall adapter: Tmall and Tmall Global item pages on every host, Tmall search, shops and walls. */
import { siteAdapter } from './recognition';
import { tmallItem } from './tmall-item';
import { tmallSearchListings } from './tmall-search';
import { pageShop } from './taobao-shop';
import { tmallUrlRules } from './url-rules';

export const tmall = siteAdapter({
  ...tmallUrlRules,
  item: (document, id, url) => tmallItem(document, id, url.hostname.endsWith('.hk')),
  listings: (document, url) => tmallSearchListings(document, url.href),
  storeShop: (document) => pageShop(document),
});
