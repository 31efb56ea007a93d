/**
 * The two ways a bundle can fail. A `ZipFormatError` means the archive as a whole cannot be read
 * (no end record, a central directory that does not add up); a `ZipEntryError` names the one entry
 * at fault, so the verifier can report each bad file by name and carry on with the others.
 */

export class ZipFormatError extends Error {
  override name = 'ZipFormatError';
}

export class ZipEntryError extends Error {
  override name = 'ZipEntryError';

  constructor(
    /** The entry's name as the archive (or the caller, when writing) gives it. */
    readonly entryName: string,
    detail: string,
  ) {
    super(`${JSON.stringify(entryName)}: ${detail}`);
  }
}
