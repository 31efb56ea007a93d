/**
 * The evidence database: in the extension's own origin, so no page and no content script can read
 * or change it. Opening it applies the numbered migrations (./migrations.ts) in one versionchange
 * transaction: an upgrade that fails leaves the database as it was.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { ArtifactRecord, Case, ChainHead, EvidenceEvent, EvidenceItem, EvidenceMarketplace, EvidenceStatus, ItemState } from '@/utils/protocol/evidence';
import { EvidenceDatabaseTooNewError, storageError } from './errors';
import { evidenceDbVersion, migrate } from './migrations';

export const evidenceDbName = 'colophon-evidence';

export interface EvidenceDb extends DBSchema {
  /** Evidence items, keyed by their content-derived id. */
  items: { key: string; value: EvidenceItem; indexes: { sequence: number } };
  /** The bytes of each item's artifacts, keyed `${itemId}/${index}`. */
  artifacts: { key: string; value: ArtifactRecord; indexes: { itemId: string } };
  /** Changes to items, keyed by their sequence in the chain. */
  events: { key: number; value: EvidenceEvent; indexes: { itemId: string } };
  /** Each item as it stands now, for listing and filtering. */
  states: {
    key: string;
    value: ItemState;
    indexes: {
      sequence: number;
      marketplace: EvidenceMarketplace;
      capturedAt: string;
      catalogueEntry: [string, string];
      shop: [EvidenceMarketplace, string];
      status: EvidenceStatus;
      tags: string;
      caseIds: string;
    };
  };
  cases: { key: string; value: Case };
  /** The chain's head, under the one key 'head'. */
  chain: { key: 'head'; value: ChainHead };
  /**
   * Since version 2: the outbox, one record per item on its way to the intake, kept in this
   * database so that a capture and its outbox entry are written in one transaction (through the
   * participants, ./participants.ts). The evidence store neither reads nor shapes these records:
   * the outbox owns them and parses every one it reads.
   */
  outbox: { key: string; value: unknown; indexes: { state: string; nextAttemptAt: number } };
}

export type EvidenceDatabase = IDBPDatabase<EvidenceDb>;

/** Throws EvidenceDatabaseTooNewError for a database a newer Colophon wrote. */
export async function openEvidenceDatabase(name = evidenceDbName): Promise<EvidenceDatabase> {
  let migrationFailure: unknown = null;
  try {
    return await openDB<EvidenceDb>(name, evidenceDbVersion, {
      upgrade(db, oldVersion, newVersion, tx) {
        const fail = (error: unknown) => {
          migrationFailure = error;
          tx.abort();
        };
        try {
          migrate(db, tx, oldVersion, newVersion ?? evidenceDbVersion)?.catch(fail);
        } catch (error) {
          fail(error);
        }
      },
      // Another context (an updated service worker) wants a newer version: step aside.
      blocking(_currentVersion, _blockedVersion, event) {
        (event.target as IDBDatabase).close();
      },
    });
  } catch (error) {
    if (migrationFailure !== null) throw migrationFailure;
    if (error instanceof Error && error.name === 'VersionError') {
      throw new EvidenceDatabaseTooNewError(await storedVersion(name), evidenceDbVersion, { cause: error });
    }
    throw storageError(error);
  }
}

async function storedVersion(name: string): Promise<number | null> {
  const databases = await indexedDB.databases?.().catch(() => []);
  return databases?.find((database) => database.name === name)?.version ?? null;
}
