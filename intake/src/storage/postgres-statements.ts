/**
 * Statements of the PostgreSQL SqlClient (./postgres-sql.ts), over the pool or over one
 * transaction's connection, and the errors they throw.
 */
import type pg from 'pg';
import type { SqlRow, SqlRunResult, SqlValue } from './sql';

/** A PostgreSQL error, with what was being run; the driver's error (and its SQLSTATE) is `cause`. */
export class PostgresSqlError extends Error {
  override name = 'PostgresSqlError';
  /** The SQLSTATE, e.g. 23505 for a unique violation. */
  readonly code: string | undefined;
  constructor(
    message: string,
    cause: unknown,
    /** Raised by schema statements (`exec`). */
    readonly inSchema = false,
  ) {
    super(message, { cause });
    this.code = sqlState(cause);
  }
}

const CONFLICTS = new Set(['40001', '40P01']); // serialization_failure, deadlock_detected
// duplicate_table, duplicate_object, unique_violation (in the catalogue): another process created
// the same thing at the same moment; run again, the transaction sees it was done.
const SCHEMA_RACES = new Set(['42P07', '42710', '23505']);

/** Whether running the whole transaction again can succeed where this attempt failed. */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof PostgresSqlError) || !error.code) return false;
  return CONFLICTS.has(error.code) || (error.inSchema && SCHEMA_RACES.has(error.code));
}

/** One key for every intake process: schema statements run one process at a time. */
const SCHEMA_LOCK = 0x636f6c6f; // "colo"

export type Queryable = Pick<pg.Pool, 'query'>;

export interface StatementHooks {
  /** Throws when the statements may no longer be used. */
  assertOpen?(): void;
  onError?(error: PostgresSqlError): void;
}

export function statements(target: Queryable, hooks: StatementHooks = {}) {
  const send = async (sql: string, params?: readonly SqlValue[]) => {
    hooks.assertOpen?.();
    // With parameters (even none) the extended protocol runs exactly one statement, as SQLite's
    // prepare does; only `exec` may run several.
    const statement: pg.QueryConfig & { queryMode?: 'extended' } = params
      ? { text: sql, values: [...params], queryMode: 'extended' }
      : { text: sql };
    try {
      return await target.query(statement);
    } catch (error) {
      const wrapped = wrap(error, sql, !params);
      hooks.onError?.(wrapped);
      throw wrapped;
    }
  };
  return {
    async query<Row extends SqlRow = SqlRow>(sql: string, params?: readonly SqlValue[]): Promise<Row[]> {
      return (await send(sql, params ?? [])).rows as Row[];
    },
    async run(sql: string, params?: readonly SqlValue[]): Promise<SqlRunResult> {
      return { changes: (await send(sql, params ?? [])).rowCount ?? 0 };
    },
    async exec(sql: string): Promise<void> {
      // Without parameters pg uses the simple protocol, which runs several statements as one
      // implicit transaction, so the advisory lock is held until they are all done: two processes
      // starting at once cannot race each other's `CREATE TABLE IF NOT EXISTS`.
      await send(`SELECT pg_advisory_xact_lock(${SCHEMA_LOCK});\n${sql}`);
    },
  };
}

export function sqlState(error: unknown): string | undefined {
  const found = error instanceof PostgresSqlError ? error.cause : error;
  const code = (found as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

export function wrap(error: unknown, sql: string, inSchema = false): PostgresSqlError {
  if (error instanceof PostgresSqlError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const code = sqlState(error);
  const statement = sql.length > 200 ? `${sql.slice(0, 200)}…` : sql;
  // Parameters are left out: they carry tokens and evidence bytes.
  return new PostgresSqlError(`PostgreSQL: ${message}${code ? ` (SQLSTATE ${code})` : ''} in: ${statement}`, error, inSchema);
}
