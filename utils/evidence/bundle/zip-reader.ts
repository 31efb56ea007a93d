/**
 * Reads a bundle's ZIP container for the verifier: the entries in central directory order (the
 * order is evidence too: the manifest's list must match it), and each entry's stored bytes as a
 * stream. It reads hostile files: every offset and length is bounds-checked, and each entry is
 * checked against its own local header, since a directory and a local header that disagree (in
 * name, method, checksum), data that runs into another entry or a name that escapes the target
 * folder are signs of tampering. Such an entry keeps its place in the list with its `problems`, so
 * the caller can name each bad file; only an archive whose directory cannot be read throws.
 *
 * Only STORE is supported, as the bundle writer never compresses; an entry with another method
 * is reported and refused, not inflated.
 */
import { crc32 } from './crc32';
import { readRange, type RandomAccessSource } from './random-access';
import { defaultReadLimits, locateDirectory, parseDirectory, type CentralEntry, type ZipEntryProblem, type ZipReadLimits } from './zip-directory';
import { ZipEntryError } from './zip-errors';
import { collisionKey, unsafeNameReason } from './zip-names';
import { flags, localHeaderSize, max32, methodStore, signatures } from './zip-records';

export { blobSource, type RandomAccessSource } from './random-access';
export type { ZipEntryProblem, ZipProblemKind, ZipReadLimits } from './zip-directory';
export { ZipEntryError, ZipFormatError } from './zip-errors';

export interface ZipDirectoryEntry {
  /** Position in the central directory, from 0. */
  index: number;
  name: string;
  /** A folder entry (name ending in "/"); bundles written by Colophon have none. */
  directory: boolean;
  method: number;
  flags: number;
  crc32: number;
  compressedSize: number;
  size: number;
  /** The MS-DOS time read as UTC, as the writer stores it. */
  modified: Date;
  localHeaderOffset: number;
  /** Where the stored bytes begin; undefined when the local header could not be read. */
  dataOffset: number | undefined;
  /** Empty for a sound entry; otherwise each thing found wrong with it. */
  problems: ZipEntryProblem[];
}

/** The archive's entries in central directory order; throws ZipFormatError if it has no readable directory. */
export async function readZipDirectory(source: RandomAccessSource, limits: Partial<ZipReadLimits> = {}): Promise<ZipDirectoryEntry[]> {
  const location = await locateDirectory(source, { ...defaultReadLimits, ...limits });
  const directory = await readRange(source, location.offset, location.size, 'the central directory');
  const seen = new Map<string, string>();
  const entries: ZipDirectoryEntry[] = [];
  for (const central of parseDirectory(directory, location)) {
    const entry = describe(central);
    const key = collisionKey(entry.name);
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      const same = earlier === entry.name ? 'another entry has the same name' : `it is the same file as ${JSON.stringify(earlier)} on case-insensitive disks`;
      entry.problems.push({ kind: 'duplicate-name', message: same });
    } else seen.set(key, entry.name);
    entry.dataOffset = await checkLocalHeader(source, central, entry, location.offset);
    entries.push(entry);
  }
  flagOverlaps(entries);
  return entries;
}

function describe(central: CentralEntry): ZipDirectoryEntry {
  const problems = [...central.problems];
  const directory = central.name.endsWith('/');
  const unsafe = unsafeNameReason(central.name, true);
  if (unsafe) problems.push({ kind: 'unsafe-name', message: unsafe });
  if (central.flags & flags.encrypted) problems.push({ kind: 'encrypted', message: 'it is encrypted' });
  if (central.method !== methodStore) {
    problems.push({ kind: 'unsupported-method', message: `compression method ${central.method} is not supported (bundles are stored uncompressed)` });
  } else if (central.compressedSize !== central.size) {
    problems.push({ kind: 'size-mismatch', message: `stored uncompressed, yet its sizes differ (${central.compressedSize} and ${central.size})` });
  }
  if (directory && central.size > 0) problems.push({ kind: 'size-mismatch', message: 'a folder entry that holds data' });
  const { dosDate: date, dosTime: time } = central;
  return {
    index: central.index,
    name: central.name,
    directory,
    method: central.method,
    flags: central.flags,
    crc32: central.crc32,
    compressedSize: central.compressedSize,
    size: central.size,
    modified: new Date(Date.UTC((date >> 9) + 1980, ((date >> 5) & 15) - 1, date & 31, time >> 11, (time >> 5) & 63, (time & 31) * 2)),
    localHeaderOffset: central.localHeaderOffset,
    dataOffset: undefined,
    problems,
  };
}

/** Reads the entry's local header, records any disagreement with the directory, and returns where its data starts. */
async function checkLocalHeader(source: RandomAccessSource, central: CentralEntry, entry: ZipDirectoryEntry, directoryOffset: number): Promise<number | undefined> {
  const problem = (kind: ZipEntryProblem['kind'], message: string) => void entry.problems.push({ kind, message });
  const headerLength = localHeaderSize + central.nameBytes.length;
  if (central.localHeaderOffset + headerLength > directoryOffset) {
    problem('out-of-bounds', `its local header offset ${central.localHeaderOffset} lies outside the entries' area`);
    return undefined;
  }
  const header = await readRange(source, central.localHeaderOffset, headerLength, `the local header of ${JSON.stringify(entry.name)}`);
  const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
  if (view.getUint32(0, true) !== signatures.localFile) {
    problem('local-header', `no local header at offset ${central.localHeaderOffset}`);
    return undefined;
  }
  const nameLength = view.getUint16(26, true);
  const localName = header.subarray(localHeaderSize, localHeaderSize + nameLength);
  if (nameLength !== central.nameBytes.length || localName.some((byte, i) => byte !== central.nameBytes[i])) {
    const shown = nameLength === central.nameBytes.length ? JSON.stringify(new TextDecoder().decode(localName)) : `a ${nameLength}-byte name`;
    problem('local-header', `its local header names it ${shown}`);
  }
  if (view.getUint16(8, true) !== central.method) problem('local-header', 'its local header gives another compression method');
  if (!(view.getUint16(6, true) & flags.dataDescriptor)) {
    // Without a data descriptor, the local header carries the checksum and sizes itself.
    const sizeAgrees = (at: number, expected: number) => view.getUint32(at, true) === max32 || view.getUint32(at, true) === expected;
    if (view.getUint32(14, true) !== central.crc32) problem('local-header', 'its local header gives another CRC-32');
    if (!sizeAgrees(18, central.compressedSize) || !sizeAgrees(22, central.size)) problem('local-header', 'its local header gives another size');
  }
  const dataOffset = central.localHeaderOffset + localHeaderSize + nameLength + view.getUint16(28, true);
  if (dataOffset + central.compressedSize > directoryOffset) {
    problem('out-of-bounds', 'its data runs past the start of the central directory');
    return undefined;
  }
  return dataOffset;
}

/** Entries whose bytes overlap (a classic way to make one archive show different files to different tools). */
function flagOverlaps(entries: ZipDirectoryEntry[]): void {
  const placed = entries.filter((entry) => entry.dataOffset !== undefined).sort((a, b) => a.localHeaderOffset - b.localHeaderOffset);
  for (let i = 1; i < placed.length; i++) {
    const before = placed[i - 1]!;
    const after = placed[i]!;
    if (before.dataOffset! + before.compressedSize > after.localHeaderOffset) {
      before.problems.push({ kind: 'overlap', message: `its bytes overlap those of ${JSON.stringify(after.name)}` });
      after.problems.push({ kind: 'overlap', message: `its bytes overlap those of ${JSON.stringify(before.name)}` });
    }
  }
}

/** Throws, naming the entry, unless its bytes can be read; returns where they start. */
function readableAt(entry: ZipDirectoryEntry): number {
  if (entry.problems.length > 0) throw new ZipEntryError(entry.name, entry.problems.map((problem) => problem.message).join('; '));
  if (entry.dataOffset === undefined) throw new ZipEntryError(entry.name, 'its data could not be located');
  return entry.dataOffset;
}

/** Reads part of an entry's data; a failure names the entry. */
async function readData(source: RandomAccessSource, entry: ZipDirectoryEntry, offset: number, length: number): Promise<Uint8Array> {
  try {
    return await readRange(source, offset, length, 'its data');
  } catch (error) {
    throw new ZipEntryError(entry.name, error instanceof Error ? error.message : String(error));
  }
}

const crcMismatch = (entry: ZipDirectoryEntry, actual: number) =>
  new ZipEntryError(entry.name, `CRC-32 mismatch: the directory says ${hex(entry.crc32)}, the data gives ${hex(actual)}`);
const hex = (value: number) => value.toString(16).padStart(8, '0');

export interface OpenEntryOptions {
  /** Check the CRC-32 as the bytes stream (default true): the stream errors at its end on a mismatch. */
  verifyCrc?: boolean;
  /** Bytes read per pull; 1 MiB by default. */
  chunkSize?: number;
}

/**
 * The entry's stored bytes, read a chunk at a time as the consumer pulls. Throws a ZipEntryError
 * at once for an entry with problems; read errors and a CRC-32 mismatch error the stream with one.
 */
export function openEntry(source: RandomAccessSource, entry: ZipDirectoryEntry, options: OpenEntryOptions = {}): ReadableStream<Uint8Array> {
  const start = readableAt(entry);
  const chunkSize = options.chunkSize ?? 1 << 20;
  const verify = options.verifyCrc ?? true;
  let done = 0;
  let crc = 0;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (done === entry.compressedSize) {
          if (verify && crc !== entry.crc32) throw crcMismatch(entry, crc);
          controller.close();
          return;
        }
        const length = Math.min(chunkSize, entry.compressedSize - done);
        const chunk = await readData(source, entry, start + done, length);
        done += length;
        if (verify) crc = crc32(chunk, crc);
        controller.enqueue(chunk);
      },
    },
    { highWaterMark: 0 },
  );
}

/** A small entry's bytes in one piece, CRC-checked; entries larger than `maxBytes` (default 64 MiB) are refused. */
export async function entryBytes(source: RandomAccessSource, entry: ZipDirectoryEntry, maxBytes = 64 * 1024 * 1024): Promise<Uint8Array> {
  const start = readableAt(entry);
  if (entry.compressedSize > maxBytes) throw new ZipEntryError(entry.name, `${entry.compressedSize} bytes is too large to read at once; stream it`);
  const bytes = await readData(source, entry, start, entry.compressedSize);
  const actual = crc32(bytes);
  if (actual !== entry.crc32) throw crcMismatch(entry, actual);
  return bytes;
}
