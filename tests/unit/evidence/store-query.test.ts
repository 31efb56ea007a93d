// @vitest-environment node
// (Node's Blob survives structured cloning into fake-indexeddb; happy-dom's does not: store-helpers.ts.)
/**
 * Listing evidence by what the evidence page filters on: marketplace, capture date, catalogue
 * entry, shop, status, tag and case, each through its index, alone or combined, in chain order;
 * status and tags as they stand after the item's events, not as captured.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { EvidenceItem } from '@/utils/protocol/evidence';
import { addCapture, createCase, listItems, recordEvent, type EvidenceDatabase, type EvidenceFilter } from '@/utils/evidence/store';
import { captureOf, freshDatabase, metadataOf } from '../../support/evidence/store-helpers';

let db: EvidenceDatabase;
let items: EvidenceItem[];
let caseId: string;

const taobaoListing = (n: number, shopId: string) => ({
  ...metadataOf(n).listing,
  id: String(700000000000 + n),
  currency: 'CNY',
  shop: { id: shopId, name: '书香小店', sellerId: null },
});

beforeAll(async () => {
  db = await freshDatabase();
  const other = { ...metadataOf(0).match!, entryId: '9780134685991', title: 'Effective Java', reasons: [] };
  items = [];
  // Captured one minute apart: 1 → 05:07:07.089Z … 5 → 05:11:07.089Z.
  items.push(await addCapture(db, captureOf(1, { tags: ['pdf'] })));
  items.push(await addCapture(db, captureOf(2, { marketplace: 'taobao', listing: taobaoListing(2, '57300001'), match: { ...other, listingId: '700000000002' } })));
  items.push(await addCapture(db, captureOf(3, { marketplace: 'taobao', listing: taobaoListing(3, '57300001'), match: null, tags: ['pdf', 'print'] })));
  items.push(await addCapture(db, captureOf(4, { marketplace: 'aliexpress-ru', pageKind: 'search' })));
  items.push(await addCapture(db, captureOf(5, { marketplace: 'tmall', listing: taobaoListing(5, '57300001') })));
  await recordEvent(db, items[0]!.id, { type: 'status', status: 'reported' });
  await recordEvent(db, items[2]!.id, { type: 'status', status: 'reported' });
  await recordEvent(db, items[2]!.id, { type: 'tags', tags: ['print'] });
  caseId = (await createCase(db, { name: 'Taobao shop 57300001' })).id;
  await recordEvent(db, items[1]!.id, { type: 'case-added', caseId });
  await recordEvent(db, items[2]!.id, { type: 'case-added', caseId });
});

/** Which of the five captures (1–5) a filter lists. */
async function listed(filter: EvidenceFilter): Promise<number[]> {
  return (await listItems(db, filter)).map(({ item }) => items.findIndex((one) => one.id === item.id) + 1);
}

describe('listItems', () => {
  it('lists everything in chain order, with each item’s current state', async () => {
    const all = await listItems(db);
    expect(all.map(({ item }) => item)).toEqual(items);
    expect(all[2]!.state).toMatchObject({ status: 'reported', tags: ['print'], caseIds: [caseId] });
  });

  it('filters by marketplace, aliexpress.ru apart from aliexpress', async () => {
    expect(await listed({ marketplace: 'aliexpress' })).toEqual([1]);
    expect(await listed({ marketplace: 'aliexpress-ru' })).toEqual([4]);
    expect(await listed({ marketplace: 'taobao' })).toEqual([2, 3]);
  });

  it('filters by capture date: from inclusive, to exclusive', async () => {
    const at = (minute: number) => new Date(Date.UTC(2025, 2, 4, 5, minute, 7, 89));
    expect(await listed({ captured: { from: at(8), to: at(10) } })).toEqual([2, 3]);
    expect(await listed({ captured: { from: at(10) } })).toEqual([4, 5]);
    expect(await listed({ captured: { to: at(8) } })).toEqual([1]);
  });

  it('filters by catalogue entry and by shop, a shop id belonging to its marketplace', async () => {
    expect(await listed({ catalogueEntry: { catalogueId: 'springer', entryId: '9783030436148' } })).toEqual([1, 4, 5]);
    expect(await listed({ catalogueEntry: { catalogueId: 'springer', entryId: '9780134685991' } })).toEqual([2]);
    expect(await listed({ shop: { marketplace: 'taobao', id: '57300001' } })).toEqual([2, 3]);
    expect(await listed({ shop: { marketplace: 'tmall', id: '57300001' } })).toEqual([5]);
  });

  it('filters by status and tag as they stand after the events', async () => {
    expect(await listed({ status: 'reported' })).toEqual([1, 3]);
    expect(await listed({ status: 'new' })).toEqual([2, 4, 5]);
    expect(await listed({ tag: 'pdf' })).toEqual([1]);
    expect(await listed({ tag: 'print' })).toEqual([3]);
  });

  it('filters by case, and combines criteria', async () => {
    expect(await listed({ caseId })).toEqual([2, 3]);
    expect(await listed({ caseId, status: 'reported' })).toEqual([3]);
    expect(await listed({ marketplace: 'taobao', tag: 'print', captured: { from: new Date('2025-03-04T05:09:00.000Z') } })).toEqual([3]);
    expect(await listed({ marketplace: 'tmall', status: 'reported' })).toEqual([]);
  });

  it('reads through the index of a criterion, not through every state', async () => {
    const indexReads = vi.spyOn(IDBIndex.prototype, 'getAll');
    const storeReads = vi.spyOn(IDBObjectStore.prototype, 'getAll');
    const cases: [EvidenceFilter, string][] = [
      [{ marketplace: 'taobao' }, 'marketplace'],
      [{ captured: { from: new Date('2025-03-04T05:09:00.000Z') } }, 'capturedAt'],
      [{ catalogueEntry: { catalogueId: 'springer', entryId: '9780134685991' } }, 'catalogueEntry'],
      [{ shop: { marketplace: 'taobao', id: '57300001' } }, 'shop'],
      [{ status: 'reported' }, 'status'],
      [{ tag: 'print' }, 'tags'],
      [{ caseId }, 'caseIds'],
    ];
    for (const [filter, index] of cases) {
      indexReads.mockClear();
      await listItems(db, filter);
      expect(indexReads.mock.contexts.map((context) => (context as IDBIndex).name)).toEqual([index]);
    }
    expect(storeReads).not.toHaveBeenCalled();
    expect(db.transaction('states').store.index('tags').multiEntry).toBe(true);
  });
});
