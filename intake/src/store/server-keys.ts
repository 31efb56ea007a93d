/**
 * The keys that sign receipts: ECDSA P-256, generated at the first start, rotated by the admin
 * command. Every key ever used stays listed with its validity [validFrom, validUntil), so a receipt
 * signed before a rotation is still checkable after it (checkReceipt).
 *
 * The private key is kept as a JWK in the intake's own database. For the reference server that is
 * acceptable: the database is already what a receipt vouches for (whoever can write it can rewrite
 * the items a receipt describes), so a separate key store would protect little, and it keeps one
 * thing to back up. The price is that backups of the database must be guarded like the key. A
 * coalition that wants more puts the key in an HSM or a KMS behind the same signing call.
 */
import { PublicJwk, ServerKeys, type ServerKey } from '../../../utils/protocol/intake';
import { keyFingerprint } from '../../../utils/protocol/signing';
import type { SqlClient } from '../storage/sql';
import { AdminError } from './members';

const ecdsa = { name: 'ECDSA', namedCurve: 'P-256' } as const;
/** ServerKeys lists at most 100 keys: the answer must stay within the protocol. */
export const maxServerKeys = 100;

type KeyRow = {
  key_id: string;
  public_jwk: string;
  private_jwk: string;
  valid_from: string;
  valid_until: string | null;
};

export interface SigningKey {
  keyId: string;
  validFrom: string;
  privateKey: CryptoKey;
}

async function newKeyRow(validFrom: string): Promise<KeyRow> {
  const pair = await crypto.subtle.generateKey(ecdsa, true, ['sign', 'verify']);
  const { kty, crv, x, y, d } = await crypto.subtle.exportKey('jwk', pair.privateKey);
  const publicKey = PublicJwk.parse({ kty, crv, x, y });
  return {
    key_id: await keyFingerprint(publicKey),
    public_jwk: JSON.stringify(publicKey),
    private_jwk: JSON.stringify({ kty, crv, x, y, d }),
    valid_from: validFrom,
    valid_until: null,
  };
}

const insertKey = (tx: SqlClient, row: KeyRow) =>
  tx.run('INSERT INTO server_keys (key_id, public_jwk, private_jwk, valid_from, valid_until) VALUES ($1, $2, $3, $4, $5)', [
    row.key_id,
    row.public_jwk,
    row.private_jwk,
    row.valid_from,
    row.valid_until,
  ]);

/** At start: a key in use, generated if there is none (the first start). */
export async function ensureServerKey(sql: SqlClient, now: Date): Promise<void> {
  // Generated outside the transaction (it awaits nothing of the database) and thrown away if another process won.
  const candidate = await newKeyRow(now.toISOString());
  await sql.transaction(async (tx) => {
    const [current] = await tx.query('SELECT key_id FROM server_keys WHERE valid_until IS NULL');
    if (!current) await insertKey(tx, candidate);
  });
}

/** Ends the key in use now and starts a new one: receipts from now on are signed by the new key. */
export async function rotateServerKey(sql: SqlClient, now: Date): Promise<ServerKey> {
  const at = now.toISOString();
  const next = await newKeyRow(at);
  await sql.transaction(async (tx) => {
    const [{ n } = { n: 0 }] = await tx.query<{ n: number }>('SELECT COUNT(*) AS n FROM server_keys');
    if (Number(n) >= maxServerKeys) throw new AdminError(`This intake has used ${maxServerKeys} keys, as many as GET /v1/server-keys may list.`);
    await tx.run('UPDATE server_keys SET valid_until = $1 WHERE valid_until IS NULL', [at]);
    await insertKey(tx, next);
  });
  return toServerKey(next);
}

export async function listServerKeys(sql: SqlClient): Promise<ServerKey[]> {
  const rows = await sql.query<KeyRow>('SELECT key_id, public_jwk, private_jwk, valid_from, valid_until FROM server_keys ORDER BY valid_from, key_id');
  return ServerKeys.parse({ keys: rows.map(toServerKey) }).keys;
}

const toServerKey = (row: KeyRow): ServerKey => ({
  keyId: row.key_id,
  publicKey: PublicJwk.parse(JSON.parse(row.public_jwk)),
  validFrom: row.valid_from,
  validUntil: row.valid_until,
});

/** Imported private keys by key id: importing costs more than signing. */
const imported = new Map<string, Promise<CryptoKey>>();

/** The key in use, read inside the transaction that signs, so a rotation by another process is seen. */
export async function currentSigningKey(tx: SqlClient): Promise<SigningKey> {
  const [row] = await tx.query<KeyRow>('SELECT key_id, public_jwk, private_jwk, valid_from, valid_until FROM server_keys WHERE valid_until IS NULL');
  if (!row) throw new Error('the intake has no signing key in use');
  let privateKey = imported.get(row.key_id);
  if (!privateKey) {
    privateKey = crypto.subtle.importKey('jwk', JSON.parse(row.private_jwk) as JsonWebKey, ecdsa, false, ['sign']);
    imported.set(row.key_id, privateKey);
    privateKey.catch(() => imported.delete(row.key_id));
  }
  return { keyId: row.key_id, validFrom: row.valid_from, privateKey: await privateKey };
}
