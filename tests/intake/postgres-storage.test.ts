// The PostgreSQL adapters of the intake's storage, on a real server this file
// starts: the SqlClient's dialect and transactions, and the BlobStore's staged and whole bytes.
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { openPostgresSql, PostgresSqlError, type PostgresSqlOptions } from '../../intake/src/storage/postgres-sql';
import { blobPieceBytes, createPostgresBlobStore, openPostgresBlobStore } from '../../intake/src/storage/postgres-blobs';
import type { SqlClient } from '../../intake/src/storage/sql';
import { startPostgres, type TestPostgres } from './support/postgres';

let server: TestPostgres;
/** Clients and blob stores to close after each test. */
const opened: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  server = await startPostgres();
}, 60_000);
afterAll(() => server?.stop());
afterEach(async () => {
  await Promise.all(opened.splice(0).map((closable) => closable.close()));
});

async function open(url?: string, options?: PostgresSqlOptions): Promise<SqlClient> {
  const sql = await openPostgresSql(url ?? (await server.freshDatabase()), options);
  opened.push(sql);
  return sql;
}

async function collect(pieces: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const all: Uint8Array[] = [];
  for await (const piece of pieces) all.push(piece);
  return Buffer.concat(all);
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** By length and digest: a deep equality of megabytes is far too slow. */
async function expectBytes(pieces: AsyncIterable<Uint8Array>, expected: Uint8Array): Promise<void> {
  const actual = await collect(pieces);
  expect(actual.length).toBe(expected.length);
  expect(sha256(actual)).toBe(sha256(expected));
}

describe('openPostgresSql', () => {
  it('binds $n placeholders and returns BIGINT and NUMERIC as numbers', async () => {
    const sql = await open();
    await sql.exec('CREATE TABLE t (id TEXT PRIMARY KEY, size BIGINT, note TEXT, done INTEGER NOT NULL)');
    const big = 2 ** 40 + 7;
    expect(await sql.run('INSERT INTO t VALUES ($1, $2, $3, $4), ($5, $6, $7, $8)', ['a', big, null, 1, 'b', 3, 'x', 0])).toEqual({
      changes: 2,
    });
    expect(await sql.query('SELECT id, size, note, done FROM t WHERE id = $1', ['a'])).toEqual([
      { id: 'a', size: big, note: null, done: 1 },
    ]);
    expect(await sql.query('SELECT COUNT(*) AS n, SUM(size) AS total FROM t')).toEqual([{ n: 2, total: big + 3 }]);
    expect(await sql.run('UPDATE t SET note = $1 WHERE done = $2', ['y', 9])).toEqual({ changes: 0 });
  });

  it('refuses a BIGINT beyond 2^53 rather than rounding it', async () => {
    const sql = await open();
    await expect(sql.query('SELECT 9007199254740993::bigint AS n')).rejects.toThrow(/beyond 2\^53/);
  });

  it('runs multi-statement schema idempotently, one statement otherwise, and keeps the driver error as cause', async () => {
    const sql = await open();
    const schema = 'CREATE TABLE IF NOT EXISTS a (id TEXT); CREATE TABLE IF NOT EXISTS b (id TEXT);';
    await Promise.all([sql.exec(schema), sql.exec(schema), sql.exec(schema)]);
    expect(await sql.query("SELECT COUNT(*) AS n FROM pg_tables WHERE tablename IN ('a', 'b')")).toEqual([{ n: 2 }]);
    // Only exec runs several statements, as with SQLite: a query is exactly one.
    await expect(sql.run("INSERT INTO a VALUES ('x'); DROP TABLE b")).rejects.toMatchObject({ code: '42601' });
    const error = await sql.query('SELECT * FROM missing WHERE id = $1', ['secret-token']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PostgresSqlError);
    expect((error as PostgresSqlError).code).toBe('42P01');
    expect((error as PostgresSqlError).cause).toBeInstanceOf(pg.DatabaseError);
    expect((error as Error).message).toContain('SELECT * FROM missing');
    expect((error as Error).message).not.toContain('secret-token');
  });

  it('commits a transaction that resolves and rolls back one that throws, rethrowing its error', async () => {
    const sql = await open();
    await sql.exec('CREATE TABLE t (id TEXT PRIMARY KEY)');
    expect(await sql.transaction(async (tx) => (await tx.run('INSERT INTO t VALUES ($1)', ['kept'])).changes)).toBe(1);
    const refused = new Error('refused chunk');
    await expect(
      sql.transaction(async (tx) => {
        await tx.run('INSERT INTO t VALUES ($1)', ['dropped']);
        throw refused;
      }),
    ).rejects.toBe(refused);
    expect(await sql.query('SELECT id FROM t')).toEqual([{ id: 'kept' }]);
  });

  it('does not commit when the work swallowed a failed statement', async () => {
    const sql = await open();
    await sql.exec('CREATE TABLE t (id TEXT PRIMARY KEY)');
    const outcome = sql.transaction(async (tx) => {
      await tx.run('INSERT INTO t VALUES ($1)', ['a']);
      await tx.run('INSERT INTO t VALUES ($1)', ['a']).catch(() => {});
    });
    await expect(outcome).rejects.toMatchObject({ code: '23505' });
    expect(await sql.query('SELECT id FROM t')).toEqual([]);
  });

  it('serialises concurrent read-modify-write transactions by running them again', async () => {
    const sql = await open();
    await sql.exec('CREATE TABLE counter (id INTEGER PRIMARY KEY, n BIGINT NOT NULL); INSERT INTO counter VALUES (1, 0);');
    const writers = 8;
    let calls = 0;
    let arrived = 0;
    let release!: () => void;
    const allHaveRead = new Promise<void>((resolve) => (release = resolve));
    const increment = () =>
      sql.transaction(async (tx) => {
        const first = ++calls <= writers;
        const [row] = await tx.query<{ n: number }>('SELECT n FROM counter WHERE id = 1');
        // Every first attempt reads the same value before any writes: a lost update without retries.
        if (first) {
          if (++arrived === writers) release();
          await allHaveRead;
        }
        await tx.run('UPDATE counter SET n = $1 WHERE id = 1', [row!.n + 1]);
      });
    await Promise.all(Array.from({ length: writers }, increment));
    expect(await sql.query('SELECT n FROM counter')).toEqual([{ n: writers }]);
    expect(calls).toBeGreaterThan(writers);
  });

  it('runs a transaction again when it was chosen as a deadlock victim', async () => {
    const sql = await open();
    await sql.exec("CREATE TABLE t (id TEXT PRIMARY KEY, n BIGINT NOT NULL); INSERT INTO t VALUES ('a', 0), ('b', 0);");
    let calls = 0;
    let arrived = 0;
    let release!: () => void;
    const bothLocked = new Promise<void>((resolve) => (release = resolve));
    const bump = (first: string, second: string) =>
      sql.transaction(async (tx) => {
        const isFirstAttempt = ++calls <= 2;
        await tx.run('UPDATE t SET n = n + 1 WHERE id = $1', [first]);
        if (isFirstAttempt) {
          if (++arrived === 2) release();
          await bothLocked;
        }
        await tx.run('UPDATE t SET n = n + 1 WHERE id = $1', [second]);
      });
    await Promise.all([bump('a', 'b'), bump('b', 'a')]);
    expect(await sql.query('SELECT id, n FROM t ORDER BY id')).toEqual([
      { id: 'a', n: 2 },
      { id: 'b', n: 2 },
    ]);
    expect(calls).toBe(3);
  });

  it('gives up after a bounded number of serialisation failures', async () => {
    const sql = await open(undefined, { maxAttempts: 3 });
    let calls = 0;
    const outcome = sql.transaction(async (tx) => {
      calls++;
      await tx.exec("DO $$ BEGIN RAISE EXCEPTION 'conflict' USING ERRCODE = '40001'; END $$");
    });
    await expect(outcome).rejects.toMatchObject({ name: 'PostgresSqlError', code: '40001' });
    expect(calls).toBe(3);
  });

  it('nests a transaction as a savepoint that rolls back alone', async () => {
    const sql = await open();
    await sql.exec('CREATE TABLE t (id TEXT PRIMARY KEY)');
    let kept: SqlClient | undefined;
    await sql.transaction(async (tx) => {
      kept = tx;
      await tx.run('INSERT INTO t VALUES ($1)', ['outer']);
      await tx.transaction((inner) => inner.run('INSERT INTO t VALUES ($1)', ['inner']));
      // A failed statement inside the savepoint is undone with it; the outer transaction goes on.
      await expect(
        tx.transaction(async (inner) => {
          await inner.run('INSERT INTO t VALUES ($1)', ['undone']);
          await inner.run('INSERT INTO t VALUES ($1)', ['outer']);
        }),
      ).rejects.toMatchObject({ code: '23505' });
      await tx.run('INSERT INTO t VALUES ($1)', ['after']);
    });
    expect(await sql.query('SELECT id FROM t ORDER BY id')).toEqual([{ id: 'after' }, { id: 'inner' }, { id: 'outer' }]);
    await expect(kept!.query('SELECT 1')).rejects.toThrow(/transaction is over/);
    await expect(kept!.close()).rejects.toThrow(/close the client/);
  });

  it('lets two processes migrate one database at the same moment', async () => {
    const url = await server.freshDatabase();
    const processes = [await open(url), await open(url)];
    let calls = 0;
    let arrived = 0;
    let release!: () => void;
    const bothRead = new Promise<void>((resolve) => (release = resolve));
    // The shape of the intake's own migration: read the version, then create what is missing.
    const migrate = async (sql: SqlClient) => {
      await sql.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY)');
      await sql.transaction(async (tx) => {
        const first = ++calls <= 2;
        const [row] = await tx.query<{ version: number | null }>('SELECT MAX(version) AS version FROM schema_migrations');
        if (first) {
          if (++arrived === 2) release();
          await bothRead;
        }
        if ((row?.version ?? 0) >= 1) return;
        await tx.exec('CREATE TABLE organisations (id TEXT PRIMARY KEY); CREATE INDEX organisations_by_id ON organisations (id);');
        await tx.run('INSERT INTO schema_migrations (version) VALUES ($1)', [1]);
      });
    };
    await Promise.all(processes.map(migrate));
    expect(await processes[0]!.query('SELECT version FROM schema_migrations')).toEqual([{ version: 1 }]);
    expect(calls).toBe(3);
  });

  it('cancels a statement that runs past the timeout', async () => {
    const sql = await open(undefined, { statementTimeoutMs: 100 });
    await expect(sql.query('SELECT pg_sleep(5)')).rejects.toMatchObject({ code: '57014' });
  });

  it('fails to open on a server that is not there, without showing the password', async () => {
    await expect(openPostgresSql('postgres://intake:hunter2@127.0.0.1:1/none')).rejects.toThrow(
      /connecting to postgres:\/\/intake:\*\*\*@127\.0\.0\.1:1\/none/,
    );
  });

  it('closes every pooled connection', async () => {
    const url = await server.freshDatabase();
    const sql = await openPostgresSql(url);
    await Promise.all([1, 2, 3].map(() => sql.transaction((tx) => tx.query('SELECT pg_sleep(0.05)'))));
    await sql.close();
    await sql.close();
    await expect(sql.query('SELECT 1')).rejects.toThrow();
    const watcher = new pg.Client({ connectionString: url });
    await watcher.connect();
    try {
      const { rows } = await watcher.query(
        "SELECT COUNT(*)::int AS n FROM pg_stat_activity WHERE application_name = 'colophon-intake' AND datname = current_database()",
      );
      expect(rows).toEqual([{ n: 0 }]);
    } finally {
      await watcher.end();
    }
  });
});

describe('createPostgresBlobStore', () => {
  it('writes at an offset as into a file: the range is replaced, the bytes on either side stay', async () => {
    const sql = await open();
    const blobs = createPostgresBlobStore(sql);
    let file = Buffer.alloc(0);
    const write = async (offset: number, bytes: Buffer) => {
      await blobs.writeStaged('u1', offset, bytes);
      const grown = Buffer.alloc(Math.max(file.length, offset + bytes.length));
      file.copy(grown);
      bytes.copy(grown, offset);
      file = grown;
      await expectBytes(blobs.readStaged('u1', file.length), file);
    };
    const mib = blobPieceBytes;
    await write(0, randomBytes(3 * mib + 10));
    await write(mib + 5, randomBytes(100)); // inside one piece
    await write(mib - 3, randomBytes(mib + 10)); // from one piece over the next into a third
    await write(2 * mib, randomBytes(mib)); // exactly one piece
    await write(file.length - 4, randomBytes(2 * mib)); // past the end
    await write(7, Buffer.alloc(0));
    await expectBytes(blobs.readStaged('u1', 5), file.subarray(0, 5));
    const [layout] = await sql.query<{ largest: number; gaps: number }>(
      `SELECT MAX(length(data)) AS largest, COUNT(*) FILTER (WHERE previous_end <> start_offset) AS gaps
       FROM (SELECT data, start_offset, LAG(start_offset + length(data)) OVER (ORDER BY start_offset) AS previous_end
             FROM blobstore_pieces WHERE owner = 'upload:u1') AS pieces`,
    );
    expect(layout).toEqual({ largest: mib, gaps: 0 });
    await expect(collect(blobs.readStaged('u1', file.length + 1))).rejects.toThrow(`only ${file.length} of ${file.length + 1} bytes`);
    await expect(blobs.writeStaged('u1', file.length + 1, randomBytes(1))).rejects.toThrow(/cannot write there/);
    await expect(blobs.writeStaged('u1', -1, randomBytes(1))).rejects.toThrow(RangeError);
  });

  it('promotes the first bytes of an upload to a blob and drops the staged copy', async () => {
    const sql = await open();
    const blobs = createPostgresBlobStore(sql);
    const bytes = randomBytes(2 * blobPieceBytes + 3);
    const whole = bytes.subarray(0, blobPieceBytes + 1);
    await blobs.writeStaged('u1', 0, bytes);
    expect(await blobs.has(sha256(whole))).toBe(false);
    await blobs.promote('u1', whole.length, sha256(whole));
    expect(await blobs.has(sha256(whole))).toBe(true);
    await expectBytes(blobs.read(sha256(whole)), whole);
    await expect(collect(blobs.readStaged('u1', 1))).rejects.toThrow(/only 0 of 1/);
    expect(await sql.query('SELECT COUNT(*) AS n FROM blobstore_pieces')).toEqual([{ n: 2 }]);
    await expect(blobs.promote('u2', 1, sha256(Buffer.from('x')))).rejects.toThrow(/0 bytes staged, not 1/);
    expect(await blobs.has(sha256(Buffer.from('x')))).toBe(false);
  });

  it('keeps an existing blob and drops a second upload of the same bytes, even at once', async () => {
    const sql = await open();
    const blobs = createPostgresBlobStore(sql);
    const bytes = randomBytes(blobPieceBytes + 1);
    await Promise.all(['u1', 'u2', 'u3'].map((id) => blobs.writeStaged(id, 0, bytes)));
    await Promise.all(['u1', 'u2'].map((id) => blobs.promote(id, bytes.length, sha256(bytes))));
    await blobs.promote('u3', bytes.length, sha256(bytes));
    await expectBytes(blobs.read(sha256(bytes)), bytes);
    expect(await sql.query('SELECT owner, COUNT(*) AS n FROM blobstore_pieces GROUP BY owner')).toEqual([
      { owner: `blob:${sha256(bytes)}`, n: 2 },
    ]);
  });

  it('discards a staged upload, and knows no blob it was never given', async () => {
    const blobs = createPostgresBlobStore(await open());
    await blobs.writeStaged('u1', 0, randomBytes(10));
    await blobs.discardStaged('u1');
    await blobs.discardStaged('never');
    await expect(collect(blobs.readStaged('u1', 10))).rejects.toThrow(/only 0 of 10/);
    const absent = sha256(Buffer.from('absent'));
    expect(await blobs.has(absent)).toBe(false);
    await expect(collect(blobs.read(absent))).rejects.toThrow(/no blob/);
    await expect(blobs.has('not-a-digest')).rejects.toThrow(TypeError);
  });

  it('writes blobs from inside transactions that hold every connection of the store\'s pool', async () => {
    const url = await server.freshDatabase();
    const sql = await open(url, { maxConnections: 2 });
    const blobs = await openPostgresBlobStore(url);
    opened.push(blobs);
    const bytes = randomBytes(1000);
    await Promise.all(
      ['u1', 'u2', 'u3', 'u4'].map((id) =>
        sql.transaction(async (tx) => {
          await tx.query('SELECT 1');
          await blobs.writeStaged(id, 0, bytes);
        }),
      ),
    );
    for (const id of ['u1', 'u2', 'u3', 'u4']) await expectBytes(blobs.readStaged(id, bytes.length), bytes);
  });

  it('round-trips a 20 MiB artifact in 8 MiB chunks, in pieces of at most 1 MiB, across processes', async () => {
    const url = await server.freshDatabase();
    const [one, other] = [createPostgresBlobStore(await open(url)), createPostgresBlobStore(await open(url))];
    const bytes = randomBytes(20 * 1024 * 1024);
    const chunk = 8 * 1024 * 1024;
    for (let offset = 0; offset < bytes.length; offset += chunk) {
      await one.writeStaged('u1', offset, bytes.subarray(offset, offset + chunk));
    }
    // Committed when writeStaged resolves: another process reads it at once.
    await expectBytes(other.readStaged('u1', bytes.length), bytes);
    await one.promote('u1', bytes.length, sha256(bytes));
    const pieces: number[] = [];
    for await (const piece of other.read(sha256(bytes))) pieces.push(piece.length);
    expect(pieces.reduce((a, b) => a + b)).toBe(bytes.length);
    expect(Math.max(...pieces)).toBeLessThanOrEqual(blobPieceBytes);
    await expectBytes(other.read(sha256(bytes)), bytes);
  }, 60_000);
});
