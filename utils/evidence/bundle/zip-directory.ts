/**
 * Finds and parses a ZIP archive's central directory, trusting nothing: a bundle may have been
 * tampered with. Damage that loses the directory's framing (no end record, a count or size that
 * does not add up, a header without its signature) makes the whole archive unreadable and throws
 * a ZipFormatError; damage confined to one entry (an odd name, a broken extra field) is recorded
 * as a problem of that entry, so the verifier can name it and still check the others.
 */
import { readRange, type RandomAccessSource } from './random-access';
import { ZipFormatError } from './zip-errors';
import {
  centralHeaderSize,
  endSize,
  flags,
  max16,
  max32,
  signatures,
  zip64EndSize,
  zip64ExtraId,
  zip64LocatorSize,
} from './zip-records';

export type ZipProblemKind =
  | 'unsafe-name'
  | 'duplicate-name'
  | 'name-encoding'
  | 'bad-extra-field'
  | 'unsupported-method'
  | 'encrypted'
  | 'size-mismatch'
  | 'out-of-bounds'
  | 'local-header'
  | 'overlap';

export interface ZipEntryProblem {
  kind: ZipProblemKind;
  /** Says what is wrong with the entry, for the verifier's report. */
  message: string;
}

export interface ZipReadLimits {
  maxEntries: number;
  /** The central directory is read into memory whole, so its size is capped. */
  maxDirectoryBytes: number;
}

export const defaultReadLimits: ZipReadLimits = { maxEntries: 500_000, maxDirectoryBytes: 128 * 1024 * 1024 };

export interface DirectoryLocation {
  entryCount: number;
  offset: number;
  size: number;
}

/** One central directory header, decoded but not yet checked against its local header. */
export interface CentralEntry {
  index: number;
  nameBytes: Uint8Array;
  name: string;
  flags: number;
  method: number;
  dosTime: number;
  dosDate: number;
  crc32: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
  problems: ZipEntryProblem[];
}

const uint64 = (view: DataView, at: number): number => {
  const value = view.getUint32(at, true) + view.getUint32(at + 4, true) * 0x1_0000_0000;
  // Beyond 2^53 the value cannot be a real offset or size, and would lose precision.
  return Number.isSafeInteger(value) ? value : Number.POSITIVE_INFINITY;
};

const viewOf = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** Locates the central directory from the end records (classic, and ZIP64 when present). */
export async function locateDirectory(source: RandomAccessSource, limits: ZipReadLimits): Promise<DirectoryLocation> {
  if (source.size < endSize) throw new ZipFormatError(`not a ZIP archive: only ${source.size} bytes`);
  const tailLength = Math.min(source.size, endSize + max16 + zip64LocatorSize);
  const tailStart = source.size - tailLength;
  const tail = await readRange(source, tailStart, tailLength, 'the end of the archive');
  const view = viewOf(tail);
  let end = -1;
  for (let at = tailLength - endSize; at >= 0; at--) {
    // The comment length must reach exactly to the end of the file, or this is not the record.
    if (view.getUint32(at, true) === signatures.end && view.getUint16(at + 20, true) === tailLength - at - endSize) {
      end = at;
      break;
    }
  }
  if (end < 0) throw new ZipFormatError('no end of central directory record: the file is truncated or not a ZIP archive');

  const disk = view.getUint16(end + 4, true);
  const directoryDisk = view.getUint16(end + 6, true);
  let entriesHere = view.getUint16(end + 8, true);
  let entryCount = view.getUint16(end + 10, true);
  let size = view.getUint32(end + 12, true);
  let offset = view.getUint32(end + 16, true);
  let directoryEnd = tailStart + end;

  const hasLocator = end >= zip64LocatorSize && view.getUint32(end - zip64LocatorSize, true) === signatures.zip64Locator;
  if (hasLocator) {
    const locatorOffset = tailStart + end - zip64LocatorSize;
    const recordOffset = uint64(view, end - zip64LocatorSize + 8);
    if (recordOffset + zip64EndSize > locatorOffset) throw new ZipFormatError('the ZIP64 end record lies outside the file');
    const record = viewOf(await readRange(source, recordOffset, zip64EndSize, 'the ZIP64 end record'));
    if (record.getUint32(0, true) !== signatures.zip64End) throw new ZipFormatError('the ZIP64 end record is missing or corrupted');
    if (uint64(record, 4) + 12 !== locatorOffset - recordOffset) {
      throw new ZipFormatError('the ZIP64 end record does not end where its locator begins');
    }
    const zip64 = {
      disk: record.getUint32(16, true),
      directoryDisk: record.getUint32(20, true),
      entriesHere: uint64(record, 24),
      entryCount: uint64(record, 32),
      size: uint64(record, 40),
      offset: uint64(record, 48),
    };
    if (zip64.disk !== 0 || zip64.directoryDisk !== 0) throw new ZipFormatError('the archive is split across several disks');
    const disagrees = (classic: number, marker: number, wide: number) => classic !== marker && classic !== wide;
    if (
      disagrees(entryCount, max16, zip64.entryCount) ||
      disagrees(size, max32, zip64.size) ||
      disagrees(offset, max32, zip64.offset)
    ) {
      throw new ZipFormatError('the classic and ZIP64 end records disagree');
    }
    ({ entriesHere, entryCount, size, offset } = zip64);
    directoryEnd = recordOffset;
  } else {
    if (disk !== 0 || directoryDisk !== 0) throw new ZipFormatError('the archive is split across several disks');
    if (size === max32 || offset === max32) throw new ZipFormatError('the end record refers to a ZIP64 record that is missing');
  }

  if (entriesHere !== entryCount) throw new ZipFormatError('the archive is split across several disks');
  if (entryCount > limits.maxEntries) throw new ZipFormatError(`${entryCount} entries: more than the ${limits.maxEntries} allowed`);
  if (size > limits.maxDirectoryBytes) throw new ZipFormatError(`a central directory of ${size} bytes is larger than allowed`);
  if (offset + size > directoryEnd) {
    throw new ZipFormatError('the central directory runs past its end record: the file is truncated or corrupted');
  }
  if (offset + size < directoryEnd) {
    throw new ZipFormatError(`${directoryEnd - offset - size} unexplained bytes between the central directory and its end record`);
  }
  if (entryCount * centralHeaderSize > size) {
    throw new ZipFormatError(`the end record claims ${entryCount} entries, more than a ${size}-byte central directory can hold`);
  }
  return { entryCount, offset, size };
}

/** Decodes every header of the central directory, in order. */
export function parseDirectory(bytes: Uint8Array, location: DirectoryLocation): CentralEntry[] {
  const view = viewOf(bytes);
  const entries: CentralEntry[] = [];
  let at = 0;
  for (let index = 0; index < location.entryCount; index++) {
    const which = `central directory entry ${index + 1} of ${location.entryCount}`;
    if (at + centralHeaderSize > bytes.length) throw new ZipFormatError(`${which} is cut short`);
    if (view.getUint32(at, true) !== signatures.centralFile) throw new ZipFormatError(`${which} has no valid signature: the directory is corrupted`);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const next = at + centralHeaderSize + nameLength + extraLength + commentLength;
    if (next > bytes.length) throw new ZipFormatError(`${which} runs past the end of the directory`);
    const nameBytes = bytes.slice(at + centralHeaderSize, at + centralHeaderSize + nameLength);
    const extra = bytes.subarray(at + centralHeaderSize + nameLength, at + centralHeaderSize + nameLength + extraLength);
    const entry: CentralEntry = {
      index,
      nameBytes,
      name: '',
      flags: view.getUint16(at + 8, true),
      method: view.getUint16(at + 10, true),
      dosTime: view.getUint16(at + 12, true),
      dosDate: view.getUint16(at + 14, true),
      crc32: view.getUint32(at + 16, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      localHeaderOffset: view.getUint32(at + 42, true),
      problems: [],
    };
    entry.name = decodeName(entry, extra);
    applyZip64(entry, extra, view.getUint16(at + 34, true));
    entries.push(entry);
    at = next;
  }
  if (at !== bytes.length) throw new ZipFormatError(`${bytes.length - at} bytes of the central directory belong to no entry`);
  return entries;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder('utf-8');
const unicodePathExtraId = 0x7075;

/**
 * Names are UTF-8 when flag bit 11 says so (always, in our bundles). Other tools may leave the
 * flag off and either write UTF-8 anyway or put a UTF-8 copy in an "Info-ZIP Unicode Path" extra
 * field; anything else (old code pages) is reported rather than guessed at.
 */
function decodeName(entry: CentralEntry, extra: Uint8Array): string {
  const raw = entry.nameBytes;
  try {
    if (entry.flags & flags.utf8 || raw.every((byte) => byte < 0x80)) return strictUtf8.decode(raw);
    const unicodePath = findExtra(extra, unicodePathExtraId);
    if (unicodePath && unicodePath.length > 5 && unicodePath[0] === 1) return strictUtf8.decode(unicodePath.subarray(5));
    return strictUtf8.decode(raw);
  } catch {
    entry.problems.push({ kind: 'name-encoding', message: 'the name is not valid UTF-8' });
    return lenientUtf8.decode(raw);
  }
}

/** The data of the first extra field with `id`; undefined when absent or when the fields are malformed. */
function findExtra(extra: Uint8Array, id: number): Uint8Array | undefined {
  const view = viewOf(extra);
  for (let at = 0; at + 4 <= extra.length; ) {
    const length = view.getUint16(at + 2, true);
    if (at + 4 + length > extra.length) return undefined;
    if (view.getUint16(at, true) === id) return extra.subarray(at + 4, at + 4 + length);
    at += 4 + length;
  }
  return undefined;
}

/** Replaces the 32-bit fields holding the all-ones marker by their ZIP64 values (APPNOTE 4.5.3). */
function applyZip64(entry: CentralEntry, extra: Uint8Array, diskStart: number): void {
  const wanted = [entry.size === max32, entry.compressedSize === max32, entry.localHeaderOffset === max32];
  const needed = wanted.filter(Boolean).length * 8 + (diskStart === max16 ? 4 : 0);
  if (needed > 0) {
    const field = findExtra(extra, zip64ExtraId);
    if (!field || field.length < needed) {
      entry.problems.push({ kind: 'bad-extra-field', message: 'its ZIP64 extra field is missing or too short' });
      return;
    }
    const view = viewOf(field);
    let at = 0;
    const nextWide = () => uint64(view, (at += 8) - 8);
    if (wanted[0]) entry.size = nextWide();
    if (wanted[1]) entry.compressedSize = nextWide();
    if (wanted[2]) entry.localHeaderOffset = nextWide();
    if (diskStart === max16) diskStart = view.getUint32(at, true);
  }
  if (diskStart !== 0) entry.problems.push({ kind: 'out-of-bounds', message: 'it starts on another disk of a split archive' });
}
