/**
 * Stop points for the outbox's crash simulation: the seams a run of the outbox takes as
 * dependencies (its evidence database connection, fetch, where it keeps the intake's keys) wrapped
 * so that every moment the run waits on one of them is counted, in order, and the run can be killed
 * at any of them. The outbox itself is not touched.
 *
 * A kill is what the browser stopping the service worker does: from that moment nothing the run
 * does reaches IndexedDB or the intake. Its connection is closed with every unfinished
 * transaction aborted, and any later use of any seam throws Killed, so the runner's own error
 * handling (which would store the failure) writes nothing either.
 *
 * The points, per seam:
 *  - IndexedDB: `begin` as a transaction is asked for (a kill: it never starts); `result` as each
 *    request's answer comes back (a kill inside a readwrite transaction aborts it: the moment just
 *    before it commits, its writes lost); `commit` as a readwrite transaction's commit is reported
 *    (a kill: the writes are kept, the run never acts on them).
 *  - fetch: `send` before the request leaves (a kill: the intake never sees it); `lost` once the
 *    intake has answered in full and before the answer reaches the run (the intake did the work,
 *    the answer is lost); `answered` once the run has read the answer, before it acts on it.
 *  - the kept server keys: `begin` and `result` around a read, `begin` and `commit` around a write.
 */
import type { IDBPTransaction } from 'idb';
import type { EvidenceDatabase } from '@/utils/evidence/store';
import { readIntakeSetting, writeIntakeSetting } from '@/utils/sync/intake-database';
import type { ServerKeyStore } from '@/utils/sync/receipt-check';

export class Killed extends Error {
  override readonly name = 'Killed';
}

/** One run of the outbox under observation: its stop points so far, and where it is to be killed. */
export class SimulatedWorker {
  /** The label of every point reached, in order; the kill, if any, is the last. */
  readonly points: string[] = [];
  private dead = false;
  /** Refusals after the kill: each a call the dead run made, which did nothing. */
  refusedAfterKill = 0;
  private readonly onKill: (() => void)[] = [];

  /** `killAt`: the 1-based stop point to kill at; null to run to the end. */
  constructor(readonly killAt: number | null) {}

  get killed(): boolean {
    return this.dead;
  }

  /** What the kill stops besides the seams' own refusals (the database connection). */
  whenKilled(stop: () => void): void {
    this.onKill.push(stop);
  }

  /**
   * The run reached a stop point. Throws Killed if the run is dead (killed here or before), unless
   * `deliver`: then what the run waited for reaches it, and it dies at its next step.
   */
  reach(label: string, deliver = false): void {
    this.alive(label);
    this.points.push(label);
    if (this.points.length !== this.killAt) return;
    this.dead = true;
    for (const stop of this.onKill) stop();
    if (!deliver) throw new Killed(`killed at ${label}`);
  }

  /** Throws Killed if the run is dead: for any step it takes, a stop point or not. */
  alive(what: string): void {
    if (this.dead) {
      this.refusedAfterKill++;
      throw new Killed(`the run was killed before ${what}`);
    }
  }
}

// idb's shortcuts on the database (db.get, db.getAllFromIndex, db.put, …): each opens a
// transaction through `this.transaction`, which must be the watched one.
const idbShortcut = /^(get|getKey|getAll|getAllKeys|count|put|add|delete|clear)(FromIndex)?$/;

type AnyTransaction = IDBPTransaction<unknown, string[], IDBTransactionMode>;

/** `db` as the run sees it: every transaction and every request answer a stop point. */
export function watchedDatabase(db: EvidenceDatabase, worker: SimulatedWorker): EvidenceDatabase {
  const live = new Set<AnyTransaction>();
  worker.whenKilled(() => {
    for (const tx of live) {
      try {
        tx.abort();
      } catch {
        // Finished already: committed or aborted, either way settled.
      }
    }
    db.close();
  });

  const transaction = (stores: string | string[], mode: IDBTransactionMode = 'readonly', options?: IDBTransactionOptions) => {
    const names = [stores].flat().join('+');
    worker.reach(`idb begin ${mode} ${names}`);
    const tx = (db as unknown as { transaction: (...args: unknown[]) => AnyTransaction }).transaction(stores, mode, options);
    live.add(tx);
    tx.done.then(
      () => live.delete(tx),
      () => live.delete(tx),
    );
    return watchedTransaction(tx, mode, names, worker);
  };

  const membrane: EvidenceDatabase = new Proxy(db, {
    get(target, prop) {
      if (prop === 'transaction') return transaction;
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      if (typeof prop === 'string' && idbShortcut.test(prop)) return (...args: unknown[]) => value.apply(membrane, args);
      return value.bind(target);
    },
  });
  return membrane;
}

function watchedTransaction(tx: AnyTransaction, mode: IDBTransactionMode, names: string, worker: SimulatedWorker): AnyTransaction {
  let done: Promise<void> | undefined;
  return new Proxy(tx, {
    get(target, prop) {
      // A read-only transaction's end is no step of the run (it waits on its requests' answers).
      if (prop === 'done') return mode === 'readonly' ? target.done : (done ??= target.done.then(() => worker.reach(`idb commit ${names}`, true)));
      if (prop === 'store') {
        const store = Reflect.get(target, prop, target) as { name: string } | undefined;
        return store && watchedStore(store, store.name, worker);
      }
      if (prop === 'objectStore') return (name: string) => watchedStore(target.objectStore(name), name, worker);
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** An object store or index whose every request's answer is a stop point. */
function watchedStore<Store extends object>(store: Store, name: string, worker: SimulatedWorker): Store {
  return new Proxy(store, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (prop === 'index') return (index: string) => watchedStore((value as (index: string) => object).call(target, index), `${name}.${index}`, worker);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        worker.alive(`idb ${name}.${String(prop)}`);
        const request: unknown = value.apply(target, args);
        if (!(request instanceof Promise)) return request;
        return request.then((answer: unknown) => {
          worker.reach(`idb result ${name}.${String(prop)}`);
          return answer;
        });
      };
    },
  });
}

/** A request's label: its method and path with the item's id left out, and the bytes of a chunk. */
function requestLabel(input: string | URL | Request, init: RequestInit | undefined): string {
  const path = new URL(input instanceof Request ? input.url : String(input)).pathname.replace(/[0-9a-f]{64}/, '{item}');
  const range = new Headers(init?.headers).get('Content-Range');
  return `${init?.method ?? 'GET'} ${path}${range ? ` ${range}` : ''}`;
}

/** Statuses whose answer has no body, which a Response refuses one for. */
const bodiless = new Set([101, 204, 205, 304]);

/** fetch as the run sees it: before sending, once the intake answered, once the run read the answer. */
export function watchedFetch(worker: SimulatedWorker, send: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const label = requestLabel(input, init);
    worker.reach(`fetch send ${label}`);
    const response = await send(input, init);
    // Read whole here, so the intake is done with the request when the next point is reached.
    const body = new Uint8Array(await response.arrayBuffer());
    worker.reach(`fetch lost ${label}`);
    const answered = () => worker.reach(`fetch answered ${label}`, true);
    const head = { status: response.status, statusText: response.statusText, headers: response.headers };
    if (bodiless.has(response.status)) {
      answered();
      return new Response(null, head);
    }
    let given = false;
    const stream = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          if (!given && body.byteLength > 0) {
            given = true;
            controller.enqueue(body);
            return;
          }
          answered();
          controller.close();
        },
      },
      // Pulled only when the run reads, so `answered` is reached when it has read the whole answer.
      { highWaterMark: 0 },
    );
    return new Response(stream, head);
  };
}

/** The `colophon-intake` database's keys, each read and write between two stop points. */
export function watchedKeyStore(worker: SimulatedWorker): ServerKeyStore {
  return {
    async read() {
      worker.reach('keys begin read');
      const stored = await readIntakeSetting('server-keys');
      worker.reach('keys result read');
      return stored;
    },
    async write(keys) {
      worker.reach('keys begin write');
      await writeIntakeSetting('server-keys', keys);
      worker.reach('keys commit write', true);
    },
  };
}
