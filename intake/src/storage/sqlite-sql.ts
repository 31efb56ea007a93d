/**
 * The SQLite adapter of the intake's SqlClient (./sql.ts): the embedded default, one file beside
 * the artifact bytes on disk (./disk-blobs.ts).
 *
 * better-sqlite3 is synchronous, but the store's transactions are async (they await WebCrypto and
 * the blob store between statements), and one connection has one transaction at a time. So every
 * statement and every transaction of this client goes through one promise queue: while a
 * transaction is open, nothing else runs on the connection, and its `tx` runs its statements
 * directly. BEGIN IMMEDIATE takes the write lock at once, so another process on the same file (the
 * admin command while the server runs) waits for it (busy timeout) instead of failing at COMMIT.
 *
 * WAL lets readers of other processes go on during a write; synchronous=FULL makes each commit
 * durable before it returns, which an answer of "committed" promises.
 */
import Database from 'better-sqlite3';
import type { SqlClient, SqlRow, SqlRunResult, SqlValue } from './sql';

export interface SqliteSqlOptions {
  /** How long a statement waits for another process's write lock before failing. */
  busyTimeoutMs?: number;
}

type Statement = Database.Statement<unknown[], SqlRow>;

export function openSqliteSql(path: string, options: SqliteSqlOptions = {}): SqlClient {
  const db = new Database(path, { timeout: options.busyTimeoutMs ?? 10_000 });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');

  const statements = new Map<string, Statement>();
  const prepared = (sql: string): Statement => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql) as Statement;
      statements.set(sql, statement);
    }
    return statement;
  };
  // `$1 … $n` are named parameters to SQLite ("1" … "n"): bound from an object by number.
  const bind = (params: readonly SqlValue[]): Record<string, SqlValue> => Object.fromEntries(params.map((value, index) => [String(index + 1), value]));
  const all = (statement: Statement, params: readonly SqlValue[]) => (params.length === 0 ? statement.all() : statement.all(bind(params)));
  const write = (statement: Statement, params: readonly SqlValue[]) => (params.length === 0 ? statement.run() : statement.run(bind(params)));

  const direct = {
    query: <Row extends SqlRow>(sql: string, params: readonly SqlValue[] = []): Row[] => all(prepared(sql), params) as Row[],
    run: (sql: string, params: readonly SqlValue[] = []): SqlRunResult => ({ changes: write(prepared(sql), params).changes }),
    exec: (sql: string): void => void db.exec(sql),
  };

  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;
  function enqueue<T>(job: () => T | Promise<T>): Promise<T> {
    if (closed) return Promise.reject(new Error('the SQLite client is closed'));
    const result = queue.then(job);
    queue = result.catch(() => undefined);
    return result;
  }

  let savepoints = 0;
  /** The client a transaction's work is given: direct statements, valid only while it is open. */
  function transactionClient(isOpen: () => boolean): SqlClient {
    const check = () => {
      if (!isOpen()) throw new Error('this transaction is over: use the client, not a kept `tx`');
    };
    const tx: SqlClient = {
      query: async (sql, params) => (check(), direct.query(sql, params)),
      run: async (sql, params) => (check(), direct.run(sql, params)),
      exec: async (sql) => (check(), direct.exec(sql)),
      // A nested transaction is a savepoint: it rolls back alone and commits with the outer one.
      async transaction(work) {
        check();
        const name = `nested_${++savepoints}`;
        db.exec(`SAVEPOINT ${name}`);
        try {
          const result = await work(tx);
          db.exec(`RELEASE ${name}`);
          return result;
        } catch (error) {
          db.exec(`ROLLBACK TO ${name}; RELEASE ${name}`);
          throw error;
        }
      },
      close: () => Promise.reject(new Error('close the client, not a transaction')),
    };
    return tx;
  }

  return {
    query: (sql, params) => enqueue(() => direct.query(sql, params)),
    run: (sql, params) => enqueue(() => direct.run(sql, params)),
    exec: (sql) => enqueue(() => direct.exec(sql)),
    transaction: (work) =>
      enqueue(async () => {
        let open = true;
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await work(transactionClient(() => open));
          db.exec('COMMIT');
          return result;
        } catch (error) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw error;
        } finally {
          open = false;
        }
      }),
    close: () =>
      enqueue(() => {
        closed = true;
        db.close();
      }),
  };
}
