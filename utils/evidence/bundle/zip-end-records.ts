/**
 * Finds a ZIP archive's central directory from the records that close the archive: the classic end
 * record, and the ZIP64 end record and its locator when present. Nothing is trusted: each offset
 * and count is checked against the file and against the other records, and an archive whose end
 * records cannot be made to agree is refused as a whole with a ZipFormatError saying why.
 *
 * The end record is looked for as readers do, from the end: the last one whose comment runs
 * exactly to the end of the file. When none does, the file may still end in an end record followed
 * by bytes that belong to nothing; such an archive is read, with those bytes counted in
 * `trailingBytes`, so the verifier can say what was appended rather than only that the file is
 * not a ZIP archive.
 */
import { readRange, type RandomAccessSource } from './random-access';
import { ZipFormatError } from './zip-errors';
import { centralHeaderSize, endSize, max16, max32, signatures, zip64EndSize, zip64LocatorSize } from './zip-records';

export interface ZipReadLimits {
  maxEntries: number;
  /** The central directory is read into memory whole, so its size is capped. */
  maxDirectoryBytes: number;
}

export const defaultReadLimits: ZipReadLimits = { maxEntries: 500_000, maxDirectoryBytes: 128 * 1024 * 1024 };

export interface DirectoryLocation {
  entryCount: number;
  /** Offset of the first central directory header. */
  offset: number;
  /** Length of the central directory in bytes. */
  size: number;
  /** Where the classic end record begins. */
  endOffset: number;
  /** Length of the archive comment the end record declares. */
  commentLength: number;
  /** Bytes after the end record and its comment, which no ZIP reader reads. */
  trailingBytes: number;
}

export const uint64 = (view: DataView, at: number): number => {
  const value = view.getUint32(at, true) + view.getUint32(at + 4, true) * 0x1_0000_0000;
  // Beyond 2^53 the value cannot be a real offset or size, and would lose precision.
  return Number.isSafeInteger(value) ? value : Number.POSITIVE_INFINITY;
};

export const viewOf = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/**
 * Where the end record begins within `tail`, or -1: the last one whose comment runs exactly to the
 * end, else the last one followed by more bytes than its comment. One pass from the end, jumping
 * between "P" bytes (the signature's first) with the native lastIndexOf: a file with no end record
 * is refused after scanning its last 64 KiB once, not byte by byte.
 */
function findEndRecord(tail: Uint8Array): number {
  const view = viewOf(tail);
  let followed = -1;
  for (let at = tail.lastIndexOf(0x50, tail.length - endSize); at >= 0; at = at === 0 ? -1 : tail.lastIndexOf(0x50, at - 1)) {
    if (view.getUint32(at, true) !== signatures.end) continue;
    const room = tail.length - at - endSize;
    const commentLength = view.getUint16(at + 20, true);
    if (commentLength === room) return at;
    if (commentLength < room && followed < 0) followed = at;
  }
  return followed;
}

/** Locates the central directory from the end records (classic, and ZIP64 when present). */
export async function locateDirectory(source: RandomAccessSource, limits: ZipReadLimits): Promise<DirectoryLocation> {
  if (source.size < endSize) throw new ZipFormatError(`not a ZIP archive: only ${source.size} bytes`, 'no-end-record');
  const tailLength = Math.min(source.size, endSize + max16 + zip64LocatorSize);
  const tailStart = source.size - tailLength;
  const tail = await readRange(source, tailStart, tailLength, 'the end of the archive');
  const view = viewOf(tail);
  const end = findEndRecord(tail);
  if (end < 0) throw new ZipFormatError('no end of central directory record: the file is truncated or not a ZIP archive', 'no-end-record');
  const refuse = (message: string) => new ZipFormatError(message, 'end-record');

  const disk = view.getUint16(end + 4, true);
  const directoryDisk = view.getUint16(end + 6, true);
  let entriesHere = view.getUint16(end + 8, true);
  let entryCount = view.getUint16(end + 10, true);
  let size = view.getUint32(end + 12, true);
  let offset = view.getUint32(end + 16, true);
  const commentLength = view.getUint16(end + 20, true);
  let directoryEnd = tailStart + end;

  const hasLocator = end >= zip64LocatorSize && view.getUint32(end - zip64LocatorSize, true) === signatures.zip64Locator;
  if (hasLocator) {
    const locatorOffset = tailStart + end - zip64LocatorSize;
    const recordOffset = uint64(view, end - zip64LocatorSize + 8);
    if (recordOffset + zip64EndSize > locatorOffset) throw refuse('the ZIP64 end record lies outside the file');
    const record = viewOf(await readRange(source, recordOffset, zip64EndSize, 'the ZIP64 end record'));
    if (record.getUint32(0, true) !== signatures.zip64End) throw refuse('the ZIP64 end record is missing or corrupted');
    if (uint64(record, 4) + 12 !== locatorOffset - recordOffset) throw refuse('the ZIP64 end record does not end where its locator begins');
    const zip64 = {
      disk: record.getUint32(16, true),
      directoryDisk: record.getUint32(20, true),
      entriesHere: uint64(record, 24),
      entryCount: uint64(record, 32),
      size: uint64(record, 40),
      offset: uint64(record, 48),
    };
    if (zip64.disk !== 0 || zip64.directoryDisk !== 0) throw refuse('the archive is split across several disks');
    const disagrees = (classic: number, marker: number, wide: number) => classic !== marker && classic !== wide;
    if (disagrees(entryCount, max16, zip64.entryCount) || disagrees(size, max32, zip64.size) || disagrees(offset, max32, zip64.offset)) {
      throw refuse('the classic and ZIP64 end records disagree');
    }
    ({ entriesHere, entryCount, size, offset } = zip64);
    directoryEnd = recordOffset;
  } else {
    if (disk !== 0 || directoryDisk !== 0) throw refuse('the archive is split across several disks');
    if (size === max32 || offset === max32) throw refuse('the end record refers to a ZIP64 record that is missing');
  }

  if (entriesHere !== entryCount) throw refuse('the archive is split across several disks');
  if (entryCount > limits.maxEntries) throw new ZipFormatError(`${entryCount} entries: more than the ${limits.maxEntries} allowed`, 'over-limit');
  if (size > limits.maxDirectoryBytes) throw new ZipFormatError(`a central directory of ${size} bytes is larger than allowed`, 'over-limit');
  if (offset + size > directoryEnd) throw refuse('the central directory runs past its end record: the file is truncated or corrupted');
  if (offset + size < directoryEnd) throw refuse(`${directoryEnd - offset - size} unexplained bytes between the central directory and its end record`);
  if (entryCount * centralHeaderSize > size) {
    throw refuse(`the end record claims ${entryCount} entries, more than a ${size}-byte central directory can hold`);
  }
  const endOffset = tailStart + end;
  return { entryCount, offset, size, endOffset, commentLength, trailingBytes: source.size - endOffset - endSize - commentLength };
}
