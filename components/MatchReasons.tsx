/** Why a listing looks like a catalogue entry, in words a person can check against the listing. */
import type { Match } from '@/utils/catalog/match/types';
import { matchedEntryText, reasonText } from '@/utils/match-reasons';

export function MatchSummary({ match }: { match: Match }) {
  return (
    <div class="match" data-testid="match" data-entry={match.entryId} data-confidence={match.confidence}>
      <span class="entry">{matchedEntryText(match)}</span>
      <span class="reasons">{match.reasons.map(reasonText).join(' + ')}</span>
    </div>
  );
}
