/**
 * Where the intake keeps artifact bytes: content-addressed once whole and verified, staged while
 * an upload is in progress. One adapter per back end: files on disk beside SQLite, rows in
 * PostgreSQL (so several intake processes can share one database).
 *
 * A chunk is committed in two steps: its bytes are written durably here, then the store records
 * the new committed offset in its SQL transaction. Bytes written past the committed offset (a
 * crash between the two steps, a chunk refused afterwards) are overwritten by the next chunk at
 * that offset and never read, so the two steps need not share a transaction.
 */
export interface BlobStore {
  /** Writes `bytes` at `offset` of the staged upload `uploadId`, durably, before resolving. */
  writeStaged(uploadId: string, offset: number, bytes: Uint8Array): Promise<void>;
  /** The first `length` bytes of a staged upload, in order, in pieces of any size. */
  readStaged(uploadId: string, length: number): AsyncIterable<Uint8Array>;
  /**
   * Makes the first `length` bytes of a staged upload the blob `sha256` (already verified by the
   * caller) and drops the staged copy. A blob that exists already is kept as it is.
   */
  promote(uploadId: string, length: number, sha256: string): Promise<void>;
  /** Drops a staged upload (a hash mismatch); nothing if there is none. */
  discardStaged(uploadId: string): Promise<void>;
  has(sha256: string): Promise<boolean>;
  /** The bytes of a blob, in order; throws if there is none. */
  read(sha256: string): AsyncIterable<Uint8Array>;
  close(): Promise<void>;
}
