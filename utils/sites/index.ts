/**
 * The registry of site adapters: adding a marketplace is its adapter, one line here, a fixture
 * folder under tests/fixtures/ and its test (tests/unit/sites/registry.test.ts fails otherwise).
 */
import { aliExpress } from './aliexpress';
import { aliExpressRu } from './aliexpress-ru';
import { taobao } from './taobao';
import { tmall } from './tmall';
import type { Recognition, SiteAdapter, UrlRecognition } from './types';
import { withinLimits } from './within-limits';

export const siteAdapters: readonly SiteAdapter[] = [aliExpress, aliExpressRu, taobao, tmall];

function parse(url: string | URL): URL | null {
  try {
    return typeof url === 'string' ? new URL(url) : url;
  } catch {
    return null;
  }
}

/** The adapter for a URL, or null when the URL is not a marketplace page Colophon knows. */
export function adapterFor(url: string | URL): { adapter: SiteAdapter; page: UrlRecognition } | null {
  const parsed = parse(url);
  if (!parsed || !/^https?:$/.test(parsed.protocol)) return null;
  for (const adapter of siteAdapters) {
    const page = adapter.classify(parsed);
    if (page) return { adapter, page };
  }
  return null;
}

/**
 * What Colophon recognises on a page: its kind and listings, or null for any other page. The
 * listings are cut to what a report may carry, whatever their sellers wrote.
 */
export function recognisePage(url: string | URL, document: Document): Recognition | null {
  const parsed = parse(url);
  const found = parsed ? adapterFor(parsed) : null;
  const recognition = found ? found.adapter.recognise(parsed!, document) : null;
  return recognition && withinLimits(recognition);
}
