/**
 * Idempotency keys (intake/README.md, "Idempotency"), per organisation. The first request with a
 * key claims it (in flight) and, once answered, leaves its answer under the key; a replay with the
 * same fingerprint gets that answer, another fingerprint is 422 idempotency-key-reused, and a
 * replay while the first is still running is 409 idempotency-key-in-flight.
 *
 * Which answers are kept (../http/idempotent.ts decides): successes, and refusals that changed what
 * the server holds. A refusal that changed nothing, or one the client answers by resuming (it sends
 * the same request with the same key once it has caught up), releases the key instead.
 *
 * A claim whose process died is taken over after `inFlightTimeoutMs`: the claim id makes sure the
 * late first process cannot then overwrite the answer of the one that took over.
 */
import { createHash, randomUUID } from 'node:crypto';
import { refuse } from '../problem';
import type { SqlClient } from '../storage/sql';

/** Keys are kept at least this long (README: 24 hours), then may be purged. */
export const idempotencyRetentionMs = 24 * 60 * 60 * 1000;

export interface RequestFingerprint {
  method: string;
  path: string;
  body: Uint8Array;
  contentRange: string | null;
}

/** SHA-256 of method, path, the body's SHA-256 and the Content-Range: what makes two requests the same. */
export function fingerprintOf({ method, path, body, contentRange }: RequestFingerprint): string {
  const bodyDigest = createHash('sha256').update(body).digest('hex');
  return createHash('sha256').update(`${method}\n${path}\n${bodyDigest}\n${contentRange ?? ''}`).digest('hex');
}

export type Claim = { kind: 'claimed'; claim: string } | { kind: 'replay'; status: number; body: string };

type RecordRow = { fingerprint: string; claim: string | null; status: number | null; body: string | null; created_at: string };

export async function claimKey(sql: SqlClient, organisation: string, key: string, fingerprint: string, now: Date, inFlightTimeoutMs: number): Promise<Claim> {
  const claim = randomUUID();
  const at = now.toISOString();
  return sql.transaction(async (tx) => {
    const [row] = await tx.query<RecordRow>(
      'SELECT fingerprint, claim, status, body, created_at FROM idempotency_records WHERE organisation_id = $1 AND idempotency_key = $2',
      [organisation, key],
    );
    if (!row) {
      await tx.run('INSERT INTO idempotency_records (organisation_id, idempotency_key, fingerprint, claim, created_at) VALUES ($1, $2, $3, $4, $5)', [
        organisation,
        key,
        fingerprint,
        claim,
        at,
      ]);
      return { kind: 'claimed', claim };
    }
    if (row.fingerprint !== fingerprint) {
      throw refuse('idempotency-key-reused', 'This Idempotency-Key was used for another request', {
        detail: 'a key names one request: method, path, body and Content-Range. Choose a new key for a new request.',
      });
    }
    if (row.claim === null && row.status !== null && row.body !== null) return { kind: 'replay', status: Number(row.status), body: row.body };
    const abandoned = Date.parse(row.created_at) + inFlightTimeoutMs <= now.getTime();
    if (!abandoned) throw refuse('idempotency-key-in-flight', 'The first request with this Idempotency-Key is still being answered', { detail: 'retry shortly' });
    await tx.run('UPDATE idempotency_records SET claim = $1, created_at = $2 WHERE organisation_id = $3 AND idempotency_key = $4', [claim, at, organisation, key]);
    return { kind: 'claimed', claim };
  });
}

/** Keeps the answer under the key: replays get it from now on. */
export async function keepAnswer(sql: SqlClient, organisation: string, key: string, claim: string, status: number, body: string): Promise<void> {
  await sql.run('UPDATE idempotency_records SET claim = NULL, status = $1, body = $2 WHERE organisation_id = $3 AND idempotency_key = $4 AND claim = $5', [
    status,
    body,
    organisation,
    key,
    claim,
  ]);
}

/** Forgets the key, as if the request had never come: a repeat is executed afresh. */
export async function releaseKey(sql: SqlClient, organisation: string, key: string, claim: string): Promise<void> {
  await sql.run('DELETE FROM idempotency_records WHERE organisation_id = $1 AND idempotency_key = $2 AND claim = $3', [organisation, key, claim]);
}

/** Drops keys older than the retention; answers how many. */
export async function purgeKeys(sql: SqlClient, now: Date, retentionMs = idempotencyRetentionMs): Promise<number> {
  const before = new Date(now.getTime() - retentionMs).toISOString();
  const { changes } = await sql.run('DELETE FROM idempotency_records WHERE created_at < $1', [before]);
  return changes;
}
