/** Why a listing looks like a catalogue entry, in words a person can check against the listing. */
import type { Match, MatchReason } from '@/utils/catalog/match/types';
import { t } from '@/utils/i18n';

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
  }
}

export function MatchSummary({ match }: { match: Match }) {
  return (
    <div class="match" data-testid="match" data-entry={match.entryId} data-confidence={match.confidence}>
      <span class="entry">{t('popupMatchedEntry', match.title, String(Math.round(match.confidence * 100)))}</span>
      <span class="reasons">{match.reasons.map(reasonText).join(' + ')}</span>
    </div>
  );
}
