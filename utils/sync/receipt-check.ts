/**
 * Whether a receipt the intake sent is proof for this item: signed by one of the server's keys
 * (checkReceipt), and saying exactly what the item's record says (its id, digests, chain position
 * and each artifact's SHA-256). A receipt for other bytes proves nothing about these.
 *
 * The server's keys are kept in the `colophon-intake` database with the URL they came from, and
 * fetched again once when a receipt names a key not among them (the server rotated its key).
 */
import { canonicalJson } from '@/utils/protocol/canonical-json';
import type { EvidenceItem } from '@/utils/protocol/evidence';
import type { IntakeClient } from './intake-client';
import { readIntakeSetting, writeIntakeSetting, type StoredServerKeysV1 } from './intake-database';
import { checkReceipt, receiptFactsOf, type Receipt, type ReceiptCheck, type ServerKey } from '../protocol/intake';

export interface ServerKeyRing {
  /** The keys known, fetched when none are. */
  keys(): Promise<readonly ServerKey[]>;
  /** The keys fetched again from the server, and kept. */
  refresh(): Promise<readonly ServerKey[]>;
}

/** Where a key ring keeps the keys between runs. */
export interface ServerKeyStore {
  read(): Promise<StoredServerKeysV1 | null>;
  write(keys: StoredServerKeysV1): Promise<void>;
}

const intakeDatabaseKeys: ServerKeyStore = {
  read: () => readIntakeSetting('server-keys'),
  write: (keys) => writeIntakeSetting('server-keys', keys),
};

/**
 * The server keys of `client`'s intake, kept between runs in `store`: the `colophon-intake`
 * database, unless a caller that must see each read and write of them gives its own.
 */
export function storedServerKeyRing(client: IntakeClient, now: () => number = Date.now, store: ServerKeyStore = intakeDatabaseKeys): ServerKeyRing {
  const refresh = async () => {
    const keys = await client.serverKeys();
    await store.write({ schemaVersion: 1, url: client.url, keys, fetchedAt: new Date(now()).toISOString() });
    return keys;
  };
  return {
    async keys() {
      const stored = await store.read();
      return stored && stored.url === client.url ? stored.keys : refresh();
    },
    refresh,
  };
}

export type ItemReceiptCheck = { ok: true; receipt: Receipt } | { ok: false; reason: Exclude<ReceiptCheck, { ok: true }>['reason'] | 'other-item' };

/** Throws only when the keys cannot be had (an IntakeError from GET /v1/server-keys). */
export async function checkItemReceipt(receipt: unknown, item: EvidenceItem, ring: ServerKeyRing): Promise<ItemReceiptCheck> {
  let check = await checkReceipt(receipt, await ring.keys());
  if (!check.ok && check.reason === 'unknown-key') check = await checkReceipt(receipt, await ring.refresh());
  if (!check.ok) return check;
  const signed = receipt as Receipt;
  const { receiptId: _id, format: _f, formatVersion: _v, receivedAt: _at, organisation: _o, representative: _r, keyId: _k, signature: _s, ...facts } = signed;
  return canonicalJson(facts) === canonicalJson(receiptFactsOf(item)) ? { ok: true, receipt: signed } : { ok: false, reason: 'other-item' };
}
