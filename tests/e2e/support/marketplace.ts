/**
 * A local stand-in for the marketplaces: saved pages from tests/fixtures served under their real
 * https URLs, so the browsers, the manifest's match patterns and the content script see exactly
 * the addresses they see in use. Nothing reaches the network: every other request gets an empty
 * answer. Page scripts are switched off by CSP (extensions are exempt), because saved pages carry
 * the marketplaces' own code, which would redirect, poll and fail without its servers.
 */
import { pageFixtures, type PageFixture } from '../../fixtures/pages';

export const savedPageHeaders = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': "script-src 'none'; connect-src 'none'",
  'cache-control': 'no-store',
};

/** The same page whatever its fragment. */
function pageKey(url: string): string {
  const parsed = new URL(url);
  parsed.hash = '';
  return parsed.href;
}

/** What the demo marketplace answers for a document it does not have. */
export const notFoundPage = '<!doctype html><title>Not in the demo marketplace</title><p>Colophon\'s demo marketplace has no saved page at this address.</p>';

export class DemoMarketplace {
  private readonly pages = new Map<string, PageFixture>();

  constructor(fixtures: PageFixture[] = pageFixtures()) {
    for (const fixture of fixtures) this.pages.set(pageKey(fixture.url), fixture);
  }

  /** The fixture of a folder name such as "taobao/item-2026-ice". */
  fixture(name: string): PageFixture {
    const fixture = [...this.pages.values()].find((candidate) => candidate.name === name);
    if (!fixture) throw new Error(`no fixture ${name}`);
    return fixture;
  }

  /** The saved page served at `url`, or null when the demo marketplace has none there. */
  page(url: string): string | null {
    const fixture = this.pages.get(pageKey(url));
    return fixture ? fixture.html() : null;
  }
}
