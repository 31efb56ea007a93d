/**
 * The errors the evidence store throws on purpose, each with a message a user can act on. The UI
 * shows `message` as it is; `name` lets code tell them apart across the extension's messaging.
 */

/**
 * The browser refused to store a capture or a change: the disk, or the origin's quota, is full.
 * Thrown only once the transaction was aborted, so nothing of this write was stored and nothing
 * stored before it was touched.
 */
export class EvidenceStorageFullError extends Error {
  override readonly name = 'EvidenceStorageFullError';
  constructor(options?: { cause?: unknown }) {
    super(
      'There is no room left to store evidence: the disk or the browser’s storage for Colophon is full. ' +
        'This capture was not saved; evidence saved before it is safe. Free some disk space, then capture again.',
      options,
    );
  }
}

/** The database was written by a newer Colophon; opening it with older code could damage it. */
export class EvidenceDatabaseTooNewError extends Error {
  override readonly name = 'EvidenceDatabaseTooNewError';
  constructor(
    readonly foundVersion: number | null,
    readonly supportedVersion: number,
    options?: { cause?: unknown },
  ) {
    super(
      `The evidence database is version ${foundVersion ?? 'unknown'}, from a newer Colophon; this one reads up to version ${supportedVersion}. ` +
        'Update the extension to open it. Nothing was changed.',
      options,
    );
  }
}

export class EvidenceNotFoundError extends Error {
  override readonly name = 'EvidenceNotFoundError';
  constructor(readonly itemId: string) {
    super(`There is no evidence item ${itemId}.`);
  }
}

/** A change the item's state does not allow: an event on a deleted item, a case it is already in. */
export class EvidenceChangeRefusedError extends Error {
  override readonly name = 'EvidenceChangeRefusedError';
}

const isNamed = (error: unknown, name: string) => typeof error === 'object' && error !== null && (error as { name?: unknown }).name === name;

/**
 * A quota failure reaches us in one of two ways: a request throws or fails with
 * QuotaExceededError, or (Chrome, when the disk fills at commit) the transaction aborts and its
 * requests fail with AbortError while `transaction.error` holds the QuotaExceededError.
 */
export function storageError(error: unknown, transactionError?: unknown): unknown {
  if (isNamed(error, 'QuotaExceededError') || (isNamed(error, 'AbortError') && isNamed(transactionError, 'QuotaExceededError'))) {
    return new EvidenceStorageFullError({ cause: error });
  }
  return error;
}
