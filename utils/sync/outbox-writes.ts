/**
 * What the outbox writes inside the evidence store's own transactions, as one of its participants
 * (utils/evidence/store/participants.ts). A new item is queued, due at once, in the transaction
 * that stores it, so no crash can leave an item stored but never sent. A deleted item leaves the
 * outbox with its bytes when the intake does not hold it yet, since the intake takes no tombstones
 * (intake/README.md, "Not in v1"); an item already stored keeps its entry, which holds the
 * intake's receipt.
 */
import type { EvidenceWriteParticipant } from '@/utils/evidence/store/participants';
import { enqueue, OutboxEntryV1 } from './outbox-state';

export const outboxWrites: EvidenceWriteParticipant = {
  stores: ['outbox'],
  async captured(tx, item) {
    await tx.objectStore('outbox').put(enqueue(item.id, Date.now()));
  },
  async recorded(tx, event) {
    if (event.change.type !== 'deleted') return;
    const entry = OutboxEntryV1.safeParse(await tx.objectStore('outbox').get(event.itemId));
    if (!entry.success || entry.data.state !== 'stored') await tx.objectStore('outbox').delete(event.itemId);
  },
};
