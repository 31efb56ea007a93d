/**
 * The registry of site adapters: adding a marketplace is its adapter, its URL rules and one line
 * here and in url-rules.ts, a fixture folder under tests/fixtures/ and its test
 * (tests/unit/sites/registry.test.ts fails otherwise).
 */
import { aliExpress } from './aliexpress';
import { aliExpressRu } from './aliexpress-ru';
import { taobao } from './taobao';
import { tmall } from './tmall';
import { inOneReading } from './page-scripts';
import type { Recognition, SiteAdapter, UrlRecognition } from './types';
import { classifyUrl, parseUrl } from './url-rules';
import { withinLimits } from './within-limits';

export const siteAdapters: readonly SiteAdapter[] = [aliExpress, aliExpressRu, taobao, tmall];

/** The adapter for a URL, or null when the URL is not a marketplace page Colophon knows. */
export function adapterFor(url: string | URL): { adapter: SiteAdapter; page: UrlRecognition } | null {
  const found = classifyUrl(url);
  const adapter = found && siteAdapters.find((candidate) => candidate.name === found.site);
  return adapter ? { adapter, page: found!.page } : null;
}

/**
 * What Colophon recognises on a page: its kind and listings, or null for any other page. The
 * listings are cut to what a report may carry, whatever their sellers wrote.
 */
export function recognisePage(url: string | URL, document: Document): Recognition | null {
  const parsed = parseUrl(url);
  const found = parsed && adapterFor(parsed);
  const recognition = found ? inOneReading(document, () => found.adapter.recognise(parsed!, document)) : null;
  return recognition && withinLimits(recognition);
}
