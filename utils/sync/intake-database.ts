/**
 * The `colophon-intake` database: where the extension keeps the intake's URL, the
 * representative's token and the server's signing keys. It lives in the extension's own origin,
 * which no page and no content script can read; browser.storage would not do, since content
 * scripts can read it, and they run inside marketplace pages.
 *
 * Each record has a version; a record this code cannot read counts as absent (the user connects
 * again) rather than being guessed at.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { z } from 'zod';
import { IsoInstant } from '@/utils/protocol/evidence';
import { ServerKey } from '../protocol/intake';

export const intakeDbName = 'colophon-intake';

/** A bearer token (RFC 6750 b64token), of a length a real secret has. */
export const IntakeToken = z.string().regex(/^[A-Za-z0-9._~+/-]{16,512}={0,2}$/);

export const StoredConnectionV1 = z.strictObject({
  schemaVersion: z.literal(1),
  url: z.string().min(1).max(2000),
  token: IntakeToken,
});
export type StoredConnectionV1 = z.infer<typeof StoredConnectionV1>;

/** The server's keys as last fetched from `url`: receipts are checked against them. */
export const StoredServerKeysV1 = z.strictObject({
  schemaVersion: z.literal(1),
  url: z.string().min(1).max(2000),
  keys: z.array(ServerKey).min(1).max(100),
  fetchedAt: IsoInstant,
});
export type StoredServerKeysV1 = z.infer<typeof StoredServerKeysV1>;

interface IntakeDb extends DBSchema {
  /** Out-of-line keys: 'connection', 'server-keys'. Values are parsed when read. */
  settings: { key: string; value: unknown };
}

type Settings = { connection: StoredConnectionV1; 'server-keys': StoredServerKeysV1 };
const schemas = { connection: StoredConnectionV1, 'server-keys': StoredServerKeysV1 } as const;

/** Opened per use and closed after: a few reads a run, and nothing held open to block an upgrade. */
async function withIntakeDb<T>(work: (db: IDBPDatabase<IntakeDb>) => Promise<T>): Promise<T> {
  const db = await openDB<IntakeDb>(intakeDbName, 1, {
    upgrade(database) {
      database.createObjectStore('settings');
    },
    blocking(_current, _blocked, event) {
      (event.target as IDBDatabase).close();
    },
  });
  try {
    return await work(db);
  } finally {
    db.close();
  }
}

export function readIntakeSetting<K extends keyof Settings>(key: K): Promise<Settings[K] | null> {
  return withIntakeDb(async (db) => {
    const parsed = schemas[key].safeParse(await db.get('settings', key));
    return parsed.success ? (parsed.data as Settings[K]) : null;
  });
}

export function writeIntakeSetting<K extends keyof Settings>(key: K, value: Settings[K]): Promise<void> {
  const checked = schemas[key].parse(value);
  return withIntakeDb(async (db) => {
    const tx = db.transaction('settings', 'readwrite', { durability: 'strict' });
    await tx.store.put(checked, key);
    await tx.done;
  });
}

export function deleteIntakeSettings(...keys: (keyof Settings)[]): Promise<void> {
  return withIntakeDb(async (db) => {
    const tx = db.transaction('settings', 'readwrite', { durability: 'strict' });
    for (const key of keys) await tx.store.delete(key);
    await tx.done;
  });
}
