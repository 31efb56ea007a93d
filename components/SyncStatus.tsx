/**
 * The sync line of the popup and the evidence manager: where the outbox
 * stands, "Sync now", and the way to the options page when there is no intake to sync to yet.
 * Items are queued from capture on, connected or not, so the counts show either way.
 */
import { useEffect, useState } from 'preact/hooks';
import { OutboxSummary } from '@/components/sync/OutboxSummary';
import { t } from '@/utils/i18n';
import { loadIntakeConnection } from '@/utils/sync/connection';

/** `parkedLink` off in the evidence manager: the parked items are on that page already, their badges saying so. */
export function SyncStatus({ parkedLink = true }: { parkedLink?: boolean }) {
  const [connected, setConnected] = useState<boolean | null>(null);

  useEffect(() => {
    let stale = false;
    loadIntakeConnection().then(
      (connection) => !stale && setConnected(connection !== null),
      () => !stale && setConnected(false),
    );
    return () => {
      stale = true;
    };
  }, []);

  return (
    <section class="sync" aria-labelledby="sync-heading" data-testid="sync-status" data-connected={connected === null ? '' : String(connected)}>
      <h2 id="sync-heading">{t('syncHeading')}</h2>
      {connected === false ? (
        <p data-testid="sync-not-connected">
          {t('syncNotConnected')}{' '}
          <button type="button" class="link" data-testid="sync-open-options" onClick={() => void browser.runtime.openOptionsPage()}>
            {t('syncOpenOptions')}
          </button>
        </p>
      ) : null}
      {connected === null ? null : <OutboxSummary canSync={connected} parkedLink={parkedLink} />}
    </section>
  );
}
