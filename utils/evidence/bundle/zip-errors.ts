/**
 * The two ways a bundle can fail. A `ZipFormatError` means the archive as a whole cannot be read
 * (no end record, a central directory that does not add up); a `ZipEntryError` names the one entry
 * at fault, so the verifier can report each bad file by name and carry on with the others.
 */

/**
 * Which part of the archive could not be read, so the verifier can report it by kind:
 * - `no-end-record`: nothing that ends a ZIP archive (a file cut short, or not a ZIP at all);
 * - `end-record`: end records that contradict each other or place the directory where it is not;
 * - `central-directory`: a directory whose headers do not add up;
 * - `outside-file`: a range the records point to lies beyond the end of the file;
 * - `over-limit`: more entries, or a larger directory, than the reader takes on.
 */
export type ZipFormatReason = 'no-end-record' | 'end-record' | 'central-directory' | 'outside-file' | 'over-limit';

export class ZipFormatError extends Error {
  override name = 'ZipFormatError';

  constructor(
    message: string,
    readonly reason: ZipFormatReason = 'central-directory',
  ) {
    super(message);
  }
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
