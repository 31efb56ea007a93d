/** Every listing shown as a card on a saved search or store page is found with its own card. */
import { describe, expect, it } from 'vitest';
import { savedPage } from '@/utils/cli/saved-page';
import { listingCards } from '@/utils/sites/listing-cards';
import { pageFixtures } from '../../fixtures/pages';

// Pages whose listings are all drawn as cards in the saved DOM (listsrp, the 2026 shell and the
// AliExpress category page are served HTML before rendering: their listings live only in the page data).
const servedBeforeRendering = /listsrp|search-2026-shell|category-init-data/;
const cardPages = pageFixtures().filter((fixture) => ['search', 'store'].includes(fixture.expected.kind) && !servedBeforeRendering.test(fixture.name));

describe.each(cardPages)('$name', ({ url, html, expected }) => {
  const page = savedPage(html(), url);
  const cards = listingCards(page.document, url);

  it('finds a card for every listing', () => {
    for (const listing of expected.listings) expect(cards.has(listing.id), listing.id).toBe(true);
  });

  it('gives each listing a card of its own, holding no other listing', () => {
    const elements = expected.listings.map((listing) => cards.get(listing.id)!);
    expect(new Set(elements).size).toBe(elements.length);
    for (const [index, element] of elements.entries()) {
      for (const [other, otherElement] of elements.entries()) if (other !== index) expect(element.contains(otherElement)).toBe(false);
    }
  });
});
