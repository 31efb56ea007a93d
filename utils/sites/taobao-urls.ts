/**
 * Taobao and Tmall page kinds from the URL alone (../shared/fixtures/STRUCTURES.md, "URL patterns").
 * Ids come only from `id=` (or world.taobao.com's path): never skuId, item_id, ad_id or spm.
 */
import { linkUrl } from './normalise';
import type { Marketplace, UrlRecognition } from './types';
import { wallFromUrl } from './walls';

interface PageRule {
  host: RegExp;
  path: RegExp;
  kind: 'item' | 'search' | 'store';
  /** Search pages need their query to be a results page. */
  query?: string;
}

const taobaoRules: PageRule[] = [
  { host: /^item\.taobao\.com$/, path: /^\/item\.htm$/, kind: 'item' },
  { host: /^h5\.m\.taobao\.com$/, path: /^\/awp\/core\/detail\.htm$/, kind: 'item' },
  { host: /^m\.intl\.taobao\.com$/, path: /^\/detail\/detail\.html$/, kind: 'item' },
  { host: /^world\.taobao\.com$/, path: /^\/item\/\d{6,}\.htm$/, kind: 'item' },
  { host: /^s\.taobao\.com$/, path: /^\/(search|list)$/, kind: 'search' },
  { host: /^(s\.m|main\.m)\.taobao\.com$/, path: /^\/(h5|search\/index\.html)$/, kind: 'search' },
  { host: /^store\.taobao\.com$/, path: /^\/shop\/view_shop\.htm$/, kind: 'store' },
  { host: /^shop\.m\.taobao\.com$/, path: /^\/shop\/shop_index\.htm$/, kind: 'store' },
  { host: /^shop\d+(\.m)?\.taobao\.com$/, path: /^\//, kind: 'store' },
];

const tmallRules: PageRule[] = [
  { host: /^(detail|chaoshi\.detail|detail\.m)\.tmall\.com$/, path: /^\/item\.htm$/, kind: 'item' },
  { host: /^detail\.tmall\.hk$/, path: /^(\/hk)?\/item\.htm$/, kind: 'item' },
  { host: /^list\.tmall\.(com|hk)$/, path: /^\/search_product\.htm$/, kind: 'search' },
];

/** Subdomains that are the marketplace's own services, so never a seller's shop. */
const serviceHosts = /^(www|item|detail|s|list|login|passport|buyertrade|trade|cart|i|favorite|my|world|market|uland|ai|pages|huodong|jubao|rate|store|chaoshi|h5|m|err|help|ju|tejia|fliggy|pub|consumerservice)\./;
// Seller shops live on their own subdomains (yikewaishe.taobao.com, suning.tmall.com): a shop page
// is their home, search or category page there.
const shopPaths = /^\/($|index\.htm$|shop\/|search\.htm$|category(-\d+)?\.htm$)/;

function itemId(url: URL): string | null {
  const world = /^\/item\/(\d{6,})\.htm$/.exec(url.pathname)?.[1];
  const id = world ?? url.searchParams.get('id');
  return id && /^\d{6,}$/.test(id) ? id : null;
}

function classifyBy(url: URL, marketplace: Marketplace, rules: PageRule[], domain: RegExp): UrlRecognition | null {
  const host = url.hostname.toLowerCase();
  if (!domain.test(host)) return null;
  const wall = wallFromUrl(url);
  if (wall) return { marketplace, kind: 'blocked', listingId: null, wall };
  const rule = rules.find((candidate) => candidate.host.test(host) && candidate.path.test(url.pathname));
  if (rule?.kind === 'item') {
    const id = itemId(url);
    return id ? { marketplace, kind: 'item', listingId: id, wall: null } : null;
  }
  if (rule) return { marketplace, kind: rule.kind, listingId: null, wall: null };
  if (!serviceHosts.test(host) && /^[a-z0-9-]+\./.test(host) && host.split('.').length === 3 && shopPaths.test(url.pathname)) {
    return { marketplace, kind: 'store', listingId: null, wall: null };
  }
  return null;
}

export function classifyTaobaoUrl(url: URL): UrlRecognition | null {
  return classifyBy(url, 'taobao', taobaoRules, /(^|\.)taobao\.com$/);
}

export function classifyTmallUrl(url: URL): UrlRecognition | null {
  return classifyBy(url, 'tmall', tmallRules, /(^|\.)tmall\.(com|hk)$/);
}

/** The listing an item link on a Taobao or Tmall page points to, with the marketplace that sells it. */
export function taobaoItemLink(href: string | null, base: string): { marketplace: Marketplace; id: string } | null {
  const url = linkUrl(href, base);
  if (!url) return null;
  const page = classifyTaobaoUrl(url) ?? classifyTmallUrl(url);
  return page?.kind === 'item' && page.listingId ? { marketplace: page.marketplace, id: page.listingId } : null;
}
