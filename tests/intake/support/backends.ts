/**
 * The storage back ends the intake's tests run against: every suite is `describe.each(backends)`,
 * so a back end passes exactly the tests the other does: the same tests pass
 * on SQLite and on a real PostgreSQL server started by the test run.
 *
 * A back end gives each test a fresh, empty place; the place can be opened more than once (a
 * restart of the server on the same data), and can show everything it holds (`snapshot`), so a
 * test can say that a refused request changed nothing at all, not one row and not one byte.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { openStorage, sqliteFileName, type IntakeStorage, type StorageLocation } from '../../../intake/src/storage/open';
import { postgresBlobSchema } from '../../../intake/src/storage/postgres-blobs';
import { startPostgres, type TestPostgres } from './postgres';

export interface BackendPlace {
  /** Where it is, as the intake's command line takes it (--data or --postgres). */
  location: StorageLocation;
  /** The storage of this place, opened anew: a server started on it finds what the last one left. */
  open(): Promise<IntakeStorage>;
  /** Every row of every table and every stored byte, in a form `toEqual` compares. */
  snapshot(storage: IntakeStorage): Promise<unknown>;
  /** Removes the place; storage opened on it must be closed first. */
  dispose(): Promise<void>;
}

export interface IntakeBackend {
  name: string;
  /** Once per suite, before its first place (starting a database server, say). */
  setup?(): Promise<void>;
  teardown?(): Promise<void>;
  create(): Promise<BackendPlace>;
}

/** Rows of each table, ordered by every column, so the order rows were written in does not matter. */
export async function tableRows(storage: IntakeStorage, tables: readonly string[]): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of [...tables].sort()) {
    const rows = await storage.sql.query(`SELECT * FROM ${table}`);
    out[table] = rows.map((row) => JSON.stringify(row, Object.keys(row).sort())).sort();
  }
  return out;
}

export const sqliteBackend: IntakeBackend = {
  name: 'SQLite and files',
  async create() {
    const data = await mkdtemp(join(tmpdir(), 'colophon-intake-'));
    return {
      location: { data },
      open: () => openStorage({ data }),
      async snapshot(storage) {
        const tables = await storage.sql.query<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
        return { tables: await tableRows(storage, tables.map(({ name }) => name)), files: await filesUnder(data) };
      },
      dispose: () => rm(data, { recursive: true, force: true }),
    };
  },
};

/** Each file but the database's own, with the SHA-256 of its bytes. */
async function filesUnder(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name.startsWith(sqliteFileName)) continue;
    const path = join(entry.parentPath, entry.name);
    out[relative(root, path)] = createHash('sha256').update(await readFile(path)).digest('hex');
  }
  return out;
}

let postgres: TestPostgres | undefined;

/** One real server per test file (module state is per file), one fresh database per place. */
export const postgresBackend: IntakeBackend = {
  name: 'PostgreSQL',
  async setup() {
    postgres ??= await startPostgres();
  },
  async teardown() {
    await postgres?.stop();
    postgres = undefined;
  },
  async create() {
    if (!postgres) throw new Error('the PostgreSQL back end was not set up');
    const url = await postgres.freshDatabase();
    return {
      location: { postgres: url },
      open: () => openStorage({ postgres: url }),
      async snapshot(storage) {
        // The blob tables are made on first use: made here, a snapshot before it equals one after.
        await storage.sql.exec(postgresBlobSchema);
        const tables = await storage.sql.query<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'");
        const names = tables.map(({ name }) => name).filter((name) => name !== 'blobstore_pieces');
        // Stored bytes by digest, as the files of the SQLite back end are.
        const pieces = await storage.sql.query(
          "SELECT owner, start_offset, encode(sha256(data), 'hex') AS sha256 FROM blobstore_pieces ORDER BY owner, start_offset",
        );
        return { tables: await tableRows(storage, names), pieces };
      },
      // The database goes with the server's folder at teardown.
      dispose: async () => {},
    };
  },
};

export const backends: IntakeBackend[] = [sqliteBackend, postgresBackend];
