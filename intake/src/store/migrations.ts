/**
 * The intake's schema, as numbered migrations in the portable dialect of ../storage/sql.ts, so the
 * same statements build the SQLite and the PostgreSQL database. A change of schema is a new
 * migration appended here, never an edit of one already released: databases in use have run it.
 *
 * Everything an organisation owns is keyed by the organisation first, so no statement can reach
 * another member's rows by an item id alone. Times are ISO instants as TEXT (one format, so they
 * sort as the instants do); truth values INTEGER 0/1; bytes live in the BlobStore.
 */
import type { SqlClient } from '../storage/sql';

interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'members, items, receipts, keys, idempotency',
    sql: `
CREATE TABLE organisations (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE representatives (
  id TEXT PRIMARY KEY,
  organisation_id TEXT NOT NULL REFERENCES organisations (id),
  name TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX representatives_by_organisation ON representatives (organisation_id);
-- Only the SHA-256 of a token is kept: a copy of the database lets no one act as a representative.
CREATE TABLE tokens (
  token_hash TEXT PRIMARY KEY,
  representative_id TEXT NOT NULL REFERENCES representatives (id),
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX tokens_by_representative ON tokens (representative_id);
CREATE TABLE items (
  organisation_id TEXT NOT NULL REFERENCES organisations (id),
  item_id TEXT NOT NULL,
  record TEXT NOT NULL,
  marketplace TEXT NOT NULL,
  listing_id TEXT NOT NULL,
  representative_id TEXT NOT NULL REFERENCES representatives (id),
  stored_at TEXT NOT NULL,
  complete INTEGER NOT NULL,
  PRIMARY KEY (organisation_id, item_id)
);
CREATE INDEX items_by_id ON items (item_id);
CREATE INDEX items_by_listing ON items (marketplace, listing_id, complete);
CREATE TABLE artifacts (
  organisation_id TEXT NOT NULL,
  item_id TEXT NOT NULL,
  artifact_index BIGINT NOT NULL,
  kind TEXT NOT NULL,
  media_type TEXT NOT NULL,
  size BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  received BIGINT NOT NULL,
  promoted INTEGER NOT NULL,
  PRIMARY KEY (organisation_id, item_id, artifact_index),
  FOREIGN KEY (organisation_id, item_id) REFERENCES items (organisation_id, item_id)
);
CREATE TABLE receipts (
  organisation_id TEXT NOT NULL,
  item_id TEXT NOT NULL,
  receipt_id TEXT NOT NULL UNIQUE,
  receipt TEXT NOT NULL,
  PRIMARY KEY (organisation_id, item_id),
  FOREIGN KEY (organisation_id, item_id) REFERENCES items (organisation_id, item_id)
);
CREATE TABLE server_keys (
  key_id TEXT PRIMARY KEY,
  public_jwk TEXT NOT NULL,
  private_jwk TEXT NOT NULL,
  valid_from TEXT NOT NULL,
  valid_until TEXT
);
CREATE TABLE idempotency_records (
  organisation_id TEXT NOT NULL REFERENCES organisations (id),
  idempotency_key TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  claim TEXT,
  status BIGINT,
  body TEXT,
  created_at TEXT NOT NULL,
  PRIMARY KEY (organisation_id, idempotency_key)
);
CREATE INDEX idempotency_records_by_age ON idempotency_records (created_at);
`,
  },
  {
    version: 2,
    name: 'item ids per organisation, verified items, storage quotas',
    // items_by_id served only the refusal of an id another organisation held; no statement may look
    // an item up by its id alone now. declared_bytes is what an item reserves of its organisation's
    // quotas (its artifacts' sizes), kept as running totals per organisation and per hour; verified
    // is what counts for duplicate notices: complete, every artifact non-empty (so received and
    // hashed here), one a visible-area screenshot. Items from before get all of it from their
    // artifacts, so an empty item receipted then stops counting.
    sql: `
DROP INDEX items_by_id;
DROP INDEX items_by_listing;
ALTER TABLE items ADD COLUMN declared_bytes BIGINT NOT NULL DEFAULT 0;
ALTER TABLE items ADD COLUMN verified INTEGER NOT NULL DEFAULT 0;
UPDATE items SET declared_bytes = (
  SELECT COALESCE(SUM(a.size), 0) FROM artifacts a WHERE a.organisation_id = items.organisation_id AND a.item_id = items.item_id
);
UPDATE items SET verified = 1
 WHERE complete = 1
   AND NOT EXISTS (SELECT 1 FROM artifacts a WHERE a.organisation_id = items.organisation_id AND a.item_id = items.item_id AND (a.size = 0 OR a.received < a.size))
   AND EXISTS (SELECT 1 FROM artifacts a WHERE a.organisation_id = items.organisation_id AND a.item_id = items.item_id AND a.kind = 'visible-screenshot');
CREATE INDEX items_by_listing ON items (marketplace, listing_id, verified, organisation_id);
CREATE TABLE organisation_usage (
  organisation_id TEXT PRIMARY KEY REFERENCES organisations (id),
  declared_bytes BIGINT NOT NULL
);
-- hour: the first 13 characters of an ISO instant (2026-05-04T08).
CREATE TABLE organisation_usage_hours (
  organisation_id TEXT NOT NULL REFERENCES organisations (id),
  hour TEXT NOT NULL,
  declared_bytes BIGINT NOT NULL,
  PRIMARY KEY (organisation_id, hour)
);
INSERT INTO organisation_usage (organisation_id, declared_bytes)
  SELECT organisation_id, SUM(declared_bytes) FROM items GROUP BY organisation_id;
INSERT INTO organisation_usage_hours (organisation_id, hour, declared_bytes)
  SELECT organisation_id, substr(stored_at, 1, 13), SUM(declared_bytes) FROM items GROUP BY organisation_id, substr(stored_at, 1, 13);
`,
  },
];

export const schemaVersion = migrations.at(-1)!.version;

/** Brings the database up to this server's schema; refuses one that a newer server has migrated. */
export async function migrate(sql: SqlClient, now: Date): Promise<void> {
  await sql.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  await sql.transaction(async (tx) => {
    const [row] = await tx.query<{ version: number | null }>('SELECT MAX(version) AS version FROM schema_migrations');
    const current = row?.version ?? 0;
    if (current > schemaVersion) {
      throw new Error(`the database is at schema version ${current}, newer than this intake server's ${schemaVersion}: run a newer server`);
    }
    for (const migration of migrations.filter(({ version }) => version > current)) {
      await tx.exec(migration.sql);
      await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [migration.version, migration.name, now.toISOString()]);
    }
  });
}
