/**
 * An item's way to the intake at a glance, in the list's status cell and the
 * item view's header: waiting, uploading, stored ✓, or parked ⚠ with a few words why. Nothing
 * for an item that is not in the outbox (deleted before it was sent).
 */
import { useOutboxEntry } from '@/components/sync/outbox-view';
import { outboxStateLabel, parkedWording } from '@/components/sync/wording';
import { useEvidencePage } from './context';

export function ItemSyncStatus({ itemId }: { itemId: string }) {
  const { db, revision } = useEvidencePage();
  const read = useOutboxEntry(db, itemId, revision);
  if (read.status !== 'ready' || !read.entry) return null;
  const { state, parkedReason } = read.entry;
  const parked = parkedReason === null ? null : parkedWording(parkedReason);
  return (
    <span class={`sync-badge sync-badge-${state}`} data-testid="evidence-sync-badge" data-state={state} title={parked?.why}>
      {parked ? `⚠ ${outboxStateLabel(state)}: ${parked.short}` : state === 'stored' ? `${outboxStateLabel(state)} ✓` : outboxStateLabel(state)}
    </span>
  );
}
