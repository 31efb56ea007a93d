/**
 * Recognises the page, reports it to the background when what Colophon sees has changed, and marks
 * the listings the background says look like catalogue entries.
 */
import type { ContentPageRecognised } from '@/utils/messages';
import { recognisePage } from '@/utils/sites';
import { listingCards } from '@/utils/sites/listing-cards';
import type { Recognition } from '@/utils/sites/types';
import { MatchesAnswer } from './matches-answer';
import type { MarkedListing, PageMarks } from './marks';

/** What the popup, badge and marks depend on: the page, its kind, and which listings it shows. */
function fingerprint(url: string, recognition: Recognition | null): string {
  if (!recognition) return `${url}|none`;
  return [url, recognition.kind, recognition.wall, ...recognition.listings.map((listing) => `${listing.id}:${listing.title ?? ''}:${listing.price ?? ''}`)].join('|');
}

/** Which listings to mark, and where: their cards, or the whole page on an item page. */
function markedListings(recognition: Recognition, answer: MatchesAnswer): MarkedListing[] {
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

export function createReporter(marks: PageMarks): () => Promise<void> {
  let last = '';
  return async function report() {
    const url = location.href;
    const recognition = recognisePage(url, document);
    const current = fingerprint(url, recognition);
    if (current === last) {
      marks.place();
      return;
    }
    last = current;
    try {
      // Type-only import of the protocol: the background validates this message with its zod schema.
      const message: ContentPageRecognised = { type: 'content:page-recognised', url, recognition };
      const answer = MatchesAnswer.safeParse(await browser.runtime.sendMessage(message));
      if (!answer.success) throw new Error(`unexpected answer: ${answer.error.issues[0]?.message}`);
      await marks.show(recognition ? markedListings(recognition, answer.data) : []);
    } catch (error) {
      // The extension was reloaded or updated under the page: this script is orphaned.
      last = '';
      console.debug('Colophon: could not report the page', error);
    }
  };
}
