/**
 * The PostgreSQL adapter of the intake's BlobStore (./blobs.ts): artifact bytes as rows, so several
 * intake processes sharing one database share the bytes too.
 *
 * Bytes are kept in pieces of at most 1 MiB, so a 256 MiB artifact never becomes one value (a
 * bytea tops out at 1 GB and is built whole in memory on both sides). Staged and whole blobs are
 * pieces of one table, told apart by their owner (`upload:<id>` or `blob:<sha256>`): promoting an
 * upload relabels its rows, and PostgreSQL keeps the already stored bytes of a row it updates
 * without touching that column, so promotion costs no copy of the artifact, in the table or in the
 * WAL.
 *
 * It goes through the portable SqlClient, whose values are strings and numbers: bytes travel as hex
 * (`decode`/`encode`), which is what pg does for bytea results anyway. Writes cost twice the bytes
 * on the wire; in return the SqlClient interface stays free of bytes, as its dialect says, and the
 * blob writes get the same retried serialisable transactions as the store.
 */
import type { BlobStore } from './blobs';
import { openPostgresSql } from './postgres-sql';
import type { SqlClient } from './sql';

/** Idempotent, so every intake process may run it at start-up. */
export const postgresBlobSchema = `
CREATE TABLE IF NOT EXISTS blobstore_blobs (
  sha256 TEXT PRIMARY KEY,
  size BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS blobstore_pieces (
  owner TEXT NOT NULL,
  start_offset BIGINT NOT NULL,
  data BYTEA NOT NULL,
  PRIMARY KEY (owner, start_offset)
);
`;

export const blobPieceBytes = 1024 * 1024;
/** Pieces fetched per query when reading: a few MiB in memory at a time, few round trips. */
const piecesPerRead = 4;

/**
 * A BlobStore with a pool of its own, closed with it. The store awaits blob writes inside its
 * transactions: on a shared pool, transactions holding every connection would wait forever for a
 * blob write waiting for a connection. Blob statements never wait on the store's, so a few suffice.
 */
export async function openPostgresBlobStore(url: string, maxConnections = 4): Promise<BlobStore> {
  const sql = await openPostgresSql(url, { maxConnections });
  return { ...createPostgresBlobStore(sql), close: () => sql.close() };
}

/**
 * A BlobStore over `sql`, creating its tables on first use. Its `close()` leaves `sql` open: the
 * store that shares the client closes it.
 */
export function createPostgresBlobStore(sql: SqlClient): BlobStore {
  let schema: Promise<void> | undefined;
  const ready = () => {
    schema ??= sql.exec(postgresBlobSchema).catch((error: unknown) => {
      schema = undefined; // a database that was down at first use is tried again next time
      throw error;
    });
    return schema;
  };

  return {
    async writeStaged(uploadId, offset, bytes) {
      const owner = stagedOwner(uploadId);
      checkOffset(offset, 'offset');
      await ready();
      const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      await sql.transaction(async (tx) => {
        // As in a file: [offset, end) is replaced and bytes past it stay. A chunk of another process
        // arriving late at an offset already passed must not erase the chunks committed after it.
        await clearRange(tx, owner, offset, offset + buffer.length);
        const [before] = await tx.query<{ end: number }>(
          'SELECT COALESCE(MAX(start_offset + length(data)), 0) AS "end" FROM blobstore_pieces WHERE owner = $1 AND start_offset < $2',
          [owner, offset],
        );
        if (before!.end < offset) {
          throw new RangeError(`upload ${uploadId} has ${before!.end} bytes staged before ${offset}: cannot write there`);
        }
        for (let start = 0; start < buffer.length; start += blobPieceBytes) {
          const end = Math.min(start + blobPieceBytes, buffer.length);
          await tx.run('INSERT INTO blobstore_pieces (owner, start_offset, data) VALUES ($1, $2, decode($3, \'hex\'))', [
            owner,
            offset + start,
            buffer.toString('hex', start, end),
          ]);
        }
      });
    },

    async *readStaged(uploadId, length) {
      checkOffset(length, 'length');
      await ready();
      yield* readPieces(sql, stagedOwner(uploadId), length, `upload ${uploadId}`);
    },

    async promote(uploadId, length, sha256) {
      const owner = stagedOwner(uploadId);
      checkOffset(length, 'length');
      checkSha256(sha256);
      await ready();
      await sql.transaction(async (tx) => {
        // Claiming the blob first means only one of two uploads of the same bytes relabels its rows.
        const claimed = await tx.query(
          'INSERT INTO blobstore_blobs (sha256, size) VALUES ($1, $2) ON CONFLICT (sha256) DO NOTHING RETURNING sha256',
          [sha256, length],
        );
        if (claimed.length > 0) {
          await tx.run('DELETE FROM blobstore_pieces WHERE owner = $1 AND start_offset >= $2', [owner, length]);
          await trimTail(tx, owner, length);
          const [staged] = await tx.query<{ bytes: number }>(
            'SELECT COALESCE(SUM(length(data)), 0) AS bytes FROM blobstore_pieces WHERE owner = $1',
            [owner],
          );
          if (staged!.bytes !== length) {
            throw new RangeError(`upload ${uploadId} has ${staged!.bytes} bytes staged, not ${length}`);
          }
          await tx.run('UPDATE blobstore_pieces SET owner = $2 WHERE owner = $1', [owner, blobOwner(sha256)]);
        }
        await tx.run('DELETE FROM blobstore_pieces WHERE owner = $1', [owner]);
      });
    },

    async discardStaged(uploadId) {
      const owner = stagedOwner(uploadId);
      await ready();
      await sql.run('DELETE FROM blobstore_pieces WHERE owner = $1', [owner]);
    },

    async has(sha256) {
      checkSha256(sha256);
      await ready();
      return (await sql.query('SELECT 1 FROM blobstore_blobs WHERE sha256 = $1', [sha256])).length > 0;
    },

    async *read(sha256) {
      checkSha256(sha256);
      await ready();
      const [blob] = await sql.query<{ size: number }>('SELECT size FROM blobstore_blobs WHERE sha256 = $1', [sha256]);
      if (!blob) throw new Error(`no blob ${sha256}`);
      yield* readPieces(sql, blobOwner(sha256), blob.size, `blob ${sha256}`);
    },

    async close() {},
  };
}

/** Leaves no byte of the owner's pieces in [start, end), keeping those on either side. */
async function clearRange(tx: SqlClient, owner: string, start: number, end: number): Promise<void> {
  if (end === start) return;
  // A piece reaching over both ends keeps its tail as a new piece, then its head below.
  await tx.run(
    `INSERT INTO blobstore_pieces (owner, start_offset, data)
     SELECT owner, $3::bigint, substring(data FROM ($3::bigint - start_offset + 1)::integer) FROM blobstore_pieces
     WHERE owner = $1 AND start_offset < $2::bigint AND start_offset + length(data) > $3::bigint`,
    [owner, start, end],
  );
  // A piece starting inside and reaching past the end keeps its tail, moved to the end.
  await tx.run(
    `UPDATE blobstore_pieces SET data = substring(data FROM ($3::bigint - start_offset + 1)::integer), start_offset = $3::bigint
     WHERE owner = $1 AND start_offset >= $2::bigint AND start_offset < $3::bigint AND start_offset + length(data) > $3::bigint`,
    [owner, start, end],
  );
  await tx.run('DELETE FROM blobstore_pieces WHERE owner = $1 AND start_offset >= $2 AND start_offset < $3', [owner, start, end]);
  await trimTail(tx, owner, start);
}

/** Cuts the piece that straddles `offset` back to it, so no bytes lie past `offset`. */
async function trimTail(tx: SqlClient, owner: string, offset: number): Promise<void> {
  await tx.run(
    `UPDATE blobstore_pieces SET data = substring(data FROM 1 FOR ($2::bigint - start_offset)::integer)
     WHERE owner = $1 AND start_offset < $2::bigint AND start_offset + length(data) > $2::bigint`,
    [owner, offset],
  );
}

/** The first `length` bytes of an owner's pieces, in order, refusing a gap or a short end. */
async function* readPieces(sql: SqlClient, owner: string, length: number, what: string): AsyncIterable<Uint8Array> {
  let next = 0;
  while (next < length) {
    const pieces = await sql.query<{ start_offset: number; hex: string }>(
      `SELECT start_offset, encode(data, 'hex') AS hex FROM blobstore_pieces
       WHERE owner = $1 AND start_offset >= $2 AND start_offset < $3 ORDER BY start_offset LIMIT ${piecesPerRead}`,
      [owner, next, length],
    );
    // A batch that does not start where the last one ended means a gap (or nothing more).
    if (pieces[0]?.start_offset !== next) break;
    for (const piece of pieces) {
      if (piece.start_offset !== next) break;
      const bytes = Buffer.from(piece.hex, 'hex');
      const wanted = Math.min(bytes.length, length - next);
      next += wanted;
      yield wanted < bytes.length ? bytes.subarray(0, wanted) : bytes;
    }
  }
  if (next !== length) throw new Error(`${what} has only ${next} of ${length} bytes stored in order`);
}

function stagedOwner(uploadId: string): string {
  if (typeof uploadId !== 'string' || uploadId.length === 0) throw new TypeError('an upload id is a non-empty string');
  return `upload:${uploadId}`;
}

function blobOwner(sha256: string): string {
  return `blob:${sha256}`;
}

function checkSha256(sha256: string): void {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new TypeError(`not a SHA-256 in lower-case hex: ${sha256}`);
}

function checkOffset(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer, not ${value}`);
}
