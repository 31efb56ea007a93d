/**
 * Adding a marketplace touches five places: its adapter, its URL rules and their line in
 * utils/sites/url-rules.ts, its line in utils/sites/index.ts, a fixture folder and a test. This fails when an adapter has no saved page to prove it.
 */
import { describe, expect, it } from 'vitest';
import { MatchPattern } from 'wxt/utils/match-patterns';
import { adapterFor, siteAdapters } from '@/utils/sites';
import { marketplaceMatchPatterns } from '@/utils/sites/hosts';
import { siteUrlRules } from '@/utils/sites/url-rules';
import { pageKinds } from '@/utils/sites/types';
import { pageFixtures } from '../../fixtures/pages';

const fixtures = pageFixtures();

describe.each(siteAdapters.map((adapter) => [adapter.name, adapter] as const))('the %s adapter', (name) => {
  const own = fixtures.filter((fixture) => adapterFor(fixture.url)?.adapter.name === name);

  it('has saved pages of its own', () => {
    expect(own.length).toBeGreaterThan(0);
  });
});

describe('the URL rules', () => {
  it('are registered for every adapter, in the same order, with the same classification', () => {
    expect(siteUrlRules.map((rules) => rules.name)).toEqual(siteAdapters.map((adapter) => adapter.name));
    for (const fixture of fixtures) {
      const url = new URL(fixture.url);
      expect(siteAdapters.map((adapter) => adapter.classify(url)), fixture.name).toEqual(siteUrlRules.map((rules) => rules.classify(url)));
    }
  });
});

describe('the fixtures', () => {
  it('are each served under a URL exactly one adapter knows', () => {
    for (const fixture of fixtures) {
      const knowing = siteAdapters.filter((adapter) => adapter.classify(new URL(fixture.url)) !== null);
      expect(knowing.map((adapter) => adapter.name), fixture.name).toEqual([adapterFor(fixture.url)!.adapter.name]);
    }
  });

  it('sit in a folder named after their page kind', () => {
    for (const fixture of fixtures) expect(fixture.name.split('/')[1]!.split('-')[0], fixture.name).toBe(fixture.expected.kind);
  });

  it('show every page kind on every marketplace that has it', () => {
    const seen = new Set(fixtures.map((fixture) => `${fixture.site}:${fixture.expected.kind}`));
    for (const kind of pageKinds) {
      for (const site of ['aliexpress', 'taobao', 'tmall']) {
        expect(seen.has(`${site}:${kind}`), `${site}:${kind}`).toBe(true);
      }
    }
  });
});

describe('the hosts Colophon asks for', () => {
  it('are the marketplaces over https only, each saved page among them', () => {
    for (const pattern of marketplaceMatchPatterns) expect(pattern, pattern).toMatch(/^https:\/\/\*\.[a-z.]+\/\*$/);
    const hosts = marketplaceMatchPatterns.map((pattern) => pattern.slice('https://*.'.length, -2));
    for (const fixture of fixtures) {
      const { protocol, hostname } = new URL(fixture.url);
      expect(protocol, fixture.name).toBe('https:');
      expect(hosts.some((host) => hostname === host || hostname.endsWith(`.${host}`)), fixture.name).toBe(true);
    }
  });
});

describe('the content script, matched as the browser matches its patterns', () => {
  const patterns = marketplaceMatchPatterns.map((pattern) => new MatchPattern(pattern));
  const runsOn = (url: string) => patterns.some((pattern) => pattern.includes(url));

  it.each(['https://lilygo.aliexpress.com/store/2090076', 'https://book-world-2.aliexpress.com/store/1104217738/pages/all-items.html'])(
    'runs on a store on its seller’s own subdomain, %s',
    (url) => {
      expect(runsOn(url)).toBe(true);
      expect(adapterFor(url)?.page.kind).toBe('store');
    },
  );

  it.each(['http://lilygo.aliexpress.com/store/2090076', 'https://lilygo.aliexpress.com.evil.example/store/2090076', 'https://evil-aliexpress.com/store/2090076'])(
    'does not run on %s',
    (url) => {
      expect(runsOn(url)).toBe(false);
    },
  );
});
