/**
 * Why a listing looks like a catalogue entry, in words a person can check against the listing:
 * shared by the popup and the marks on the page. Type-only imports, so the content script does not
 * load zod for them.
 */
import type { MatchReason } from './catalog/match/types';
import { t } from './i18n';

export function reasonText(reason: MatchReason): string {
  switch (reason.kind) {
    case 'isbn':
      return t('reason_isbn', reason.isbn);
    case 'title':
      return t('reason_title', reason.title);
    case 'author':
      return t('reason_author', reason.name);
    case 'edition':
      return t('reason_edition', String(reason.edition));
    case 'segment':
      return t(reason.leading ? 'reason_segment_leading' : 'reason_segment', reason.text);
    case 'outranked':
      return t(reason.sameWords ? 'reason_outranked_same_words' : 'reason_outranked_one_book', reason.title);
  }
}

/** "Looks like “Introduction to Algorithms” (99%)" */
export function matchedEntryText(match: { title: string; confidence: number }): string {
  return t('popupMatchedEntry', match.title, String(Math.round(match.confidence * 100)));
}
