/**
 * The embedded back end's adapters on their own: SQLite behind the SqlClient interface ($n
 * placeholders, async transactions that never interleave), and artifact files on disk behind the
 * BlobStore (staged writes at offsets, promotion to the content address, idempotent).
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BlobStore } from '../../intake/src/storage/blobs';
import { createDiskBlobStore } from '../../intake/src/storage/disk-blobs';
import type { SqlClient } from '../../intake/src/storage/sql';
import { openSqliteSql } from '../../intake/src/storage/sqlite-sql';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'colophon-sqlite-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function collect(pieces: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const all: Uint8Array[] = [];
  for await (const piece of pieces) all.push(piece);
  return Buffer.concat(all);
}

describe('the SQLite SqlClient', () => {
  let sql: SqlClient;
  beforeEach(async () => {
    sql = openSqliteSql(join(dir, 'test.sqlite'));
    await sql.exec('CREATE TABLE t (name TEXT PRIMARY KEY, n BIGINT NOT NULL); CREATE TABLE u (x TEXT)');
  });
  afterEach(() => sql.close());

  it('binds $n by number, in any order and more than once, and returns BIGINTs as numbers', async () => {
    await sql.run('INSERT INTO t (n, name) VALUES ($2, $1)', ['a', 2 ** 53 - 1]);
    expect(await sql.query('SELECT name, n FROM t WHERE name = $1 OR n = $1', ['a'])).toEqual([{ name: 'a', n: 2 ** 53 - 1 }]);
    expect(await sql.query('INSERT INTO t (name, n) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING RETURNING name', ['b', 1])).toEqual([{ name: 'b' }]);
    expect(await sql.run('INSERT INTO t (name, n) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', ['b', 1])).toEqual({ changes: 0 });
    expect(await sql.query('SELECT COUNT(*) AS c FROM t')).toEqual([{ c: 2 }]);
  });

  it('commits a transaction that resolves and rolls back one that throws, rethrowing', async () => {
    await sql.transaction(async (tx) => tx.run('INSERT INTO t VALUES ($1, 1)', ['kept']));
    const failure = new Error('no');
    await expect(
      sql.transaction(async (tx) => {
        await tx.run('INSERT INTO t VALUES ($1, 1)', ['dropped']);
        await pause(5);
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await sql.query('SELECT name FROM t')).toEqual([{ name: 'kept' }]);
  });

  it('runs concurrent transactions one after another, even across awaits, so read-modify-write is safe', async () => {
    await sql.run('INSERT INTO t VALUES ($1, 0)', ['counter']);
    const increment = () =>
      sql.transaction(async (tx) => {
        const [{ n }] = (await tx.query<{ n: number }>('SELECT n FROM t WHERE name = $1', ['counter'])) as [{ n: number }];
        await pause(Math.random() * 5);
        await tx.run('UPDATE t SET n = $1 WHERE name = $2', [n + 1, 'counter']);
      });
    await Promise.all(Array.from({ length: 20 }, increment));
    expect(await sql.query('SELECT n FROM t')).toEqual([{ n: 20 }]);
  });

  it('keeps statements of others out of an open transaction: they run after it', async () => {
    const order: string[] = [];
    const open = sql.transaction(async (tx) => {
      await tx.run("INSERT INTO u VALUES ('in')");
      await pause(20);
      order.push('transaction');
      throw new Error('rolled back');
    });
    const outside = sql.query('SELECT x FROM u').then((rows) => order.push(`outside saw ${rows.length}`));
    await expect(open).rejects.toThrow('rolled back');
    await outside;
    expect(order).toEqual(['transaction', 'outside saw 0']);
  });

  it('nests a transaction as a savepoint that rolls back alone', async () => {
    await sql.transaction(async (tx) => {
      await tx.run("INSERT INTO u VALUES ('outer')");
      await expect(
        tx.transaction(async (inner) => {
          await inner.run("INSERT INTO u VALUES ('inner')");
          throw new Error('inner fails');
        }),
      ).rejects.toThrow('inner fails');
    });
    expect(await sql.query('SELECT x FROM u')).toEqual([{ x: 'outer' }]);
  });

  it('refuses a transaction client used after its transaction', async () => {
    let kept!: SqlClient;
    await sql.transaction(async (tx) => {
      kept = tx;
    });
    await expect(kept.query('SELECT 1')).rejects.toThrow('this transaction is over');
  });
});

describe('the disk BlobStore', () => {
  let blobs: BlobStore;
  beforeEach(async () => {
    blobs = await createDiskBlobStore(dir);
  });

  it('writes staged bytes at offsets and reads back exactly the length asked', async () => {
    const bytes = randomBytes(100_000);
    await blobs.writeStaged('up.1', 0, bytes.subarray(0, 60_000));
    await blobs.writeStaged('up.1', 60_000, bytes.subarray(60_000));
    expect(sha256(await collect(blobs.readStaged('up.1', 100_000)))).toBe(sha256(bytes));
    expect((await collect(blobs.readStaged('up.1', 10))).equals(bytes.subarray(0, 10))).toBe(true);
    await expect(collect(blobs.readStaged('up.1', 100_001))).rejects.toThrow('holds 100000 bytes');
    await expect(collect(blobs.readStaged('nothing', 1))).rejects.toThrow();
  });

  it('overwrites an uncommitted tail, and promotes only the committed length to the content address', async () => {
    const committed = randomBytes(1000);
    await blobs.writeStaged('up.2', 0, committed);
    await blobs.writeStaged('up.2', 1000, randomBytes(500)); // written, never committed
    await blobs.writeStaged('up.2', 600, committed.subarray(600)); // the retry of a chunk from 600
    const digest = sha256(committed);
    await blobs.promote('up.2', 1000, digest);
    expect(await blobs.has(digest)).toBe(true);
    expect((await stat(join(dir, 'blobs', 'sha256', digest.slice(0, 2), digest))).size).toBe(1000);
    expect(sha256(await collect(blobs.read(digest)))).toBe(digest);
    expect(await readdir(join(dir, 'staging'))).toEqual([]);
    // Again (a restart finishing a promotion already done): nothing to do, nothing broken.
    await blobs.promote('up.2', 1000, digest);
    expect(sha256(await collect(blobs.read(digest)))).toBe(digest);
  });

  it('keeps an existing blob as it is and drops the staged copy of the same bytes', async () => {
    const bytes = randomBytes(300);
    await blobs.writeStaged('first', 0, bytes);
    await blobs.promote('first', 300, sha256(bytes));
    await blobs.writeStaged('second', 0, bytes);
    await blobs.promote('second', 300, sha256(bytes));
    expect(await readdir(join(dir, 'staging'))).toEqual([]);
    expect(sha256(await collect(blobs.read(sha256(bytes))))).toBe(sha256(bytes));
  });

  it('discards a staged upload, and nothing when there is none', async () => {
    await blobs.writeStaged('up.3', 0, randomBytes(10));
    await blobs.discardStaged('up.3');
    await blobs.discardStaged('up.3');
    expect(await readdir(join(dir, 'staging'))).toEqual([]);
  });

  it('refuses names that could leave its folders, and reading a blob it does not hold', async () => {
    for (const uploadId of ['../escape', 'a/b', '', '.hidden', 'x..y']) await expect(blobs.writeStaged(uploadId, 0, new Uint8Array(1))).rejects.toThrow('not an upload id');
    await expect(blobs.has('../../etc/passwd')).rejects.toThrow('not a SHA-256');
    await expect(collect(blobs.read('ab'.repeat(32)))).rejects.toThrow('no blob');
    expect(await blobs.has('ab'.repeat(32))).toBe(false);
  });
});
