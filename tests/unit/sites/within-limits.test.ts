/**
 * Sellers' fields longer than a report may carry are shortened, not refused: the saved Taobao item
 * with an author padded past the limit is still reported, its author cut with a visible "…".
 */
import { describe, expect, it } from 'vitest';
import { savedPage } from '@/utils/cli/saved-page';
import { ContentPageRecognised } from '@/utils/messages';
import { recognisePage } from '@/utils/sites';
import { limits } from '@/utils/protocol/limits';
import { clipText, withinLimits } from '@/utils/sites/within-limits';
import type { Listing } from '@/utils/sites/types';
import { pageFixtures } from '../../fixtures/pages';

describe('a saved item page whose seller wrote an author of over a thousand characters', () => {
  const fixture = pageFixtures().find((candidate) => candidate.name === 'taobao/item-authored-2025-ice-book')!;
  const author = fixture.expected.listings[0]!.author!;
  const padded = `${author}、${'译者'.repeat(600)}`;
  const page = savedPage(fixture.html().split(author).join(padded), fixture.url);
  const recognition = recognisePage(fixture.url, page.document)!;

  it('is still reported, in a message the background accepts', () => {
    const message = { type: 'content:page-recognised', url: fixture.url, recognition };
    expect(ContentPageRecognised.safeParse(message).error).toBeUndefined();
    expect(recognition.listings.map((listing) => listing.id)).toEqual(fixture.expected.listings.map((listing) => listing.id));
  });

  it('keeps the start of the author and says it was cut', () => {
    const shown = recognition.listings[0]!.author!;
    expect(shown).toHaveLength(limits.name);
    expect(shown.startsWith(`${author}、译者`)).toBe(true);
    expect(shown.endsWith('…')).toBe(true);
  });
});

describe('clipText', () => {
  it('leaves text within the limit as it is', () => {
    expect(clipText('流畅的Python', 9)).toBe('流畅的Python');
    expect(clipText(null, 3)).toBeNull();
  });

  it('never cuts a surrogate pair in half', () => {
    const clipped = clipText('ab😀cd', 4)!;
    expect(clipped).toBe('ab…');
    expect(clipped.isWellFormed()).toBe(true);
  });
});

describe('withinLimits', () => {
  const base: Listing = {
    marketplace: 'aliexpress',
    id: '1005007284916352',
    url: 'https://www.aliexpress.com/item/1005007284916352.html',
    title: 'T'.repeat(3000),
    price: null,
    currency: null,
    shop: { name: 'S'.repeat(600), id: '9'.repeat(41), sellerId: '123' },
    images: [`https://ae01.alicdn.com/${'x'.repeat(2000)}.jpg`, ...Array.from({ length: 120 }, (_, at) => `https://ae01.alicdn.com/${at}.jpg`)],
    isbn: null,
    author: null,
    publisher: 'P'.repeat(501),
  };

  it('cuts every bounded field and drops what cannot be cut', () => {
    const [listing] = withinLimits({ marketplace: 'aliexpress', kind: 'search', wall: null, listings: [base] }).listings;
    expect(listing!.title).toHaveLength(limits.title);
    expect(listing!.publisher).toHaveLength(limits.name);
    expect(listing!.shop).toEqual({ name: `${'S'.repeat(limits.name - 1)}…`, id: null, sellerId: '123' });
    expect(listing!.images).toHaveLength(limits.images);
    expect(listing!.images[0]).toBe('https://ae01.alicdn.com/0.jpg');
  });

  it('keeps the first thousand listings of a page', () => {
    const listings = Array.from({ length: 1200 }, (_, at) => ({ ...base, id: String(100000 + at) }));
    const kept = withinLimits({ marketplace: 'aliexpress', kind: 'search', wall: null, listings }).listings;
    expect(kept).toHaveLength(limits.listings);
    expect(kept[0]!.id).toBe('100000');
  });
});
