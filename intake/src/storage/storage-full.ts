/**
 * Whether a failure is the intake's own storage running out: the disk under its files (ENOSPC, or
 * EDQUOT for a user's disk quota), SQLite's database file, or PostgreSQL's disk. The request is
 * answered 507 storage-full with Retry-After rather than 500: nothing was committed (every write
 * is a transaction, every chunk is committed only after its bytes are written), and the same
 * request succeeds once an administrator has made room.
 */
const fileSystemCodes = new Set(['ENOSPC', 'EDQUOT']);
/** better-sqlite3's code for SQLITE_FULL, and PostgreSQL's SQLSTATE 53100 disk_full. */
const databaseCodes = new Set(['SQLITE_FULL', '53100']);

export function isStorageFull(error: unknown): boolean {
  for (let cause = error, depth = 0; cause instanceof Error && depth < 5; cause = cause.cause, depth++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && (fileSystemCodes.has(code) || databaseCodes.has(code))) return true;
  }
  return false;
}

/** How long a client waits before trying again: room is made by a person, not in seconds. */
export const storageFullRetryAfterSeconds = 600;
