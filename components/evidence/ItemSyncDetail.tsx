/**
 * The item view's part about the intake: where the item stands in the
 * outbox, its attempts and last error, why it is parked and what to do, "Retry" for a parked
 * item, and the receipt of a stored one.
 */
import { useState } from 'preact/hooks';
import { useOutboxEntry } from '@/components/sync/outbox-view';
import { outboxStateLabel, parkedWording } from '@/components/sync/wording';
import type { EvidenceItem } from '@/utils/protocol/evidence';
import { t } from '@/utils/i18n';
import { sendToBackground } from '@/utils/messages';
import type { OutboxEntry } from '@/utils/sync/outbox-state';
import { useEvidencePage } from './context';
import { failureText, localTime, utcTime } from './format';
import { SyncReceipt } from './SyncReceipt';

type Retry = { state: 'idle' } | { state: 'asking' } | { state: 'queued' } | { state: 'refused'; text: string };

function RetryParked({ itemId }: { itemId: string }) {
  const { changed } = useEvidencePage();
  const [retry, setRetry] = useState<Retry>({ state: 'idle' });

  const ask = async () => {
    if (retry.state === 'asking') return;
    setRetry({ state: 'asking' });
    try {
      const answer = await sendToBackground({ type: 'page:retry-parked', itemIds: [itemId] });
      if (answer.ok) {
        setRetry({ state: 'queued' });
        changed();
      } else setRetry({ state: 'refused', text: answer.reason === 'not-configured' ? t('syncNotConnected') : t('syncNoPermission') });
    } catch (failure) {
      setRetry({ state: 'refused', text: t('syncNowFailed', failureText(failure)) });
    }
  };

  return (
    <p>
      <button type="button" data-testid="evidence-sync-retry" aria-disabled={retry.state === 'asking'} onClick={() => void ask()}>
        {t('syncRetry')}
      </button>{' '}
      <span role="status" data-testid="evidence-sync-retry-result" class={retry.state === 'refused' ? 'error' : 'hint'}>
        {retry.state === 'queued' ? t('syncRetryQueued') : retry.state === 'refused' ? retry.text : null}
      </span>
    </p>
  );
}

const isoOf = (ms: number) => new Date(ms).toISOString();

function EntryFacts({ entry }: { entry: OutboxEntry }) {
  const { lastError } = entry;
  return (
    <dl class="sync-facts" data-testid="evidence-sync-facts">
      <dt>{t('syncStateLabel')}</dt>
      <dd data-testid="evidence-sync-state">{outboxStateLabel(entry.state)}</dd>
      <dt>{t('syncAttempts')}</dt>
      <dd data-testid="evidence-sync-attempts">{entry.attempts}</dd>
      {entry.state === 'queued' ? (
        <>
          <dt>{t('syncNextAttempt')}</dt>
          <dd data-testid="evidence-sync-next">
            {entry.nextAttemptAt <= Date.now() ? (
              t('syncNextAttemptNow')
            ) : (
              <time dateTime={isoOf(entry.nextAttemptAt)} title={utcTime(isoOf(entry.nextAttemptAt))}>
                {localTime(isoOf(entry.nextAttemptAt))}
              </time>
            )}
          </dd>
        </>
      ) : null}
      {lastError ? (
        <>
          <dt>{t('syncLastError')}</dt>
          <dd data-testid="evidence-sync-last-error">
            <code>{lastError.code}</code>
            {lastError.status !== null ? ` · HTTP ${lastError.status}` : ''}
            {lastError.message ? <span class="hint"> — {lastError.message}</span> : null}
          </dd>
        </>
      ) : null}
      <dt>{t('syncUpdated')}</dt>
      <dd>
        <time dateTime={isoOf(entry.updatedAt)} title={utcTime(isoOf(entry.updatedAt))}>
          {localTime(isoOf(entry.updatedAt))}
        </time>
      </dd>
    </dl>
  );
}

/** The coalition's duplicate check: how many other members reported the listing, never which. */
function DuplicateNotice({ notice }: { notice: NonNullable<OutboxEntry['duplicate']> }) {
  const text = !notice.reportedByOtherMembers
    ? t('syncDuplicateNone')
    : notice.otherMembers === 1
      ? t('syncDuplicateOne')
      : t('syncDuplicateMany', String(notice.otherMembers));
  return (
    <p class={notice.reportedByOtherMembers ? 'duplicate' : 'hint'} role="note" data-testid="evidence-sync-duplicate" data-others={notice.otherMembers}>
      {text}
    </p>
  );
}

export function ItemSyncDetail({ item }: { item: EvidenceItem }) {
  const { db, revision } = useEvidencePage();
  const read = useOutboxEntry(db, item.id, revision);
  const entry = read.status === 'ready' ? read.entry : null;
  const parked = entry?.parkedReason ? parkedWording(entry.parkedReason) : null;

  return (
    <section aria-labelledby="evidence-sync-heading" data-testid="evidence-sync" data-state={entry?.state ?? read.status}>
      <h3 id="evidence-sync-heading">{t('syncItemHeading')}</h3>
      {read.status === 'failed' ? <p class="error">{t('syncSummaryFailed', failureText(read.failure))}</p> : null}
      {read.status === 'ready' && !entry ? <p class="hint">{t('syncNotInOutbox')}</p> : null}
      {entry ? <EntryFacts entry={entry} /> : null}
      {entry && parked ? (
        <div class="parked" role="note" data-testid="evidence-sync-parked">
          <p data-testid="evidence-sync-why">
            <strong>{parked.why}</strong>
          </p>
          <p data-testid="evidence-sync-todo">{parked.todo}</p>
          <RetryParked itemId={item.id} />
        </div>
      ) : null}
      {entry?.duplicate ? <DuplicateNotice notice={entry.duplicate} /> : null}
      {entry?.state === 'stored' ? <SyncReceipt item={item} receipt={entry.receipt} /> : null}
    </section>
  );
}
