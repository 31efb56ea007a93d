/**
 * The intake's store: everything it holds, written once against SqlClient and BlobStore so that
 * SQLite with files and PostgreSQL run the same statements. Opening it brings the schema up to
 * date, makes sure a signing key is in use, and finishes promotions a crash cut short.
 */
import {
  intakeLimits, type EvidenceItem, type ItemStatus, type Limits, type Receipt, type ReconcileResponse, type ServerKeys, type Session,
} from '../../../utils/protocol/intake';
import { refuse } from '../problem';
import type { IntakeStorage } from '../storage/open';
import type { SqlClient } from '../storage/sql';
import { committedOffset, promotePending, putChunk, type ChunkRange } from './chunks';
import { claimKey, keepAnswer, purgeKeys, releaseKey, type Claim } from './idempotency';
import { checkItemRecord } from './item-record';
import { itemStatus, reconcile, storeItem } from './items';
import { KeyedLock } from './locks';
import { authenticate, type Caller } from './members';
import { migrate } from './migrations';
import { storageQuotasOf, type StorageQuotas } from './quotas';
import { ensureServerKey, listServerKeys } from './server-keys';

export interface StoreOptions {
  /** This server's limits, each at most v1's (intakeLimits). */
  limits?: Partial<Limits>;
  now?: () => Date;
  /** How long a claimed idempotency key may stay in flight before another request takes it over. */
  inFlightTimeoutMs?: number;
  /** Storage per organisation; each defaults to defaultStorageQuotas'. */
  quotas?: Partial<StorageQuotas>;
}

export function limitsOf(limits: Partial<Limits> = {}): Limits {
  const given = Object.fromEntries(Object.entries(limits).filter(([, value]) => value !== undefined));
  const out = { ...intakeLimits, ...given };
  for (const [name, value] of Object.entries(out)) {
    const most = intakeLimits[name as keyof Limits];
    if (!Number.isSafeInteger(value) || value <= 0 || value > most) throw new RangeError(`limit ${name} must be a whole number from 1 to ${most}`);
  }
  return out;
}

/** The schema brought up to date and a signing key in use: what the server and the admin command both need. */
export async function prepareDatabase(sql: SqlClient, now: Date): Promise<void> {
  await migrate(sql, now);
  await ensureServerKey(sql, now);
}

const unknownItem = () => refuse('unknown-item', 'This organisation holds no item of this id');

export class IntakeStore {
  readonly limits: Limits;
  readonly quotas: StorageQuotas;
  readonly now: () => Date;
  private readonly locks = new KeyedLock();
  private readonly inFlightTimeoutMs: number;

  private constructor(
    readonly storage: IntakeStorage,
    options: StoreOptions,
  ) {
    this.limits = limitsOf(options.limits);
    this.quotas = storageQuotasOf(options.quotas);
    this.now = options.now ?? (() => new Date());
    this.inFlightTimeoutMs = options.inFlightTimeoutMs ?? 60_000;
  }

  static async open(storage: IntakeStorage, options: StoreOptions = {}): Promise<IntakeStore> {
    const store = new IntakeStore(storage, options);
    await prepareDatabase(storage.sql, store.now());
    await promotePending(storage.sql, storage.blobs);
    return store;
  }

  get sql(): SqlClient {
    return this.storage.sql;
  }

  authenticate(token: string): Promise<Caller | null> {
    return authenticate(this.sql, token);
  }

  session(caller: Caller): Session {
    return { organisation: caller.organisation, representative: caller.representative, limits: this.limits, serverTime: this.now().toISOString() };
  }

  async serverKeys(): Promise<ServerKeys> {
    return { keys: await listServerKeys(this.sql) };
  }

  /** PUT /v1/items/{itemId}, once checkItem passed: stores the record if new; `created` says which. */
  async putItem(caller: Caller, item: EvidenceItem): Promise<{ created: boolean; status: ItemStatus }> {
    const { created } = await storeItem(this.sql, caller, item, this.now(), this.quotas);
    return { created, status: await this.itemStatus(caller, item.id) };
  }

  /** What PUT item checks before anything is claimed or stored: a pure function of the request. */
  checkItem(pathItemId: string, item: EvidenceItem): Promise<void> {
    return checkItemRecord(item, pathItemId, this.limits);
  }

  async itemStatus(caller: Caller, itemId: string): Promise<ItemStatus> {
    const status = await itemStatus(this.sql, caller.organisation.id, itemId);
    if (!status) throw unknownItem();
    return status;
  }

  async receipt(caller: Caller, itemId: string): Promise<Receipt> {
    const status = await itemStatus(this.sql, caller.organisation.id, itemId);
    if (!status) throw unknownItem();
    if (!status.receipt) throw refuse('item-incomplete', 'The item is not whole yet: it has no receipt', { detail: 'send the artifacts its status says are missing' });
    return status.receipt;
  }

  async reconcile(caller: Caller, itemIds: readonly string[]): Promise<ReconcileResponse> {
    return { items: await reconcile(this.sql, caller.organisation.id, itemIds) };
  }

  putChunk(caller: Caller, itemId: string, index: number, range: ChunkRange, bytes: Uint8Array): Promise<ItemStatus> {
    return putChunk({ sql: this.sql, blobs: this.storage.blobs, locks: this.locks, now: this.now }, caller, itemId, index, range, bytes);
  }

  committedOffset(caller: Caller, itemId: string, index: number): Promise<number | undefined> {
    return committedOffset(this.sql, caller.organisation.id, itemId, index);
  }

  claimKey(caller: Caller, key: string, fingerprint: string): Promise<Claim> {
    return claimKey(this.sql, caller.organisation.id, key, fingerprint, this.now(), this.inFlightTimeoutMs);
  }

  keepAnswer(caller: Caller, key: string, claim: string, status: number, body: string): Promise<void> {
    return keepAnswer(this.sql, caller.organisation.id, key, claim, status, body);
  }

  releaseKey(caller: Caller, key: string, claim: string): Promise<void> {
    return releaseKey(this.sql, caller.organisation.id, key, claim);
  }

  purgeIdempotencyKeys(): Promise<number> {
    return purgeKeys(this.sql, this.now());
  }
}
