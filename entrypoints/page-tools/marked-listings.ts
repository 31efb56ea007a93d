/** Which listings of a recognised page to mark, and where: their cards, or the whole page on an item page. */
import { listingCards } from '@/utils/sites/listing-cards';
import type { Recognition } from '@/utils/sites/types';
import type { MarkedListing } from './marks';
import type { MatchesAnswer } from './matches-answer';

export function markedListings(recognition: Recognition, answer: MatchesAnswer): MarkedListing[] {
  const matched = recognition.listings.filter((listing) => answer.matches[listing.id]?.length);
  if (matched.length === 0) return [];
  const cards = recognition.kind === 'item' ? null : listingCards(document, location.href);
  const marked: MarkedListing[] = [];
  for (const listing of matched) {
    const card = cards?.get(listing.id) ?? null;
    // A search result Colophon cannot place (no card drawn yet) is marked once its card appears.
    if (recognition.kind !== 'item' && !card) continue;
    marked.push({ listingId: listing.id, card, match: answer.matches[listing.id]![0]! });
  }
  return marked;
}
