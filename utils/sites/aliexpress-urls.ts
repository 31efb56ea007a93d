/**
 * AliExpress page kinds from the URL alone: every locale subdomain of .com/.us, mobile m./h5.
 * hosts, current and pre-2019 item paths, search, category and store pages
 * (../shared/fixtures/STRUCTURES.md, "URL patterns"). aliexpress.ru is a separate platform with
 * its own adapter.
 */
import { globalAliExpressId } from './listing';
import type { UrlRecognition } from './types';
import { wallFromUrl } from './walls';

const globalHost = /^(?:(?:[a-z]{2}|www|m|h5)(?:\.[a-z]{2})?\.)?aliexpress\.(?:com|us)$/;
const ruHost = /^(?:[a-z0-9-]+\.)?aliexpress\.ru$/;

const itemPaths = [
  /^\/item\/(?:[^/]+\/)?(\d{8,})\.html$/,
  /^\/store\/product\/[^/]*\/\d+_(\d{8,})\.html$/,
  /^\/i\/(\d{8,})\.html$/,
];
const searchPaths = [/^\/w\/wholesale-[^/]+\.html$/, /^\/wholesale\/?$/, /^\/category\/\d+\/[^/]*\.html$/, /^\/af\/[^/]+\.html$/, /^\/popular\/[^/]+/, /^\/premium\/[^/]+/];
const storePaths = [/^\/store\/(?:[a-z-]+\/)*\d+(?:[/_.].*)?$/, /^\/store\/storeHome\.htm$/];

export function isAliExpressRuHost(hostname: string): boolean {
  return ruHost.test(hostname);
}

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
  if (hosts === 'global' ? !globalHost.test(host) && !/^(login|passport)\.aliexpress\.(com|us)$/.test(host) : !ruHost.test(host)) return null;
  const wall = wallFromUrl(url);
  if (wall) return { marketplace: 'aliexpress', kind: 'blocked', listingId: null, wall };
  const path = url.pathname.replace(/\/{2,}/g, '/');
  const id = itemPaths.some((pattern) => pattern.test(path)) ? aliExpressItemId(new URL(path, url)) : null;
  if (id) return { marketplace: 'aliexpress', kind: 'item', listingId: id, wall: null };
  if (path === '/wholesale' && !url.searchParams.get('SearchText')) return null;
  if (searchPaths.some((pattern) => pattern.test(path))) return { marketplace: 'aliexpress', kind: 'search', listingId: null, wall: null };
  if (storePaths.some((pattern) => pattern.test(path))) return { marketplace: 'aliexpress', kind: 'store', listingId: null, wall: null };
  return null;
}
