/**
 * The evidence database's versions, one migration each: `evidenceMigrations[n - 1]` takes a
 * database from version n - 1 to n. A browser that skipped versions runs every step in between.
 * A released step is never edited: its effect is what the frozen example of the next version's
 * input (tests/unit/evidence/frozen/) was made with. A step may return a promise when it rewrites
 * records, awaiting only IndexedDB requests of the upgrade transaction.
 */
import type { IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import { Sha256Hex } from '@/utils/protocol/digest';
import type { EvidenceDb } from './database';

export type UpgradeTransaction = IDBPTransaction<EvidenceDb, StoreNames<EvidenceDb>[], 'versionchange'>;
export type Migration = (db: IDBPDatabase<EvidenceDb>, tx: UpgradeTransaction) => void | Promise<void>;

/** Version 1: the first release. */
function createStores(db: IDBPDatabase<EvidenceDb>): void {
  db.createObjectStore('items', { keyPath: 'id' }).createIndex('sequence', 'sequence', { unique: true });
  db.createObjectStore('artifacts', { keyPath: 'id' }).createIndex('itemId', 'itemId');
  db.createObjectStore('events', { keyPath: 'sequence' }).createIndex('itemId', 'itemId');
  const states = db.createObjectStore('states', { keyPath: 'itemId' });
  states.createIndex('sequence', 'sequence', { unique: true });
  for (const field of ['marketplace', 'capturedAt', 'catalogueEntry', 'shop', 'status'] as const) states.createIndex(field, field);
  states.createIndex('tags', 'tags', { multiEntry: true });
  states.createIndex('caseIds', 'caseIds', { multiEntry: true });
  db.createObjectStore('cases', { keyPath: 'id' });
  db.createObjectStore('chain', { keyPath: 'key' });
}

/**
 * An item queued, due at once, as the outbox wrote its entries when version 2 was released.
 * Written out here rather than asked of the outbox: a released step never changes, whatever shape
 * the outbox's entries take later. An item id that is not a SHA-256 fails the upgrade, as the
 * outbox's own check of the entry did.
 */
const queuedAtRelease = (itemId: string, now: number) => ({
  schemaVersion: 1,
  itemId: Sha256Hex.parse(itemId),
  state: 'queued',
  attempts: 0,
  nextAttemptAt: now,
  notBefore: null,
  resume: false,
  lastError: null,
  parkedReason: null,
  receipt: null,
  duplicate: null,
  idempotencyKeys: {},
  updatedAt: now,
});

/**
 * Version 2: the outbox. Every item captured before sync existed is queued, due at once,
 * except deleted ones: their bytes are gone and the intake takes no tombstones (intake/README.md,
 * "Not in v1").
 */
async function createOutbox(db: IDBPDatabase<EvidenceDb>, tx: UpgradeTransaction): Promise<void> {
  const outbox = db.createObjectStore('outbox', { keyPath: 'itemId' });
  outbox.createIndex('state', 'state');
  outbox.createIndex('nextAttemptAt', 'nextAttemptAt');
  const now = Date.now();
  for (const state of await tx.objectStore('states').getAll()) {
    if (state.deleted === null) await tx.objectStore('outbox').put(queuedAtRelease(state.itemId, now));
  }
}

export const evidenceMigrations: readonly Migration[] = [createStores, createOutbox];

export const evidenceDbVersion = evidenceMigrations.length;

/**
 * Runs the steps from `fromVersion` to `toVersion` in order: synchronous steps at once (schema
 * changes need the upgrade transaction active), a step that returns a promise before the next.
 */
export function migrate(db: IDBPDatabase<EvidenceDb>, tx: UpgradeTransaction, fromVersion: number, toVersion: number): Promise<void> | undefined {
  for (let version = fromVersion + 1; version <= toVersion; version++) {
    const step = evidenceMigrations[version - 1];
    if (!step) throw new Error(`no migration to evidence database version ${version}`);
    const pending = step(db, tx);
    if (pending) return pending.then(() => migrate(db, tx, version, toVersion));
  }
  return undefined;
}
