/**
 * The outbox as stored: one entry per item in the evidence database's `outbox` store (version 2,
 * utils/evidence/store/migrations.ts). Every entry read is parsed (parseOutboxEntry); every change
 * is a small readwrite transaction of its own.
 *
 * A capture and its entry are one transaction (addCapture), and a deletion drops a pending entry
 * with the bytes (deleteItem): the outbox joins the evidence store's writes (./outbox-writes.ts)
 * when this module loads. Every context that can see the outbox loads it (the background to run
 * it, the pages to show it), so none can capture or delete an item without its entry following.
 *
 * An upload changes its entry step by step while the user may unpark or delete it, so the
 * uploader replaces an entry only if it is still the one the uploader last stored
 * (replaceOutboxEntry); finding it changed underneath, the upload stops.
 */
import { canonicalJson } from '@/utils/protocol/canonical-json';
import type { EvidenceDatabase } from '@/utils/evidence/store/database';
import { joinEvidenceWrites } from '@/utils/evidence/store/participants';
import { writeEvidence } from '@/utils/evidence/store/transaction';
import { OutboxState, parseOutboxEntry, type OutboxEntry } from './outbox-state';
import { outboxWrites } from './outbox-writes';

joinEvidenceWrites(outboxWrites);

export async function outboxEntry(db: EvidenceDatabase, itemId: string): Promise<OutboxEntry | undefined> {
  const stored = await db.get('outbox', itemId);
  return stored === undefined ? undefined : parseOutboxEntry(stored);
}

export async function outboxEntries(db: EvidenceDatabase): Promise<OutboxEntry[]> {
  return (await db.getAll('outbox')).map(parseOutboxEntry);
}

/** How many entries are in each state, every state present. */
export async function outboxSummary(db: EvidenceDatabase): Promise<Record<OutboxState, number>> {
  const tx = db.transaction('outbox');
  const counts = await Promise.all(OutboxState.options.map((state) => tx.store.index('state').count(state)));
  return Object.fromEntries(OutboxState.options.map((state, index) => [state, counts[index]!])) as Record<OutboxState, number>;
}

const sameEntry = (a: OutboxEntry, b: OutboxEntry) => canonicalJson(a) === canonicalJson(b);

/**
 * Stores `next` (or removes the entry, for null) if the stored entry is still `expected`; false
 * when it changed or went away in the meantime, having written nothing.
 */
export async function replaceOutboxEntry(db: EvidenceDatabase, expected: OutboxEntry, next: OutboxEntry | null): Promise<boolean> {
  const checked = next === null ? null : parseOutboxEntry(next);
  if (checked !== null && checked.itemId !== expected.itemId) throw new TypeError('an outbox entry keeps its item id');
  return writeEvidence(db, ['outbox'], async (tx) => {
    const stored = await tx.store.get(expected.itemId);
    if (stored === undefined || !sameEntry(parseOutboxEntry(stored), expected)) return false;
    if (checked === null) await tx.store.delete(expected.itemId);
    else await tx.store.put(checked);
    return true;
  });
}

/** Which entries a change reads: those of some items, those in one state (through its index), or all. */
export interface OutboxScope {
  itemIds?: readonly string[];
  state?: OutboxState;
}

/**
 * Applies `change` (a pure transition of ./outbox-state.ts) to the entries in `scope`, in one
 * transaction; returns the entries it changed.
 */
export function changeOutboxEntries(db: EvidenceDatabase, change: (entry: OutboxEntry) => OutboxEntry, scope: OutboxScope = {}): Promise<OutboxEntry[]> {
  return writeEvidence(db, ['outbox'], async (tx) => {
    const { itemIds, state } = scope;
    const stored = itemIds
      ? (await Promise.all(itemIds.map((id) => tx.store.get(id)))).filter((entry) => entry !== undefined)
      : state
        ? await tx.store.index('state').getAll(state)
        : await tx.store.getAll();
    const changed: OutboxEntry[] = [];
    for (const entry of stored.map(parseOutboxEntry)) {
      if (state && entry.state !== state) continue;
      const next = parseOutboxEntry(change(entry));
      if (next.itemId !== entry.itemId) throw new TypeError('an outbox entry keeps its item id');
      if (sameEntry(next, entry)) continue;
      await tx.store.put(next);
      changed.push(next);
    }
    return changed;
  });
}

/** The entries in one state, read through its index: a run reads the queued ones, not every receipt kept. */
export async function outboxEntriesIn(db: EvidenceDatabase, state: OutboxState): Promise<OutboxEntry[]> {
  return (await db.getAllFromIndex('outbox', 'state', state)).map(parseOutboxEntry);
}
