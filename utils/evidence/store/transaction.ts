/**
 * Every write to the evidence store goes through here: one readwrite transaction with strict
 * durability (committed only once the data is on disk, not merely handed to the OS), aborted as a
 * whole when anything in it fails. An explicit abort matters: a request that throws synchronously
 * (a quota check, a value that cannot be cloned) does not abort the transaction by itself, and the
 * writes already issued in it would otherwise commit.
 */
import type { IDBPTransaction, StoreNames } from 'idb';
import type { EvidenceDatabase, EvidenceDb } from './database';
import { storageError } from './errors';

export type EvidenceStoreName = StoreNames<EvidenceDb>;
export type WriteTransaction<Stores extends EvidenceStoreName[]> = IDBPTransaction<EvidenceDb, Stores, 'readwrite'>;

/**
 * Runs `work` in one transaction on `stores`. `work` may await IndexedDB requests of `tx` only:
 * awaiting anything else lets the transaction commit half-done. Quota failures come out as
 * EvidenceStorageFullError.
 */
export async function writeEvidence<const Stores extends EvidenceStoreName[], T>(
  db: EvidenceDatabase,
  stores: Stores,
  work: (tx: WriteTransaction<Stores>) => Promise<T>,
): Promise<T> {
  const tx = db.transaction(stores, 'readwrite', { durability: 'strict' });
  // Rejects as well when the work fails; the failure is reported once, below.
  tx.done.catch(() => undefined);
  try {
    const result = await work(tx);
    await tx.done;
    return result;
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already aborted by the browser, or finished: either way nothing more is written.
    }
    throw storageError(error, tx.error);
  }
}
