// @vitest-environment node
// (Node's Blob survives structured cloning into fake-indexeddb; happy-dom's does not: store-helpers.ts.)
/**
 * Participants: what else is written with a capture or an event, in its own transaction, without
 * the evidence store knowing what it is. A participant stands in here for the outbox, writing a
 * record of its own into the store kept for it: it sees each new item and each event, its write
 * commits with them, and its failure leaves nothing of them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { EvidenceEvent, EvidenceItem } from '@/utils/protocol/evidence';
import { addCapture, deleteItem, joinEvidenceWrites, recordEvent, type EvidenceWriteParticipant } from '@/utils/evidence/store';
import { captureOf, dump, freshDatabase } from '../../support/evidence/store-helpers';

const leaving: Array<() => void> = [];
afterEach(() => {
  for (const leave of leaving.splice(0)) leave();
});

/** A participant that keeps one record per item, saying what it last heard of it. */
function recorder(overrides: Partial<EvidenceWriteParticipant> = {}) {
  const heard: Array<EvidenceItem | EvidenceEvent> = [];
  const participant: EvidenceWriteParticipant = {
    stores: ['outbox'],
    async captured(tx, item) {
      heard.push(item);
      await tx.objectStore('outbox').put({ itemId: item.id, last: 'captured' });
    },
    async recorded(tx, event) {
      heard.push(event);
      await tx.objectStore('outbox').put({ itemId: event.itemId, last: event.change.type });
    },
    ...overrides,
  };
  leaving.push(joinEvidenceWrites(participant));
  return heard;
}

const failing = async () => {
  throw new Error('the participant cannot write');
};

describe('a capture', () => {
  it('writes nothing beyond the evidence when nobody takes part', async () => {
    const db = await freshDatabase();
    await addCapture(db, captureOf(1));
    expect(await db.getAll('outbox')).toEqual([]);
  });

  it('tells each participant of the new item, and its write commits with it', async () => {
    const db = await freshDatabase();
    const heard = recorder();
    const item = await addCapture(db, captureOf(1));
    expect(heard).toEqual([item]);
    expect(await db.get('outbox', item.id)).toEqual({ itemId: item.id, last: 'captured' });
  });

  it('stored again (a retry after a crash) tells nobody', async () => {
    const db = await freshDatabase();
    const heard = recorder();
    await addCapture(db, captureOf(1));
    await addCapture(db, captureOf(1));
    expect(heard).toHaveLength(1);
  });

  it('is not stored when a participant fails: one transaction', async () => {
    const db = await freshDatabase();
    await addCapture(db, captureOf(1));
    const before = await dump(db);
    recorder({ captured: failing });
    await expect(addCapture(db, captureOf(2))).rejects.toThrow('the participant cannot write');
    expect(await dump(db)).toEqual(before);
  });

  it('stops telling a participant that left', async () => {
    const db = await freshDatabase();
    const heard = recorder();
    leaving.pop()!();
    await addCapture(db, captureOf(1));
    expect(heard).toEqual([]);
    expect(await db.getAll('outbox')).toEqual([]);
  });
});

describe('an event', () => {
  it('is told to each participant, a deletion after the bytes are gone', async () => {
    const db = await freshDatabase();
    const item = await addCapture(db, captureOf(1));
    let artifactsLeft: number | null = null;
    const heard = recorder({
      async recorded(tx, event) {
        heard.push(event);
        if (event.change.type === 'deleted') artifactsLeft = await tx.objectStore('artifacts').index('itemId').count(item.id);
      },
    });
    const note = await recordEvent(db, item.id, { type: 'note', note: 'seen again' });
    const deletion = await deleteItem(db, item.id, { confirmed: true, reason: 'a licensed reseller' });
    expect(heard).toEqual([note, deletion]);
    expect(artifactsLeft).toBe(0);
  });

  it('is not recorded when a participant fails: one transaction', async () => {
    const db = await freshDatabase();
    const item = await addCapture(db, captureOf(1));
    const before = await dump(db);
    recorder({ recorded: failing });
    await expect(deleteItem(db, item.id, { confirmed: true, reason: 'a licensed reseller' })).rejects.toThrow('the participant cannot write');
    expect(await dump(db)).toEqual(before);
  });
});
