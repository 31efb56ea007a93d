/**
 * Each marketplace's URL rules, apart from its extraction code: which of its pages an address
 * shows. What only asks of an address (the background's sender checks, the popup, the page tools
 * finding a listing's card from its links) loads these and none of the adapters' readers of
 * pages. Each adapter takes its `classify` from here (utils/sites/index.ts registers the adapters
 * in the same order, which tests/unit/sites/registry.test.ts checks).
 */
import { classifyAliExpressUrl } from './aliexpress-urls';
import { classifyTaobaoUrl, classifyTmallUrl } from './taobao-urls';
import type { UrlRecognition } from './types';

export interface SiteUrlRules {
  /** The adapter's name, e.g. "aliexpress-ru". */
  readonly name: string;
  /** Null when the URL is not one of this marketplace's pages. */
  classify(url: URL): UrlRecognition | null;
}

export const aliExpressUrlRules: SiteUrlRules = { name: 'aliexpress', classify: (url) => classifyAliExpressUrl(url, 'global') };
export const aliExpressRuUrlRules: SiteUrlRules = { name: 'aliexpress-ru', classify: (url) => classifyAliExpressUrl(url, 'ru') };
export const taobaoUrlRules: SiteUrlRules = { name: 'taobao', classify: classifyTaobaoUrl };
export const tmallUrlRules: SiteUrlRules = { name: 'tmall', classify: classifyTmallUrl };

export const siteUrlRules: readonly SiteUrlRules[] = [aliExpressUrlRules, aliExpressRuUrlRules, taobaoUrlRules, tmallUrlRules];

/** The URL itself, or null for text that is not one. */
export function parseUrl(url: string | URL): URL | null {
  try {
    return typeof url === 'string' ? new URL(url) : url;
  } catch {
    return null;
  }
}

/** The marketplace page an address shows, or null when it is no marketplace page Colophon knows. */
export function classifyUrl(url: string | URL): { site: string; page: UrlRecognition } | null {
  const parsed = parseUrl(url);
  if (!parsed || !/^https?:$/.test(parsed.protocol)) return null;
  for (const rules of siteUrlRules) {
    const page = rules.classify(parsed);
    if (page) return { site: rules.name, page };
  }
  return null;
}
