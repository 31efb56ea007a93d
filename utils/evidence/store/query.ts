/**
 * Reading evidence: one item, its history, its artifacts' bytes, and lists filtered by what the
 * evidence page filters on. Lists read the small state records through an
 * index and the items beside them; artifacts live in their own store and are never loaded here.
 */
import type { IDBPObjectStore } from 'idb';
import type { EvidenceEvent, EvidenceItem, EvidenceMarketplace, EvidenceStatus, ItemState } from '@/utils/protocol/evidence';
import type { EvidenceDatabase, EvidenceDb } from './database';

export function getItem(db: EvidenceDatabase, itemId: string): Promise<EvidenceItem | undefined> {
  return db.get('items', itemId);
}

/** The bytes of one artifact (artifactId(item.id, index)); undefined once its item was deleted. */
export async function artifactBlob(db: EvidenceDatabase, artifactId: string): Promise<Blob | undefined> {
  return (await db.get('artifacts', artifactId))?.blob;
}

export interface ItemHistory {
  item: EvidenceItem;
  /** The item's events, oldest first. */
  events: EvidenceEvent[];
  state: ItemState;
}

export async function itemHistory(db: EvidenceDatabase, itemId: string): Promise<ItemHistory | undefined> {
  const tx = db.transaction(['items', 'events', 'states']);
  const [item, events, state] = await Promise.all([
    tx.objectStore('items').get(itemId),
    // The index orders by item, then by the primary key: the sequence.
    tx.objectStore('events').index('itemId').getAll(itemId),
    tx.objectStore('states').get(itemId),
  ]);
  return item && state ? { item, events, state } : undefined;
}

/** Every criterion given must hold. Deleted items are left out unless `includeDeleted`. */
export interface EvidenceFilter {
  marketplace?: EvidenceMarketplace;
  /** Captured at or after `from`, and before `to`. */
  captured?: { from?: Date; to?: Date };
  catalogueEntry?: { catalogueId: string; entryId: string };
  shop?: { marketplace: EvidenceMarketplace; id: string };
  status?: EvidenceStatus;
  tag?: string;
  caseId?: string;
  includeDeleted?: boolean;
}

export interface ListedItem {
  item: EvidenceItem;
  state: ItemState;
}

/** The items that pass `filter`, in chain order (the order they were captured in). */
export async function listItems(db: EvidenceDatabase, filter: EvidenceFilter = {}): Promise<ListedItem[]> {
  const tx = db.transaction(['states', 'items']);
  const candidates = await candidatesFor(tx.objectStore('states'), filter);
  const kept = candidates.filter((state) => passes(state, filter)).sort((a, b) => a.sequence - b.sequence);
  const items = await Promise.all(kept.map((state) => tx.objectStore('items').get(state.itemId)));
  return kept.flatMap((state, index) => {
    const item = items[index];
    return item ? [{ item, state }] : [];
  });
}

type StateStore = IDBPObjectStore<EvidenceDb, ['states', 'items'], 'states', 'readonly'>;

function capturedRange(captured: EvidenceFilter['captured']): IDBKeyRange | null {
  const from = captured?.from?.toISOString();
  const to = captured?.to?.toISOString();
  if (from && to) return IDBKeyRange.bound(from, to, false, true);
  if (from) return IDBKeyRange.lowerBound(from);
  if (to) return IDBKeyRange.upperBound(to, true);
  return null;
}

/** Reads through the index that narrows most; the other criteria are checked on what it returns. */
function candidatesFor(states: StateStore, filter: EvidenceFilter): Promise<ItemState[]> {
  const { catalogueEntry, shop, caseId, tag, status, marketplace } = filter;
  if (catalogueEntry) return states.index('catalogueEntry').getAll([catalogueEntry.catalogueId, catalogueEntry.entryId]);
  if (shop) return states.index('shop').getAll([shop.marketplace, shop.id]);
  if (caseId) return states.index('caseIds').getAll(caseId);
  if (tag) return states.index('tags').getAll(tag);
  const range = capturedRange(filter.captured);
  if (range) return states.index('capturedAt').getAll(range);
  if (status) return states.index('status').getAll(status);
  if (marketplace) return states.index('marketplace').getAll(marketplace);
  return states.getAll();
}

function passes(state: ItemState, filter: EvidenceFilter): boolean {
  const range = capturedRange(filter.captured);
  return (
    (filter.includeDeleted || state.deleted === null) &&
    (!filter.marketplace || state.marketplace === filter.marketplace) &&
    (!range || range.includes(state.capturedAt)) &&
    (!filter.catalogueEntry || (state.catalogueEntry?.[0] === filter.catalogueEntry.catalogueId && state.catalogueEntry[1] === filter.catalogueEntry.entryId)) &&
    (!filter.shop || (state.shop?.[0] === filter.shop.marketplace && state.shop[1] === filter.shop.id)) &&
    (!filter.status || state.status === filter.status) &&
    (!filter.tag || state.tags.includes(filter.tag)) &&
    (!filter.caseId || state.caseIds.includes(filter.caseId))
  );
}
