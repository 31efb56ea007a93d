/**
 * The one SQL interface the intake's store is written against, so the same statements and the same
 * tests run on both back ends: SQLite (better-sqlite3, the embedded default) and PostgreSQL (for a
 * coalition that outgrows one machine). Each back end is one adapter of this interface.
 *
 * The portable dialect the store keeps to:
 * - placeholders `$1 … $n` (the SQLite adapter binds them by number);
 * - column types TEXT, BIGINT (integers up to 2^53; both adapters return them as numbers) and
 *   INTEGER 0/1 for truth values; no BLOB: bytes live in a BlobStore (./blobs.ts);
 * - `INSERT … ON CONFLICT … DO NOTHING / DO UPDATE`, `RETURNING`, `CREATE TABLE IF NOT EXISTS`.
 */
export type SqlValue = string | number | null;
export type SqlRow = Record<string, SqlValue>;

export interface SqlRunResult {
  /** Rows inserted, updated or deleted. */
  changes: number;
}

export interface SqlClient {
  /** Rows of a SELECT (or of a statement with RETURNING). */
  query<Row extends SqlRow = SqlRow>(sql: string, params?: readonly SqlValue[]): Promise<Row[]>;
  /** A statement without rows to read. */
  run(sql: string, params?: readonly SqlValue[]): Promise<SqlRunResult>;
  /** Several statements without parameters (the schema). */
  exec(sql: string): Promise<void>;
  /**
   * Runs `work` in one serialisable transaction: committed when it resolves, rolled back when it
   * throws (the error is rethrown). Inside, use only the `tx` it is given. Transactions of one
   * client never interleave; a back end that must retry a serialisation failure does so itself.
   */
  transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
