// @vitest-environment node
// (Node's Blob survives structured cloning into fake-indexeddb; happy-dom's does not: store-helpers.ts.)
/**
 * Opening older databases. Each file in ./frozen/ is a database as some version left it; the test
 * builds that version with the migration steps up to it, fills it with the frozen records, and
 * opens it with the current code: every record must survive, the chain must still verify, the
 * indexes must answer, and a new capture must continue the old chain. A database from a newer
 * Colophon is refused, untouched.
 *
 * Adding version n: freeze a v(n-1) database here if none is, and say in `expectedNow` what a
 * migrated record of each older version looks like when the step reshapes records.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openDB, type StoreNames } from 'idb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ArtifactRecord, Case, ChainHead, EvidenceEvent, EvidenceItem, ItemState } from '@/utils/protocol/evidence';
import { addCapture, evidenceDbVersion, EvidenceDatabaseTooNewError, listItems, openEvidenceDatabase, verifyChain, type EvidenceDb } from '@/utils/evidence/store';
import { migrate } from '@/utils/evidence/store/migrations';
import { enqueue } from '@/utils/sync/outbox-state';
import { outboxEntries, outboxSummary } from '@/utils/sync/outbox-store';
import { captureOf, freshDatabase } from '../../support/evidence/store-helpers';

type FrozenRecord = Record<string, unknown>;
interface FrozenDatabase {
  about: string;
  databaseVersion: number;
  stores: Record<StoreNames<EvidenceDb>, FrozenRecord[]>;
}
interface FrozenBlob {
  type: string;
  base64: string;
}

const frozenDir = fileURLToPath(new URL('./frozen/', import.meta.url));
const frozen: FrozenDatabase[] = readdirSync(frozenDir)
  .filter((file) => /^v\d+\.json$/.test(file))
  .map((file) => JSON.parse(readFileSync(`${frozenDir}${file}`, 'utf8')) as FrozenDatabase);

/** When the migrations run in these tests: version 2 queues items at that time. */
const migratedAt = Date.UTC(2026, 11, 1, 9);
beforeEach(() => void vi.spyOn(Date, 'now').mockReturnValue(migratedAt));

/** Version 2's outbox: every item not deleted, queued at the migration, in key order. */
const queuedOutbox = (stores: FrozenDatabase['stores']): FrozenRecord[] =>
  stores.states
    .filter((state) => state.deleted === null)
    .map((state) => enqueue(state.itemId as string, migratedAt) as unknown as FrozenRecord)
    .sort((a, b) => ((a.itemId as string) < (b.itemId as string) ? -1 : 1));

/** Each version's frozen stores as the current version holds them; records are never reshaped, stores are added. */
const expectedNow: Record<number, (stores: FrozenDatabase['stores']) => FrozenDatabase['stores']> = {
  1: (stores) => ({ ...stores, outbox: queuedOutbox(stores) }),
};

const revive = (record: FrozenRecord): FrozenRecord => {
  const blob = record.blob as FrozenBlob | undefined;
  return blob ? { ...record, blob: new Blob([Buffer.from(blob.base64, 'base64')], { type: blob.type }) } : record;
};

/** The database's records as a frozen file writes them, for comparison. */
async function freeze(db: Awaited<ReturnType<typeof openEvidenceDatabase>>): Promise<FrozenDatabase['stores']> {
  const stores = {} as FrozenDatabase['stores'];
  for (const name of Array.from(db.objectStoreNames)) {
    const records = (await db.getAll(name)) as FrozenRecord[];
    stores[name] = await Promise.all(
      records.map(async (record) => {
        const blob = record.blob as Blob | undefined;
        return blob ? { ...record, blob: { type: blob.type, base64: Buffer.from(await blob.arrayBuffer()).toString('base64') } } : record;
      }),
    );
  }
  return stores;
}

/** A database at the frozen file's version, built by the migration steps up to it and filled with its records. */
async function databaseAsFrozen(example: FrozenDatabase): Promise<string> {
  const name = `frozen-v${example.databaseVersion}-${crypto.randomUUID()}`;
  const old = await openDB<EvidenceDb>(name, example.databaseVersion, {
    upgrade: (db, oldVersion, _newVersion, tx) => void migrate(db, tx, oldVersion, example.databaseVersion),
  });
  const names = Object.keys(example.stores) as StoreNames<EvidenceDb>[];
  const tx = old.transaction(names, 'readwrite');
  for (const name of names) for (const record of example.stores[name]) await tx.objectStore(name).put(revive(record) as never);
  await tx.done;
  old.close();
  return name;
}

it('has a frozen example of version 1', () => {
  expect(frozen.map((example) => example.databaseVersion)).toContain(1);
  expect(Object.keys(expectedNow).map(Number).sort()).toEqual(frozen.map((example) => example.databaseVersion).sort());
});

describe.each(frozen.map((example) => [example.databaseVersion, example] as const))('a version %i database', (_version, example) => {
  it('opens at the current version with every record kept', async () => {
    const db = await openEvidenceDatabase(await databaseAsFrozen(example));
    expect(db.version).toBe(evidenceDbVersion);
    expect(await freeze(db)).toEqual(expectedNow[example.databaseVersion]!(example.stores));
    for (const item of await db.getAll('items')) EvidenceItem.parse(item);
    for (const artifact of await db.getAll('artifacts')) ArtifactRecord.parse(artifact);
    for (const event of await db.getAll('events')) EvidenceEvent.parse(event);
    for (const state of await db.getAll('states')) ItemState.parse(state);
    for (const one of await db.getAll('cases')) Case.parse(one);
    ChainHead.parse(await db.get('chain', 'head'));
    db.close();
  });

  it('still verifies, answers through its indexes, and takes new captures on its chain', async () => {
    const db = await openEvidenceDatabase(await databaseAsFrozen(example));
    const head = (await db.get('chain', 'head'))!;
    expect(await verifyChain(db)).toEqual({ ok: true, records: head.sequence, headLink: head.link });

    const states = await db.getAll('states');
    for (const state of states) {
      expect((await listItems(db, { status: state.status, includeDeleted: true })).map(({ item }) => item.id)).toContain(state.itemId);
      for (const tag of state.tags) expect((await listItems(db, { tag, includeDeleted: true })).map(({ item }) => item.id)).toContain(state.itemId);
      for (const caseId of state.caseIds) expect((await listItems(db, { caseId, includeDeleted: true })).map(({ item }) => item.id)).toContain(state.itemId);
    }

    const next = await addCapture(db, captureOf(99));
    expect(next).toMatchObject({ sequence: head.sequence + 1, previousLink: head.link });
    expect(await verifyChain(db)).toMatchObject({ ok: true, records: head.sequence + 1 });
    db.close();
  });
});

describe('version 2, the outbox, from the frozen version 1 database', () => {
  const v1 = () => frozen.find((example) => example.databaseVersion === 1)!;

  it('queues every item that is not deleted, due at once, and not the deleted one', async () => {
    const example = v1();
    const db = await openEvidenceDatabase(await databaseAsFrozen(example));
    const deleted = example.stores.states.filter((state) => state.deleted !== null).map((state) => state.itemId);
    const kept = example.stores.states.filter((state) => state.deleted === null).map((state) => state.itemId as string);
    expect(deleted).toHaveLength(1);
    expect(kept.length).toBeGreaterThan(0);

    const entries = await outboxEntries(db);
    expect(entries.map((entry) => entry.itemId).sort()).toEqual([...kept].sort());
    for (const entry of entries) expect(entry).toEqual(enqueue(entry.itemId, migratedAt));
    expect(await outboxSummary(db)).toEqual({ queued: kept.length, uploading: 0, stored: 0, parked: 0 });
    expect(await db.getAllKeysFromIndex('outbox', 'nextAttemptAt', IDBKeyRange.upperBound(migratedAt))).toHaveLength(kept.length);
    db.close();
  });

  it('queues a capture stored after the upgrade in the same transaction as the item', async () => {
    const db = await openEvidenceDatabase(await databaseAsFrozen(v1()));
    const before = (await outboxEntries(db)).length;
    const item = await addCapture(db, captureOf(98));
    expect(await outboxEntries(db)).toHaveLength(before + 1);
    expect(await db.get('outbox', item.id)).toEqual(enqueue(item.id, migratedAt));
    db.close();
  });
});

describe('opening the database', () => {
  it('creates a new one at the current version with every store', async () => {
    const db = await freshDatabase();
    expect(db.version).toBe(evidenceDbVersion);
    expect(Array.from(db.objectStoreNames).sort()).toEqual(['artifacts', 'cases', 'chain', 'events', 'items', 'outbox', 'states']);
    db.close();
  });

  it('refuses a database from a newer Colophon with a clear error, and leaves it as it was', async () => {
    const name = `newer-${crypto.randomUUID()}`;
    const newer = await openDB(name, evidenceDbVersion + 1, { upgrade: (db) => void db.createObjectStore('fromTheFuture').put('kept', 'key') });
    newer.close();

    const error = await openEvidenceDatabase(name).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(EvidenceDatabaseTooNewError);
    expect(error).toMatchObject({ foundVersion: evidenceDbVersion + 1, supportedVersion: evidenceDbVersion });
    expect((error as Error).message).toMatch(/newer Colophon.*Update the extension/s);

    const after = await openDB(name);
    expect(after.version).toBe(evidenceDbVersion + 1);
    expect(await after.get('fromTheFuture', 'key')).toBe('kept');
    after.close();
  });

  it('steps aside when another context upgrades, rather than blocking it', async () => {
    const db = await freshDatabase();
    const upgraded = await openDB(db.name, evidenceDbVersion + 1);
    expect(upgraded.version).toBe(evidenceDbVersion + 1);
    upgraded.close();
  });

  it('has a migration step for every version up to the current one, and no further', () => {
    const noDatabase = {} as never;
    expect(() => migrate(noDatabase, noDatabase, evidenceDbVersion, evidenceDbVersion + 1)).toThrow(`no migration to evidence database version ${evidenceDbVersion + 1}`);
    expect(migrate(noDatabase, noDatabase, evidenceDbVersion, evidenceDbVersion)).toBeUndefined();
  });
});
