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
import { describe, expect, it } from 'vitest';
import { ArtifactRecord, Case, ChainHead, EvidenceEvent, EvidenceItem, ItemState } from '@/utils/evidence/schema';
import { addCapture, evidenceDbVersion, EvidenceDatabaseTooNewError, listItems, openEvidenceDatabase, verifyChain, type EvidenceDb } from '@/utils/evidence/store';
import { migrate } from '@/utils/evidence/store/migrations';
import { captureOf, freshDatabase } from './store-helpers';

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

/** Each version's frozen stores as the current version holds them; identity while no step reshapes records. */
const expectedNow: Record<number, (stores: FrozenDatabase['stores']) => FrozenDatabase['stores']> = {
  1: (stores) => stores,
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

describe('opening the database', () => {
  it('creates a new one at the current version with every store', async () => {
    const db = await freshDatabase();
    expect(db.version).toBe(evidenceDbVersion);
    expect(Array.from(db.objectStoreNames).sort()).toEqual(['artifacts', 'cases', 'chain', 'events', 'items', 'states']);
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
