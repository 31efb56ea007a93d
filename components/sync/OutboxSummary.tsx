/**
 * The outbox in one line, with "Sync now": in the popup and in the options
 * page. The counts are read from the evidence database, where the background keeps the outbox,
 * and read again each time the background announces a change.
 */
import { useEffect, useState } from 'preact/hooks';
import { failureText } from '@/components/evidence/format';
import { openEvidenceDatabase, type EvidenceDatabase } from '@/utils/evidence/store';
import { t } from '@/utils/i18n';
import { sendToBackground } from '@/utils/messages';
import { outboxSummary } from '@/utils/sync/outbox-store';
import { useOutboxReads } from './outbox-view';
import { summaryLine, type OutboxSummary as Summary } from './wording';

type Read = { status: 'loading' } | { status: 'ready'; summary: Summary } | { status: 'failed'; error: string };

/** The outbox's counts, kept current; the database is opened for as long as the component is shown. */
export function useOutboxSummary(): Read {
  const [db, setDb] = useState<EvidenceDatabase | null>(null);
  const [read, setRead] = useState<Read>({ status: 'loading' });
  useEffect(() => {
    let opened: EvidenceDatabase | null = null;
    let closed = false;
    openEvidenceDatabase().then(
      (database) => {
        if (closed) return database.close();
        opened = database;
        setDb(database);
      },
      (failure: unknown) => setRead({ status: 'failed', error: failureText(failure) }),
    );
    return () => {
      closed = true;
      opened?.close();
    };
  }, []);
  useOutboxReads(async () => {
    if (!db) return;
    try {
      setRead({ status: 'ready', summary: await outboxSummary(db) });
    } catch (failure) {
      setRead({ status: 'failed', error: failureText(failure) });
    }
  }, [db]);
  return read;
}

type Outcome = { state: 'idle' } | { state: 'asking' } | { state: 'started' } | { state: 'not-configured' } | { state: 'no-permission' } | { state: 'failed'; error: string };

function outcomeText(outcome: Outcome): string | null {
  switch (outcome.state) {
    case 'idle':
      return null;
    case 'asking':
      return t('syncNowAsking');
    case 'started':
      return t('syncNowStarted');
    case 'not-configured':
      return t('syncNotConnected');
    case 'no-permission':
      return t('syncNoPermission');
    case 'failed':
      return t('syncNowFailed', outcome.error);
  }
}

interface Props {
  /** Shows "Sync now" (there is a connection to sync to). */
  canSync: boolean;
  /** Links to the evidence manager when items are parked: not from the evidence manager itself. */
  parkedLink?: boolean;
}

export function OutboxSummary({ canSync, parkedLink = true }: Props) {
  const read = useOutboxSummary();
  const [outcome, setOutcome] = useState<Outcome>({ state: 'idle' });

  const syncNow = async () => {
    if (outcome.state === 'asking') return;
    setOutcome({ state: 'asking' });
    try {
      const answer = await sendToBackground({ type: 'page:sync-now' });
      setOutcome(answer.ok ? { state: 'started' } : { state: answer.reason });
    } catch (failure) {
      setOutcome({ state: 'failed', error: failureText(failure) });
    }
  };

  const text = outcomeText(outcome);
  const parked = read.status === 'ready' ? read.summary.parked : 0;
  return (
    <div class="outbox-summary" data-testid="outbox-summary">
      <p role="status" data-testid="outbox-summary-line" data-status={read.status}>
        {read.status === 'ready' ? summaryLine(read.summary) : read.status === 'failed' ? <span class="error">{t('syncSummaryFailed', read.error)}</span> : null}
      </p>
      {parked > 0 && parkedLink ? (
        <p>
          <a href={browser.runtime.getURL('/evidence.html')} target="_blank" rel="noopener" data-testid="outbox-parked-link">
            {t('syncParkedLink')}
          </a>
        </p>
      ) : null}
      {canSync ? (
        <p>
          <button type="button" data-testid="sync-now" aria-disabled={outcome.state === 'asking'} onClick={() => void syncNow()}>
            {t('syncNow')}
          </button>{' '}
          {text ? (
            <span role="status" data-testid="sync-now-outcome" class={outcome.state === 'started' || outcome.state === 'asking' ? 'hint' : 'error'}>
              {text}
            </span>
          ) : null}
        </p>
      ) : null}
    </div>
  );
}
