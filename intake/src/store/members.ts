/**
 * The coalition's members: organisations, their representatives, and each representative's bearer
 * tokens. A token is 256 random bits, shown once when issued; the database keeps only its SHA-256,
 * so neither a copy of the database nor its backups let anyone act as a representative. Looking a
 * token up by its hash also leaves nothing to time: the lookup compares digests, not the secret.
 */
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { OrganisationId, RepresentativeId } from '../../../utils/protocol/intake';
import type { SqlClient } from '../storage/sql';

export class AdminError extends Error {
  override readonly name = 'AdminError';
}

/** What a request is made by: a representative of one organisation, with one of their tokens. */
export interface Caller {
  organisation: { id: string; name: string };
  representative: { id: string; name: string };
  /** The SHA-256 of the bearer token the request came with: what per-token limits count by. */
  tokenHash: string;
}

const tokenPrefix = 'colophon-';
/** Within the extension's IntakeToken pattern (utils/sync/intake-database.ts): no `_`, hence hex. */
export const tokenPattern = /^colophon-[0-9a-f]{64}$/;
export const newToken = (): string => tokenPrefix + randomBytes(32).toString('hex');
export const tokenHash = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

const Name = z.string().trim().min(1).max(200);

function valid<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AdminError(`${what} ${JSON.stringify(value)} will not do: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}

export async function authenticate(sql: SqlClient, token: string): Promise<Caller | null> {
  const hash = tokenHash(token);
  const [row] = await sql.query<{ rid: string; rname: string; oid: string; oname: string }>(
    `SELECT r.id AS rid, r.name AS rname, o.id AS oid, o.name AS oname
       FROM tokens t
       JOIN representatives r ON r.id = t.representative_id
       JOIN organisations o ON o.id = r.organisation_id
      WHERE t.token_hash = $1 AND t.revoked_at IS NULL`,
    [hash],
  );
  return row ? { organisation: { id: row.oid, name: row.oname }, representative: { id: row.rid, name: row.rname }, tokenHash: hash } : null;
}

export async function createOrganisation(sql: SqlClient, id: string, name: string, now: Date): Promise<{ id: string; name: string }> {
  const organisation = { id: valid(OrganisationId, id, 'The organisation id'), name: valid(Name, name, 'The name') };
  const { changes } = await sql.run('INSERT INTO organisations (id, name, created_at) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING', [
    organisation.id,
    organisation.name,
    now.toISOString(),
  ]);
  if (changes === 0) throw new AdminError(`There is already an organisation ${organisation.id}.`);
  return organisation;
}

export interface NewRepresentative {
  representative: { id: string; name: string; organisation: string };
  /** The bearer token: shown this once, kept only as its hash. */
  token: string;
}

export async function createRepresentative(sql: SqlClient, id: string, organisation: string, name: string, now: Date): Promise<NewRepresentative> {
  const representative = {
    id: valid(RepresentativeId, id, 'The representative id'),
    name: valid(Name, name, 'The name'),
    organisation: valid(OrganisationId, organisation, 'The organisation id'),
  };
  const token = newToken();
  await sql.transaction(async (tx) => {
    const [known] = await tx.query('SELECT id FROM organisations WHERE id = $1', [representative.organisation]);
    if (!known) throw new AdminError(`There is no organisation ${representative.organisation}: create it first.`);
    const { changes } = await tx.run('INSERT INTO representatives (id, organisation_id, name, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING', [
      representative.id,
      representative.organisation,
      representative.name,
      now.toISOString(),
    ]);
    if (changes === 0) throw new AdminError(`There is already a representative ${representative.id}.`);
    await tx.run('INSERT INTO tokens (token_hash, representative_id, created_at) VALUES ($1, $2, $3)', [tokenHash(token), representative.id, now.toISOString()]);
  });
  return { representative, token };
}

/** Another token for a representative (theirs was lost or revoked); earlier ones stay as they are. */
export async function issueToken(sql: SqlClient, representativeId: string, now: Date): Promise<string> {
  const id = valid(RepresentativeId, representativeId, 'The representative id');
  const token = newToken();
  await sql.transaction(async (tx) => {
    const [known] = await tx.query('SELECT id FROM representatives WHERE id = $1', [id]);
    if (!known) throw new AdminError(`There is no representative ${id}.`);
    await tx.run('INSERT INTO tokens (token_hash, representative_id, created_at) VALUES ($1, $2, $3)', [tokenHash(token), id, now.toISOString()]);
  });
  return token;
}

/**
 * Revokes one token (given the token itself) or every token of a representative (given their id).
 * Answers how many tokens it revoked now; revoking what is already revoked is not an error.
 */
export async function revoke(sql: SqlClient, representativeOrToken: string, now: Date): Promise<number> {
  const at = now.toISOString();
  if (tokenPattern.test(representativeOrToken)) {
    return sql.transaction(async (tx) => {
      const [known] = await tx.query('SELECT token_hash FROM tokens WHERE token_hash = $1', [tokenHash(representativeOrToken)]);
      if (!known) throw new AdminError('No representative holds this token.');
      const { changes } = await tx.run('UPDATE tokens SET revoked_at = $1 WHERE token_hash = $2 AND revoked_at IS NULL', [at, tokenHash(representativeOrToken)]);
      return changes;
    });
  }
  const id = valid(RepresentativeId, representativeOrToken, 'The representative id (or token)');
  return sql.transaction(async (tx) => {
    const [known] = await tx.query('SELECT id FROM representatives WHERE id = $1', [id]);
    if (!known) throw new AdminError(`There is no representative ${id}.`);
    const { changes } = await tx.run('UPDATE tokens SET revoked_at = $1 WHERE representative_id = $2 AND revoked_at IS NULL', [at, id]);
    return changes;
  });
}

export interface MemberList {
  organisations: { id: string; name: string; createdAt: string }[];
  representatives: { id: string; name: string; organisation: string; createdAt: string; activeTokens: number; revokedTokens: number }[];
}

export async function listMembers(sql: SqlClient): Promise<MemberList> {
  const organisations = await sql.query<{ id: string; name: string; created_at: string }>('SELECT id, name, created_at FROM organisations ORDER BY id');
  const representatives = await sql.query<{ id: string; name: string; organisation_id: string; created_at: string; active: number; revoked: number }>(
    `SELECT r.id, r.name, r.organisation_id, r.created_at,
            SUM(CASE WHEN t.token_hash IS NOT NULL AND t.revoked_at IS NULL THEN 1 ELSE 0 END) AS active,
            SUM(CASE WHEN t.revoked_at IS NOT NULL THEN 1 ELSE 0 END) AS revoked
       FROM representatives r LEFT JOIN tokens t ON t.representative_id = r.id
      GROUP BY r.id, r.name, r.organisation_id, r.created_at
      ORDER BY r.organisation_id, r.id`,
  );
  return {
    organisations: organisations.map((row) => ({ id: row.id, name: row.name, createdAt: row.created_at })),
    representatives: representatives.map((row) => ({
      id: row.id,
      name: row.name,
      organisation: row.organisation_id,
      createdAt: row.created_at,
      activeTokens: Number(row.active),
      revokedTokens: Number(row.revoked),
    })),
  };
}
