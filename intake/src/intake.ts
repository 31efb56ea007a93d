/**
 * The reference intake, started from code: the `serve` command (./main.ts), the server's tests and
 * the extension's end-to-end tests run it this way, on 127.0.0.1 and a free port.
 *
 *     const intake = await startIntake({ data: dir, port: 0 });
 *     await intake.admin.createOrganisation('springer-nature', 'Springer Nature');
 *     const { token } = await intake.admin.createRepresentative('j.smith', { organisation: 'springer-nature', name: 'J. Smith' });
 *     … fetch(`${intake.url}/v1/session`, { headers: { Authorization: `Bearer ${token}` } }) …
 *     await intake.close();
 */
import type { AddressInfo } from 'node:net';
import type { Limits } from '../../utils/protocol/intake';
import { IntakeAdmin } from './admin';
import { createIntakeServer, type ConnectionLimits } from './http/server';
import type { TrafficLimits } from './http/traffic';
import { closeStorage, openStorage, type IntakeStorage } from './storage/open';
import type { StorageQuotas } from './store/quotas';
import { IntakeStore } from './store/store';

export interface IntakeOptions {
  /** SQLite and artifact files in this folder, created if missing (the default back end). */
  data?: string;
  /** A PostgreSQL connection URL instead: items, keys and artifact bytes all in that database. */
  postgres?: string;
  /** Storage already opened (the tests' back-end factories); closed by close(). */
  storage?: IntakeStorage;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 8787; 0 for a free port (see `url`). */
  port?: number;
  /**
   * Addresses or CIDR ranges of the TLS-terminating proxies in front of the intake. A request from
   * one of them is answered when the protocol the proxy itself forwarded (the last hop of
   * X-Forwarded-Proto or Forwarded) is https; from any other address, plain http is answered only
   * on loopback, and 403 https-required elsewhere (http/forwarded.ts).
   */
  trustedProxies?: readonly string[];
  /** Lower limits than v1's (GET /v1/session announces them): tests use a small chunk limit. */
  limits?: Partial<Limits>;
  /** Requests per minute and at once, per token and per organisation (http/traffic.ts). */
  traffic?: Partial<TrafficLimits>;
  /** Connections at once and how long a request may take to arrive (http/server.ts). */
  connections?: Partial<ConnectionLimits>;
  /** Storage each organisation's items may declare, in all and per 24 hours (store/quotas.ts). */
  quotas?: Partial<StorageQuotas>;
  /** The server's clock (receipts, key validity, idempotency key age). */
  now?: () => Date;
  /** How long an idempotency key may stay in flight before a retry takes it over; default 60 s. */
  inFlightTimeoutMs?: number;
  /** Where unexpected failures go; default stderr. */
  log?: (message: string) => void;
}

export interface RunningIntake {
  /** `http://<host>:<port>`, without a trailing slash. */
  url: string;
  admin: IntakeAdmin;
  store: IntakeStore;
  /** Stops listening, lets requests in progress finish (cutting them after a few seconds), closes the storage. */
  close(): Promise<void>;
}

/** Keys are kept 24 hours; purging hourly keeps the table to about a day of uploads. */
const purgeEveryMs = 60 * 60 * 1000;
const closeGraceMs = 5_000;

export async function startIntake(options: IntakeOptions): Promise<RunningIntake> {
  const given = [options.data, options.postgres, options.storage].filter((value) => value !== undefined).length;
  if (given !== 1) throw new TypeError('startIntake needs exactly one of data, postgres or storage');
  const storage = options.storage ?? (await openStorage(options.postgres !== undefined ? { postgres: options.postgres } : { data: options.data! }));
  const log = options.log ?? ((message: string) => console.error(message));
  let store: IntakeStore;
  try {
    store = await IntakeStore.open(storage, { limits: options.limits, now: options.now, inFlightTimeoutMs: options.inFlightTimeoutMs, quotas: options.quotas });
  } catch (error) {
    await closeStorage(storage);
    throw error;
  }
  let created: ReturnType<typeof createIntakeServer>;
  try {
    created = createIntakeServer(store, { trustedProxies: options.trustedProxies, traffic: options.traffic, connections: options.connections, log });
  } catch (error) {
    await closeStorage(storage);
    throw error;
  }
  const { server, settled } = created;
  const host = options.host ?? '127.0.0.1';
  try {
    await new Promise<void>((listening, failed) => {
      server.once('error', failed);
      server.listen(options.port ?? 8787, host, () => {
        server.off('error', failed);
        listening();
      });
    });
  } catch (error) {
    await closeStorage(storage);
    throw error;
  }

  let purging: Promise<unknown> = Promise.resolve();
  const purge = () => (purging = store.purgeIdempotencyKeys().catch((error: unknown) => log(`intake: purging idempotency keys failed: ${String(error)}`)));
  purge();
  const purgeTimer = setInterval(purge, purgeEveryMs);
  purgeTimer.unref();

  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}`,
    admin: new IntakeAdmin(storage.sql, store.now),
    store,
    close() {
      closing ??= (async () => {
        clearInterval(purgeTimer);
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        const grace = setTimeout(() => server.closeAllConnections(), closeGraceMs);
        await settled();
        server.closeAllConnections();
        clearTimeout(grace);
        await stopped;
        await purging;
        await closeStorage(storage);
      })();
      return closing;
    },
  };
}
