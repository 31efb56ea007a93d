// @vitest-environment node
// (Node's Blob survives structured cloning into fake-indexeddb; happy-dom's does not: store-helpers.ts.)
/**
 * The chain: captures and events link one after another, concurrent writers never fork it, and
 * verifyChain finds each kind of tampering (an edited record or screenshot, a record removed or
 * moved, a stray artifact, a state its events do not produce) and names the item.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { chainLink, sha256OfCanonical } from '@/utils/protocol/digest';
import type { EvidenceEvent, EvidenceItem } from '@/utils/protocol/evidence';
import { addCapture, artifactId, openEvidenceDatabase, recordEvent, verifyChain, type EvidenceDatabase } from '@/utils/evidence/store';
import { synchronousSha256 } from '@/utils/evidence/sha256';
import { chainLinker } from '@/utils/evidence/store/chain-link';
import { captureOf, freshDatabase, sha256OfBytes } from '../../support/evidence/store-helpers';

/** Records in chain order, whatever kind they are. */
async function chainOf(db: EvidenceDatabase): Promise<(EvidenceItem | EvidenceEvent)[]> {
  return [...(await db.getAll('items')), ...(await db.getAll('events'))].sort((a, b) => a.sequence - b.sequence);
}

function expectUnbroken(records: readonly (EvidenceItem | EvidenceEvent)[]) {
  expect(records.map((record) => record.sequence)).toEqual(records.map((_, index) => index + 1));
  records.forEach((record, index) => expect(record.previousLink).toBe(index === 0 ? null : records[index - 1]!.link));
}

describe('the link computed inside the transaction', () => {
  it('is SHA-256, as Node computes it, at every padding boundary and beyond, one input after another', async () => {
    const sha256 = await synchronousSha256();
    for (const length of [0, 1, 3, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000, 100_003]) {
      const bytes = new Uint8Array(randomBytes(length));
      expect(sha256(bytes), `${length} bytes`).toBe(sha256OfBytes(bytes));
    }
    expect(sha256(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('equals chainLink, the WebCrypto construction the verifier uses', async () => {
    const first = await sha256OfCanonical({ n: 1 });
    const second = await sha256OfCanonical({ n: 2 });
    const link = await chainLinker();
    expect(link(null, first)).toBe(await chainLink(null, first));
    expect(link(first, second)).toBe(await chainLink(first, second));
  });
});

describe('a chain of captures and events', () => {
  it('links every record to the one before, and verifies', async () => {
    const db = await freshDatabase();
    const first = await addCapture(db, captureOf(1));
    const second = await addCapture(db, captureOf(2));
    await recordEvent(db, first.id, { type: 'status', status: 'reported' });
    await addCapture(db, captureOf(3));
    await recordEvent(db, second.id, { type: 'tags', tags: ['repeat seller'] });

    const records = await chainOf(db);
    expect(records).toHaveLength(5);
    expectUnbroken(records);
    expect(await db.get('chain', 'head')).toMatchObject({ sequence: 5, link: records[4]!.link });
    expect(await verifyChain(db)).toEqual({ ok: true, records: 5, headLink: records[4]!.link });
  });

  it('verifies when empty', async () => {
    expect(await verifyChain(await freshDatabase())).toEqual({ ok: true, records: 0, headLink: null });
  });

  it('is never forked by concurrent captures', async () => {
    const db = await freshDatabase();
    const items = await Promise.all(Array.from({ length: 10 }, (_, n) => addCapture(db, captureOf(n + 1))));
    expect(new Set(items.map((item) => item.sequence))).toEqual(new Set(Array.from({ length: 10 }, (_, n) => n + 1)));
    expectUnbroken(await chainOf(db));
    expect(await verifyChain(db)).toMatchObject({ ok: true, records: 10 });
  });

  it('is never forked by captures and events from two contexts at once', async () => {
    const db = await freshDatabase();
    const other = await openEvidenceDatabase(db.name);
    const seed = await addCapture(db, captureOf(100));
    await Promise.all(
      Array.from({ length: 12 }, (_, n) =>
        n % 3 === 0 ? recordEvent(n % 2 ? db : other, seed.id, { type: 'note', note: `note ${n}` }) : addCapture(n % 2 ? db : other, captureOf(n + 1)),
      ),
    );
    const records = await chainOf(db);
    expect(records).toHaveLength(13);
    expectUnbroken(records);
    expect(await verifyChain(other)).toMatchObject({ ok: true, records: 13 });
    other.close();
  });
});

describe('verifyChain finds tampering', () => {
  async function threeItems() {
    const db = await freshDatabase();
    const items = [await addCapture(db, captureOf(1)), await addCapture(db, captureOf(2)), await addCapture(db, captureOf(3))];
    return { db, items, second: items[1]! };
  }

  it('an edited metadata field', async () => {
    const { db, second } = await threeItems();
    await db.put('items', { ...second, metadata: { ...second.metadata, listing: { ...second.metadata.listing, price: 0.99 } } });
    expect(await verifyChain(db)).toMatchObject({ ok: false, firstBreak: { problem: 'metadata-digest', sequence: 2, itemId: second.id } });
  });

  it('an edited metadata field whose metadata digest was recomputed too', async () => {
    const { db, second } = await threeItems();
    const metadata = { ...second.metadata, capturedBy: 'someone else' };
    await db.put('items', { ...second, metadata, metadataDigest: await sha256OfCanonical(metadata) });
    expect(await verifyChain(db)).toMatchObject({ ok: false, firstBreak: { problem: 'item-id', itemId: second.id } });
  });

  it('an edited screenshot', async () => {
    const { db, second } = await threeItems();
    const record = (await db.get('artifacts', artifactId(second.id, 0)))!;
    await db.put('artifacts', { ...record, blob: new Blob([new Uint8Array(record.size)], { type: 'image/png' }) });
    expect(await verifyChain(db)).toMatchObject({ ok: false, firstBreak: { problem: 'artifact-altered', sequence: 2, itemId: second.id } });
  });

  it('a removed screenshot, and one slipped in', async () => {
    const { db, second } = await threeItems();
    const record = (await db.get('artifacts', artifactId(second.id, 1)))!;
    await db.delete('artifacts', record.id);
    expect(await verifyChain(db)).toMatchObject({ ok: false, firstBreak: { problem: 'artifact-missing', itemId: second.id } });
    await db.put('artifacts', record);
    await db.put('artifacts', { ...record, id: artifactId(second.id, 2) });
    expect(await verifyChain(db)).toMatchObject({ ok: false, firstBreak: { problem: 'artifact-stray', itemId: second.id } });
  });

  it('an item record deleted directly, in the middle or at the end', async () => {
    const { db, items, second } = await threeItems();
    await db.delete('items', second.id);
    expect(await verifyChain(db)).toMatchObject({ ok: false, firstBreak: { problem: 'missing-record', sequence: 2, itemId: second.id } });
    await db.put('items', second);
    await db.delete('items', items[2]!.id);
    expect(await verifyChain(db)).toMatchObject({ ok: false, firstBreak: { problem: 'missing-record', sequence: 3, itemId: items[2]!.id } });
  });

  it('two records put in each other’s place', async () => {
    const { db, items, second } = await threeItems();
    const third = items[2]!;
    const tx = db.transaction('items', 'readwrite');
    await tx.store.delete(second.id);
    await tx.store.delete(third.id);
    await tx.store.put({ ...second, sequence: 3 });
    await tx.store.put({ ...third, sequence: 2 });
    await tx.done;
    expect(await verifyChain(db)).toMatchObject({ ok: false, firstBreak: { problem: 'previous-link', sequence: 2, itemId: third.id } });
  });

  it('an edited event, and a state its events do not produce', async () => {
    const { db, second } = await threeItems();
    const event = await recordEvent(db, second.id, { type: 'status', status: 'rejected' });
    expect(await verifyChain(db)).toMatchObject({ ok: true, records: 4 });

    await db.put('states', { ...(await db.get('states', second.id))!, status: 'taken-down' });
    expect(await verifyChain(db)).toMatchObject({ ok: false, firstBreak: { problem: 'state', itemId: second.id } });

    await db.put('events', { ...event, change: { type: 'status', status: 'taken-down' } });
    expect(await verifyChain(db)).toMatchObject({ ok: false, firstBreak: { problem: 'record-digest', sequence: 4, itemId: second.id } });
  });

  it('a chain head that does not end the chain', async () => {
    const { db, items } = await threeItems();
    await db.put('chain', { schemaVersion: 1, key: 'head', sequence: 2, link: items[1]!.link });
    expect(await verifyChain(db)).toMatchObject({ ok: false, firstBreak: { problem: 'head' } });
  });
});
