/**
 * Transactions of the PostgreSQL SqlClient (./postgres-sql.ts): SERIALIZABLE, on one pooled
 * connection, and run again whole when PostgreSQL could not serialise them.
 *
 * SERIALIZABLE rather than REPEATABLE READ with explicit locks: the store is written in the
 * portable dialect, which has no `SELECT … FOR UPDATE` (SQLite has none), so only serialisable
 * snapshot isolation makes its read-then-write steps (committed offsets, idempotency keys) safe
 * when several intake processes run them at once. The price is an occasional serialisation
 * failure, absorbed here by running `work` again, as the SqlClient interface promises; `work` must
 * therefore do nothing outside the database that it cannot do twice.
 */
import type pg from 'pg';
import type { SqlClient } from './sql';
import { isRetryable, PostgresSqlError, statements, wrap } from './postgres-statements';

export async function runTransaction<T>(pool: pg.Pool, work: (tx: SqlClient) => Promise<T>, maxAttempts: number): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const outcome = await attemptTransaction(pool, work);
    if (outcome.ok) return outcome.value;
    if (!outcome.retryable || attempt >= maxAttempts) throw outcome.error;
    // Full jitter, so the transactions that collided do not collide again.
    await sleep(Math.random() * Math.min(200, 5 * 2 ** attempt));
  }
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown; retryable: boolean };

async function attemptTransaction<T>(pool: pg.Pool, work: (tx: SqlClient) => Promise<T>): Promise<Outcome<T>> {
  let connection: pg.PoolClient;
  try {
    connection = await pool.connect();
  } catch (error) {
    return { ok: false, error: wrap(error, 'connecting'), retryable: false };
  }
  // A statement that failed aborts the transaction even if `work` caught its error; COMMIT would
  // then quietly roll back, so the failure is remembered and decides the outcome.
  let failure: PostgresSqlError | undefined;
  let finished = false;
  let savepoints = 0;
  const tx: SqlClient = {
    ...statements(connection, {
      assertOpen() {
        if (finished) throw new Error('this transaction is over: use the client, not a kept `tx`');
      },
      onError: (error) => (failure ??= error),
    }),
    // A nested transaction is a savepoint, as with SQLite: it rolls back alone and commits with
    // the outer one. A serialisation failure inside it still runs the whole transaction again.
    async transaction(nested) {
      const name = `nested_${++savepoints}`;
      const before = failure;
      await tx.run(`SAVEPOINT ${name}`);
      try {
        const result = await nested(tx);
        if (failure !== before) throw failure;
        await tx.run(`RELEASE SAVEPOINT ${name}`);
        return result;
      } catch (error) {
        if (!isRetryable(failure)) {
          await tx.run(`ROLLBACK TO SAVEPOINT ${name}`);
          failure = before;
        }
        throw error;
      }
    },
    close: () => Promise.reject(new Error('close the client, not a transaction')),
  };
  const control = (sql: string) => connection.query(sql).catch((error: unknown) => Promise.reject(wrap(error, sql)));
  let broken = false;
  try {
    await control('BEGIN ISOLATION LEVEL SERIALIZABLE');
    const value = await work(tx);
    if (failure) throw failure;
    finished = true;
    await control('COMMIT');
    return { ok: true, value };
  } catch (error) {
    finished = true;
    await connection.query('ROLLBACK').catch(() => (broken = true));
    // The work's own errors (a refused chunk, say) pass through untouched.
    return { ok: false, error, retryable: isRetryable(failure ?? error) };
  } finally {
    connection.release(broken);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
