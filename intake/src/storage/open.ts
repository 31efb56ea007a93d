/**
 * Where the intake keeps everything: SQLite and files in a folder (the embedded default), or one
 * PostgreSQL database for a coalition that outgrows one machine. The PostgreSQL adapters are
 * imported only when asked for, so a SQLite installation never loads `pg`.
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { BlobStore } from './blobs';
import { createDiskBlobStore } from './disk-blobs';
import type { SqlClient } from './sql';
import { openSqliteSql } from './sqlite-sql';

export interface IntakeStorage {
  sql: SqlClient;
  blobs: BlobStore;
}

export type StorageLocation = { data: string } | { postgres: string };

export const sqliteFileName = 'intake.sqlite';

export async function openStorage(location: StorageLocation): Promise<IntakeStorage> {
  if ('postgres' in location) {
    const { openPostgresSql } = await import('./postgres-sql');
    const { createPostgresBlobStore } = await import('./postgres-blobs');
    const sql = await openPostgresSql(location.postgres);
    return { sql, blobs: createPostgresBlobStore(sql) };
  }
  const data = resolve(location.data);
  await mkdir(data, { recursive: true, mode: 0o700 });
  const blobs = await createDiskBlobStore(data);
  return { sql: openSqliteSql(join(data, sqliteFileName)), blobs };
}

/** Blobs first: the PostgreSQL blob store shares the SQL client, which goes last. */
export async function closeStorage({ sql, blobs }: IntakeStorage): Promise<void> {
  try {
    await blobs.close();
  } finally {
    await sql.close();
  }
}
