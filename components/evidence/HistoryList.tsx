/** An item's history, oldest first: its capture, then every change, with when, who and what. */
import type { Case, EvidenceChange, EvidenceEvent, EvidenceItem } from '@/utils/protocol/evidence';
import { t } from '@/utils/i18n';
import { localTime, statusLabel, utcTime } from './format';

function changeText(change: EvidenceChange, caseName: (caseId: string) => string): string {
  switch (change.type) {
    case 'note':
      return change.note ? t('evidenceEventNote', change.note) : t('evidenceEventNoteCleared');
    case 'tags':
      return change.tags.length > 0 ? t('evidenceEventTags', change.tags.join(', ')) : t('evidenceEventTagsCleared');
    case 'status':
      return change.comment ? t('evidenceEventStatusComment', statusLabel(change.status), change.comment) : t('evidenceEventStatus', statusLabel(change.status));
    case 'case-added':
      return t('evidenceEventCaseAdded', caseName(change.caseId));
    case 'case-removed':
      return t('evidenceEventCaseRemoved', caseName(change.caseId));
    case 'deleted':
      return t('evidenceEventDeleted', change.reason);
  }
}

interface Props {
  item: EvidenceItem;
  events: readonly EvidenceEvent[];
  cases: readonly Case[];
}

export function HistoryList({ item, events, cases }: Props) {
  const caseName = (caseId: string) => cases.find((one) => one.id === caseId)?.name ?? caseId;
  const who = (by: string) => by || t('evidenceSomeone');
  return (
    <ol class="history" data-testid="evidence-history">
      <li data-testid="evidence-history-entry" data-type="captured">
        <time dateTime={item.createdAt} title={utcTime(item.createdAt)}>
          {localTime(item.createdAt)}
        </time>{' '}
        <span class="who">{who(item.metadata.capturedBy)}</span> <span class="what">{t('evidenceEventCaptured')}</span>
      </li>
      {events.map((event) => (
        <li key={event.sequence} data-testid="evidence-history-entry" data-type={event.change.type} data-sequence={event.sequence}>
          <time dateTime={event.at} title={utcTime(event.at)}>
            {localTime(event.at)}
          </time>{' '}
          <span class="who">{who(event.by)}</span> <span class="what">{changeText(event.change, caseName)}</span>
        </li>
      ))}
    </ol>
  );
}
