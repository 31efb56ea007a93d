/**
 * AliExpress page kinds from the URL alone: every locale subdomain of .com/.us, mobile m./h5.
 * hosts, a seller's own store subdomain, current and pre-2019 item paths, search, category and
 * store pages (../shared/fixtures/STRUCTURES.md, "URL patterns"). aliexpress.ru is a separate
 * platform with its own adapter.
 */
import { globalAliExpressId } from './listing';
import type { UrlRecognition } from './types';
import { wallFromUrl } from './walls';

const globalHost = /^(?:(?:[a-z]{2}|www|m|h5)(?:\.[a-z]{2})?\.)?aliexpress\.(?:com|us)$/;
const ruHost = /^(?:[a-z0-9-]+\.)?aliexpress\.ru$/;
/**
 * A seller may give the store its own name as a host (`lilygo.aliexpress.com/store/2090076`, in
 * links sellers publish). Only the store's own pages have been seen on such a host, so nothing
 * else there is recognised; login and passport hosts have the same shape and are walls, decided
 * before the page kind.
 */
const sellerHost = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.aliexpress\.com$/;
const loginHost = /^(?:login|passport)\.aliexpress\.(?:com|us)$/;

const itemPaths = [
  /^\/item\/(?:[^/]+\/)?(\d{8,})\.html$/,
  /^\/store\/product\/[^/]*\/\d+_(\d{8,})\.html$/,
  /^\/i\/(\d{8,})\.html$/,
];
// Category pages are search pages over one category: `/category/<id>/<slug>.html`, paged either
// with `?page=N` like a search or, in older links, as `/category/<id>/<slug>/<N>.html`.
const categoryPath = /^\/category\/\d+\/[^/]*(?:\/\d+)?\.html$/;
const searchPaths = [/^\/w\/wholesale-[^/]+\.html$/, /^\/wholesale\/?$/, categoryPath, /^\/af\/[^/]+\.html$/, /^\/popular\/[^/]+/, /^\/premium\/[^/]+/];
const storePaths = [/^\/store\/(?:[a-z-]+\/)*\d+(?:[/_.].*)?$/, /^\/store\/storeHome\.htm$/];

/** The listing id an AliExpress item link names (global form), or null. */
export function aliExpressItemId(url: URL): string | null {
  for (const pattern of itemPaths) {
    const id = pattern.exec(url.pathname)?.[1];
    if (id) return globalAliExpressId(id);
  }
  // Bundle-deal cards link to /ssr/300000512/BundleDeals2?productIds=<id>:<sku>.
  const bundle = url.pathname.startsWith('/ssr/') ? /^(\d{8,})(?::|$)/.exec(url.searchParams.get('productIds') ?? '') : null;
  return bundle ? globalAliExpressId(bundle[1]!) : null;
}

/** Page kind of an AliExpress URL on `hosts` (the global platform, or aliexpress.ru). */
export function classifyAliExpressUrl(url: URL, hosts: 'global' | 'ru'): UrlRecognition | null {
  const host = url.hostname.toLowerCase();
  const sellerStore = hosts === 'global' && !globalHost.test(host) && sellerHost.test(host);
  if (hosts === 'global' ? !globalHost.test(host) && !sellerStore && !loginHost.test(host) : !ruHost.test(host)) return null;
  const wall = wallFromUrl(url);
  if (wall) return { marketplace: 'aliexpress', kind: 'blocked', listingId: null, wall };
  const path = url.pathname.replace(/\/{2,}/g, '/');
  const itemPath = itemPaths.some((pattern) => pattern.test(path));
  const store = storePaths.some((pattern) => pattern.test(path)) ? ({ marketplace: 'aliexpress', kind: 'store', listingId: null, wall: null } as const) : null;
  if (sellerStore) return itemPath ? null : store;
  const id = itemPath ? aliExpressItemId(new URL(path, url)) : null;
  if (id) return { marketplace: 'aliexpress', kind: 'item', listingId: id, wall: null };
  if (path === '/wholesale' && !url.searchParams.get('SearchText')) return null;
  if (searchPaths.some((pattern) => pattern.test(path))) return { marketplace: 'aliexpress', kind: 'search', listingId: null, wall: null };
  return store;
}
