/**
 * Adding a marketplace touches four places: its adapter, its line in utils/sites/index.ts, a
 * fixture folder and a test. This fails when an adapter has no saved page to prove it.
 */
import { describe, expect, it } from 'vitest';
import { adapterFor, siteAdapters } from '@/utils/sites';
import { marketplaceMatchPatterns } from '@/utils/sites/hosts';
import { pageKinds } from '@/utils/sites/types';
import { pageFixtures } from '../../fixtures/pages';

const fixtures = pageFixtures();

describe.each(siteAdapters.map((adapter) => [adapter.name, adapter] as const))('the %s adapter', (name) => {
  const own = fixtures.filter((fixture) => adapterFor(fixture.url)?.adapter.name === name);

  it('has saved pages of its own', () => {
    expect(own.length).toBeGreaterThan(0);
  });
});

describe('the fixtures', () => {
  it('are each served under a URL exactly one adapter knows', () => {
    for (const fixture of fixtures) expect(adapterFor(fixture.url), fixture.name).not.toBeNull();
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
