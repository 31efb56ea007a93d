// @vitest-environment node
// (Node's Blob survives structured cloning into fake-indexeddb; happy-dom's does not: store-helpers.ts.)
/**
 * Evidence is append-only: notes, tags, statuses and case memberships are new chained events that
 * never change the item; deleting needs a confirmation, drops the bytes, keeps the item's record
 * and leaves a tombstone the chain still verifies with.
 */
import { describe, expect, it } from 'vitest';
import {
  addCapture,
  artifactBlob,
  artifactId,
  caseItems,
  createCase,
  deleteItem,
  EvidenceChangeRefusedError,
  EvidenceNotFoundError,
  getItem,
  itemHistory,
  listCases,
  listItems,
  recordEvent,
  verifyChain,
  type DeletionConfirmation,
  type ItemChange,
} from '@/utils/evidence/store';
import { captureOf, dump, freshDatabase } from '../../support/evidence/store-helpers';

async function oneItem() {
  const db = await freshDatabase();
  const item = await addCapture(db, captureOf(1, { note: 'first seen in search results', tags: ['pdf'] }));
  return { db, item };
}

describe('events', () => {
  it('append in order, change the item’s state, and never change the item', async () => {
    const { db, item } = await oneItem();
    const note = await recordEvent(db, item.id, { type: 'note', note: 'seller has 40 other textbooks' }, { by: 'J. Smith' });
    const tags = await recordEvent(db, item.id, { type: 'tags', tags: ['pdf', 'repeat seller'] });
    const status = await recordEvent(db, item.id, { type: 'status', status: 'reported', comment: 'IPP complaint 123456' });

    expect(await getItem(db, item.id)).toEqual(item);
    expect(note).toMatchObject({ sequence: 2, previousLink: item.link, itemId: item.id, by: 'J. Smith' });
    expect(tags.previousLink).toBe(note.link);
    const history = (await itemHistory(db, item.id))!;
    expect(history.item).toEqual(item);
    expect(history.events).toEqual([note, tags, status]);
    expect(history.state).toMatchObject({ note: 'seller has 40 other textbooks', tags: ['pdf', 'repeat seller'], status: 'reported', updatedAt: status.at });
    expect(await verifyChain(db)).toMatchObject({ ok: true, records: 4 });
  });

  it('are refused for an item that does not exist, and for invalid changes, with nothing written', async () => {
    const { db, item } = await oneItem();
    const before = await dump(db);
    await expect(recordEvent(db, 'f'.repeat(64), { type: 'note', note: 'x' })).rejects.toBeInstanceOf(EvidenceNotFoundError);
    await expect(recordEvent(db, item.id, { type: 'status', status: 'lost' } as unknown as ItemChange)).rejects.toThrow();
    await expect(recordEvent(db, item.id, { type: 'tags', tags: ['a', 'a'] })).rejects.toThrow(/repeat/);
    await expect(recordEvent(db, item.id, { type: 'deleted', reason: 'x' } as unknown as ItemChange)).rejects.toBeInstanceOf(EvidenceChangeRefusedError);
    expect(await dump(db)).toEqual(before);
  });
});

describe('deleting an item', () => {
  it('needs confirmed: true', async () => {
    const { db, item } = await oneItem();
    const before = await dump(db);
    const unconfirmed = { confirmed: false, reason: 'wrong page' } as unknown as DeletionConfirmation;
    await expect(deleteItem(db, item.id, unconfirmed)).rejects.toBeInstanceOf(EvidenceChangeRefusedError);
    await expect(deleteItem(db, item.id, { confirmed: true, reason: '  ' })).rejects.toThrow();
    expect(await dump(db)).toEqual(before);
  });

  it('leaves a tombstone and the item’s record, drops its bytes, and the chain still verifies', async () => {
    const { db, item } = await oneItem();
    const kept = await addCapture(db, captureOf(2));
    const tombstone = await deleteItem(db, item.id, { confirmed: true, reason: 'captured the wrong listing', by: 'J. Smith' });

    expect(tombstone).toMatchObject({ sequence: 3, itemId: item.id, by: 'J. Smith', change: { type: 'deleted', reason: 'captured the wrong listing' } });
    expect(await getItem(db, item.id)).toEqual(item);
    expect(await artifactBlob(db, artifactId(item.id, 0))).toBeUndefined();
    expect(await artifactBlob(db, artifactId(item.id, 1))).toBeUndefined();
    expect(await artifactBlob(db, artifactId(kept.id, 0))).toBeInstanceOf(Blob);
    expect((await itemHistory(db, item.id))?.state.deleted).toEqual({ at: tombstone.at, by: 'J. Smith', reason: 'captured the wrong listing' });
    expect(await verifyChain(db)).toMatchObject({ ok: true, records: 3 });

    expect((await listItems(db)).map(({ item }) => item.id)).toEqual([kept.id]);
    expect((await listItems(db, { includeDeleted: true })).map(({ item }) => item.id)).toEqual([item.id, kept.id]);
  });

  it('is final: a deleted item takes no more events and cannot be deleted twice', async () => {
    const { db, item } = await oneItem();
    await deleteItem(db, item.id, { confirmed: true, reason: 'duplicate' });
    const before = await dump(db);
    await expect(recordEvent(db, item.id, { type: 'status', status: 'reported' })).rejects.toThrow(/deleted/);
    await expect(deleteItem(db, item.id, { confirmed: true, reason: 'again' })).rejects.toBeInstanceOf(EvidenceChangeRefusedError);
    expect(await dump(db)).toEqual(before);
  });
});

describe('cases', () => {
  it('are created, listed, and hold the items added to them by events', async () => {
    const db = await freshDatabase();
    const seller = await createCase(db, { name: 'Book World Store', description: 'one complaint for all its listings' });
    const other = await createCase(db, { name: 'Taobao 2025 Q1' });
    expect(await listCases(db)).toEqual([seller, other]);

    const [a, b, c] = [await addCapture(db, captureOf(1)), await addCapture(db, captureOf(2)), await addCapture(db, captureOf(3))];
    await recordEvent(db, a.id, { type: 'case-added', caseId: seller.id });
    await recordEvent(db, c.id, { type: 'case-added', caseId: seller.id });
    await recordEvent(db, b.id, { type: 'case-added', caseId: other.id });
    await recordEvent(db, c.id, { type: 'case-added', caseId: other.id });
    expect((await caseItems(db, seller.id)).map(({ item }) => item.id)).toEqual([a.id, c.id]);

    await recordEvent(db, a.id, { type: 'case-removed', caseId: seller.id });
    expect((await caseItems(db, seller.id)).map(({ item }) => item.id)).toEqual([c.id]);
    expect((await caseItems(db, other.id)).map(({ item }) => item.id)).toEqual([b.id, c.id]);
    expect(await verifyChain(db)).toMatchObject({ ok: true, records: 8 });
  });

  it('refuse an unknown case, a second add and a remove of an item not in them', async () => {
    const db = await freshDatabase();
    const seller = await createCase(db, { name: 'Book World Store' });
    const item = await addCapture(db, captureOf(1));
    await recordEvent(db, item.id, { type: 'case-added', caseId: seller.id });
    const before = await dump(db);
    await expect(recordEvent(db, item.id, { type: 'case-added', caseId: 'no-such-case' })).rejects.toThrow(/no case/);
    await expect(recordEvent(db, item.id, { type: 'case-added', caseId: seller.id })).rejects.toThrow(/already in case/);
    await expect(recordEvent(db, item.id, { type: 'case-removed', caseId: 'no-such-case' })).rejects.toThrow(/not in case/);
    await expect(createCase(db, { name: ' ' })).rejects.toThrow();
    expect(await dump(db)).toEqual(before);
  });
});
