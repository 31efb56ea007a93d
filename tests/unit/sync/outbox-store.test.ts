// @vitest-environment node
// (Node's Blob survives structured cloning into fake-indexeddb; happy-dom's does not: store-helpers.ts.)
/**
 * The outbox as stored beside the evidence: a capture is queued in its own transaction, a deletion
 * takes a pending entry with it (a stored one keeps its receipt), every entry read is parsed, and
 * a replacement happens only over the entry the writer last saw. Importing the outbox store joins
 * it to the evidence store's writes, as it does in the background and the pages.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { addCapture, deleteItem, type EvidenceDatabase } from '@/utils/evidence/store';
import { enqueue, fail, startAttempt, succeed, syncNow, unpark, type OutboxEntry } from '@/utils/sync/outbox-state';
import { changeOutboxEntries, outboxEntries, outboxEntriesIn, outboxEntry, outboxSummary, replaceOutboxEntry } from '@/utils/sync/outbox-store';
import { captureOf, freshDatabase } from '../../support/evidence/store-helpers';

const t0 = Date.UTC(2026, 10, 30, 8);
let db: EvidenceDatabase;
beforeEach(async () => {
  vi.spyOn(Date, 'now').mockReturnValue(t0);
  db = await freshDatabase();
});

const put = (entry: OutboxEntry) => db.put('outbox', entry);
const deletion = { confirmed: true, reason: 'not our book after all' } as const;

describe('a capture', () => {
  it('is queued, due at once, by the transaction that stores it', async () => {
    const item = await addCapture(db, captureOf(1));
    expect(await outboxEntry(db, item.id)).toEqual(enqueue(item.id, t0));
    expect(await outboxSummary(db)).toEqual({ queued: 1, uploading: 0, stored: 0, parked: 0 });
  });

  it('stored again (a retry after a crash) leaves its entry as it is', async () => {
    const item = await addCapture(db, captureOf(1));
    const stored = succeed(startAttempt(enqueue(item.id, t0), t0), { receiptId: 'r' }, t0 + 5);
    await put(stored);
    expect(await addCapture(db, captureOf(1))).toEqual(item);
    expect(await outboxEntries(db)).toEqual([stored]);
  });

  it('whose entry cannot be written is not stored either: item and entry are one transaction', async () => {
    // A clock before the epoch: the entry fails its own check inside the capture's transaction.
    vi.spyOn(Date, 'now').mockReturnValue(-1);
    await expect(addCapture(db, captureOf(1))).rejects.toThrow();
    expect(await db.getAll('items')).toEqual([]);
    expect(await db.get('chain', 'head')).toBeUndefined();
    expect(await outboxEntries(db)).toEqual([]);
  });

  it('that is not stored leaves no entry either', async () => {
    const broken = { ...captureOf(1), artifacts: [] };
    await expect(addCapture(db, broken)).rejects.toThrow();
    expect(await outboxEntries(db)).toEqual([]);
  });
});

describe('a deletion', () => {
  it('takes a queued, uploading or parked entry with the bytes', async () => {
    const items = [await addCapture(db, captureOf(1)), await addCapture(db, captureOf(2)), await addCapture(db, captureOf(3))];
    await put(startAttempt(enqueue(items[1]!.id, t0), t0));
    await put(fail(startAttempt(enqueue(items[2]!.id, t0), t0), { status: 401 }, t0, Math.random));
    for (const item of items) await deleteItem(db, item.id, deletion);
    expect(await outboxEntries(db)).toEqual([]);
  });

  it('keeps a stored entry: its receipt is the proof the item reached the intake', async () => {
    const item = await addCapture(db, captureOf(1));
    const stored = succeed(startAttempt(enqueue(item.id, t0), t0), { receiptId: 'r' }, t0);
    await put(stored);
    await deleteItem(db, item.id, deletion);
    expect(await outboxEntry(db, item.id)).toEqual(stored);
  });
});

describe('reading', () => {
  it('counts every state, zero included', async () => {
    expect(await outboxSummary(db)).toEqual({ queued: 0, uploading: 0, stored: 0, parked: 0 });
    await put(enqueue('a'.repeat(64), t0));
    await put(startAttempt(enqueue('b'.repeat(64), t0), t0));
    await put(fail(startAttempt(enqueue('c'.repeat(64), t0), t0), { status: 403 }, t0, Math.random));
    await put(fail(startAttempt(enqueue('d'.repeat(64), t0), t0), { status: 403 }, t0, Math.random));
    expect(await outboxSummary(db)).toEqual({ queued: 1, uploading: 1, stored: 0, parked: 2 });
  });

  it('refuses an entry that is not a valid one of a known version', async () => {
    await db.put('outbox', { ...enqueue('a'.repeat(64), t0), schemaVersion: 2 } as never);
    await expect(outboxEntries(db)).rejects.toThrow();
    await expect(outboxEntry(db, 'a'.repeat(64))).rejects.toThrow();
  });
});

describe('changing entries', () => {
  it('replaces an entry only while it is the one the writer last saw', async () => {
    const queued = enqueue('a'.repeat(64), t0);
    await put(queued);
    const uploading = startAttempt(queued, t0 + 1);
    expect(await replaceOutboxEntry(db, queued, uploading)).toBe(true);
    // The user unparked, deleted or "sync now"-ed meanwhile: the stale writer changes nothing.
    expect(await replaceOutboxEntry(db, queued, startAttempt(queued, t0 + 2))).toBe(false);
    expect(await outboxEntry(db, queued.itemId)).toEqual(uploading);
    expect(await replaceOutboxEntry(db, queued, null)).toBe(false);
    expect(await replaceOutboxEntry(db, uploading, null)).toBe(true);
    expect(await outboxEntry(db, queued.itemId)).toBeUndefined();
    expect(await replaceOutboxEntry(db, uploading, uploading)).toBe(false);
  });

  it('refuses to move an entry to another item', async () => {
    const queued = enqueue('a'.repeat(64), t0);
    await put(queued);
    await expect(replaceOutboxEntry(db, queued, enqueue('b'.repeat(64), t0))).rejects.toThrow(TypeError);
  });

  it('applies a transition to all entries, or to the ones named, and returns those it changed', async () => {
    const parked = fail(startAttempt(enqueue('a'.repeat(64), t0), t0), { status: 401 }, t0, Math.random);
    const later = { ...enqueue('b'.repeat(64), t0), nextAttemptAt: t0 + 60_000 };
    await put(parked);
    await put(later);
    const unparked = await changeOutboxEntries(db, (entry) => (entry.state === 'parked' ? unpark(entry, t0 + 1) : entry), { itemIds: ['a'.repeat(64), 'f'.repeat(64)] });
    expect(unparked).toEqual([unpark(parked, t0 + 1)]);
    const due = await changeOutboxEntries(db, (entry) => syncNow(entry, t0 + 2), { state: 'queued' });
    expect(due.map((entry) => [entry.itemId[0], entry.nextAttemptAt])).toEqual([['b', t0 + 2]]);
    expect(await outboxSummary(db)).toMatchObject({ queued: 2, parked: 0 });
    expect((await outboxEntriesIn(db, 'queued')).map((entry) => entry.itemId[0]).sort()).toEqual(['a', 'b']);
    // A scope by state leaves other states alone, whatever the change would do to them.
    expect(await changeOutboxEntries(db, (entry) => ({ ...entry, attempts: 7 }), { state: 'parked' })).toEqual([]);
  });
});
