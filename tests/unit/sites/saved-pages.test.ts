/**
 * Every saved page (real captures and the generations we authored from STRUCTURES.md) is
 * recognised with the right kind, and its listings are extracted exactly as its expected.json says.
 */
import { describe, expect, it } from 'vitest';
import { savedPage } from '@/utils/cli/saved-page';
import { recognisePage } from '@/utils/sites';
import { Recognition } from '@/utils/sites/types';
import { pageFixtures } from '../../fixtures/pages';

describe.each(pageFixtures())('$name', ({ url, html, expected }) => {
  const page = savedPage(html(), url);
  const recognition = recognisePage(url, page.document);

  it(`is a ${expected.kind} page`, () => {
    expect(recognition?.kind).toBe(expected.kind);
    expect(recognition?.marketplace).toBe(expected.marketplace);
    expect(recognition?.wall).toBe(expected.wall);
  });

  it(`has ${expected.listings.length} listings, extracted as expected`, () => {
    expect(recognition?.listings.map((listing) => listing.id)).toEqual(expected.listings.map((listing) => listing.id));
    expect(recognition?.listings).toEqual(expected.listings);
  });

  it('passes the schema the background validates it with', () => {
    expect(Recognition.safeParse(recognition).error).toBeUndefined();
  });
});

describe('the fixture set', () => {
  const fixtures = pageFixtures();

  it('holds every real capture from ../shared/fixtures/real', () => {
    const real = fixtures.map((fixture) => fixture.source).filter((source) => source.startsWith('real:'));
    expect(real).toHaveLength(12);
  });

  it('names authored pages as authored', () => {
    for (const fixture of fixtures) {
      expect(fixture.source.startsWith('authored') === fixture.name.includes('authored'), fixture.name).toBe(true);
    }
  });
});
