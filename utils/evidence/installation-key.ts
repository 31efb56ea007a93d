/**
 * Where the installation's signing key lives (utils/protocol/signing.ts says what it is for): a
 * small IndexedDB database of its own, `colophon-installation`, apart from the evidence so that
 * the evidence database's migrations never touch it. The CryptoKeyPair is stored by structured clone, which
 * keeps a CryptoKey a CryptoKey, non-extractable private half included: the key's bytes never pass
 * through the extension's code, in storage or out of it.
 *
 * The first caller generates the pair. Two contexts may ask at once (the evidence page exporting,
 * the service worker signing an upload): each tries to add() its own pair under the one key, which
 * fails for all but the first, and the others read back and use the pair that won. So there is
 * one key per installation whoever comes first, with no lock to hold.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { generateInstallationKey } from '../protocol/signing';

export const installationDbName = 'colophon-installation';
const keyName = 'installation';

interface InstallationDb extends DBSchema {
  keys: { key: string; value: CryptoKeyPair };
}

/** Per database name, the pair being loaded or loaded; forgotten if loading fails, to try again. */
const loaded = new Map<string, Promise<CryptoKeyPair>>();

/** This installation's key pair, generated and stored on first use. */
export function installationKey(dbName = installationDbName): Promise<CryptoKeyPair> {
  let pair = loaded.get(dbName);
  if (!pair) {
    pair = loadOrCreate(dbName);
    loaded.set(dbName, pair);
    pair.catch(() => loaded.delete(dbName));
  }
  return pair;
}

async function loadOrCreate(dbName: string): Promise<CryptoKeyPair> {
  const db = await openDB<InstallationDb>(dbName, 1, {
    upgrade(database) {
      database.createObjectStore('keys');
    },
  });
  try {
    const stored = await db.get('keys', keyName);
    if (stored) return checked(stored);
    const generated = await generateInstallationKey();
    if (await added(db, generated)) return generated;
    return checked(await db.get('keys', keyName));
  } finally {
    db.close();
  }
}

/** Whether `pair` was stored; false when another context stored its pair first. */
async function added(db: IDBPDatabase<InstallationDb>, pair: CryptoKeyPair): Promise<boolean> {
  const tx = db.transaction('keys', 'readwrite', { durability: 'strict' });
  try {
    await tx.store.add(pair, keyName);
    await tx.done;
    return true;
  } catch (error) {
    tx.done.catch(() => undefined);
    if (error instanceof Error && error.name === 'ConstraintError') return false;
    throw error;
  }
}

/** A stored value that is not a signing pair (a damaged profile) is refused, never replaced: bundles already name its key. */
function checked(value: unknown): CryptoKeyPair {
  const pair = value as Partial<CryptoKeyPair> | undefined;
  const usable = pair?.privateKey?.type === 'private' && pair.publicKey?.type === 'public' && pair.privateKey.usages.includes('sign');
  if (!usable) throw new Error(`The installation's signing key in ${installationDbName} is damaged; bundles cannot be signed.`);
  return pair as CryptoKeyPair;
}
