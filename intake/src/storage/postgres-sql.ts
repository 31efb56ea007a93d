/**
 * The PostgreSQL adapter of the intake's SqlClient (./sql.ts), for a coalition that outgrows one
 * machine: several intake processes share one database. Statements are in
 * ./postgres-statements.ts, transactions (serialisable, retried) in ./postgres-transaction.ts.
 */
import pg from 'pg';
import type { SqlClient } from './sql';
import { statements, wrap } from './postgres-statements';
import { runTransaction } from './postgres-transaction';

export { PostgresSqlError } from './postgres-statements';

export interface PostgresSqlOptions {
  /** Pooled connections; several intake processes each hold this many. */
  maxConnections?: number;
  /** A statement running longer is cancelled: a stuck query must not hold a request forever. */
  statementTimeoutMs?: number;
  /** How many times a transaction is run before a serialisation failure is given up as an error. */
  maxAttempts?: number;
}

export async function openPostgresSql(url: string, options: PostgresSqlOptions = {}): Promise<SqlClient> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    statement_timeout: options.statementTimeoutMs ?? 30_000,
    // A process that died mid-transaction must not keep its locks.
    idle_in_transaction_session_timeout: 60_000,
    connectionTimeoutMillis: 10_000,
    application_name: 'colophon-intake',
    types: numberTypes(),
  });
  // An idle connection the server dropped is removed by the pool; without a listener the error
  // would end the process. The next query opens a new connection (or fails and says why).
  pool.on('error', () => {});
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end();
    throw wrap(error, `connecting to ${redact(url)}`);
  }
  const maxAttempts = options.maxAttempts ?? 10;
  let closed: Promise<void> | undefined;
  return {
    ...statements(pool),
    transaction: (work) => runTransaction(pool, work, maxAttempts),
    close() {
      closed ??= pool.end();
      return closed;
    },
  };
}

/**
 * BIGINT counts and offsets as numbers, as the dialect promises, on this pool only (pg's global
 * parsers are shared by every pool in the process). A BIGINT beyond 2^53 is refused rather than
 * rounded: a silently wrong offset would corrupt an upload.
 */
function numberTypes(): pg.TypeOverrides {
  const types = new pg.TypeOverrides();
  types.setTypeParser(pg.types.builtins.INT8, (text: string) => {
    const value = Number(text);
    if (!Number.isSafeInteger(value)) throw new RangeError(`BIGINT ${text} is beyond 2^53`);
    return value;
  });
  types.setTypeParser(pg.types.builtins.NUMERIC, Number);
  return types;
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}
