/**
 * Reads a bundle's ZIP container for the verifier: the entries in central directory order (the
 * order is evidence too: the manifest's list must match it), and each entry's stored bytes through
 * ./zip-entry-data.ts. It reads hostile files: every offset and length is bounds-checked, and each entry is
 * checked against its own local header, since a directory and a local header that disagree (in
 * name, method, checksum), data that runs into another entry or a name that escapes the target
 * folder are signs of tampering. Such an entry keeps its place in the list with its `problems`, so
 * the caller can name each bad file; only an archive whose directory cannot be read throws.
 *
 * Only STORE is supported, as the bundle writer never compresses; an entry with another method
 * is reported and refused, not inflated. Problems quote names through ./shown-text.ts, so a
 * message can be shown as it is even when a name is hostile.
 *
 * Written here rather than taken from an unzip package (fflate, zip.js, yauzl) because what the
 * verifier checks is the archive's layout itself: every local header against its directory
 * record, the bytes between and around entries, duplicate and unsafe names. Those packages hand
 * over files, not the records and byte ranges; they would have to be read around anyway.
 */
import { quoted } from './shown-text';
import { readRange, type RandomAccessSource } from './random-access';
import { defaultReadLimits, locateDirectory, parseDirectory, type CentralEntry, type DirectoryLocation, type ZipEntryProblem, type ZipReadLimits } from './zip-directory';
import { collisionKey, unsafeNameReason } from './zip-names';
import { flags, localHeaderSize, max32, methodStore, signatures } from './zip-records';

export { blobSource, type RandomAccessSource } from './random-access';
export { entryBytes, openEntry, ZipCrcError, type OpenEntryOptions } from './zip-entry-data';
export type { DirectoryLocation, ZipEntryProblem, ZipProblemKind, ZipReadLimits } from './zip-directory';
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
  /** The name as stored, and the MS-DOS time and date fields, for comparing records byte for byte. */
  nameBytes: Uint8Array;
  dosTime: number;
  dosDate: number;
  /** Where its central directory header begins in the file, and its length. */
  recordOffset: number;
  recordLength: number;
  /** The length of its local header's extra field; undefined when the local header could not be read. */
  localExtraLength: number | undefined;
}

export interface ZipArchive {
  location: DirectoryLocation;
  /** The central directory's bytes, as read. */
  directory: Uint8Array;
  entries: ZipDirectoryEntry[];
}

/** The archive's entries in central directory order; throws ZipFormatError if it has no readable directory. */
export async function readZipDirectory(source: RandomAccessSource, limits: Partial<ZipReadLimits> = {}): Promise<ZipDirectoryEntry[]> {
  return (await readZipArchive(source, limits)).entries;
}

/** The entries with where the directory lies and its bytes, for checks of the archive's layout. */
export async function readZipArchive(source: RandomAccessSource, limits: Partial<ZipReadLimits> = {}): Promise<ZipArchive> {
  const location = await locateDirectory(source, { ...defaultReadLimits, ...limits });
  const directory = await readRange(source, location.offset, location.size, 'the central directory');
  const seen = new Map<string, string>();
  const entries: ZipDirectoryEntry[] = [];
  for (const central of parseDirectory(directory, location)) {
    const entry = describe(central);
    const key = collisionKey(entry.name);
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      const same = earlier === entry.name ? 'another entry has the same name' : `it is the same file as ${quoted(earlier)} on case-insensitive disks`;
      entry.problems.push({ kind: 'duplicate-name', message: same });
    } else seen.set(key, entry.name);
    entry.dataOffset = await checkLocalHeader(source, central, entry, location.offset);
    entries.push(entry);
  }
  flagOverlaps(entries);
  return { location, directory, entries };
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
    nameBytes: central.nameBytes,
    dosTime: time,
    dosDate: date,
    recordOffset: central.recordOffset,
    recordLength: central.recordLength,
    localExtraLength: undefined,
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
  const header = await readRange(source, central.localHeaderOffset, headerLength, `the local header of ${quoted(entry.name)}`);
  const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
  if (view.getUint32(0, true) !== signatures.localFile) {
    problem('local-header', `no local header at offset ${central.localHeaderOffset}`);
    return undefined;
  }
  const nameLength = view.getUint16(26, true);
  const localName = header.subarray(localHeaderSize, localHeaderSize + nameLength);
  if (nameLength !== central.nameBytes.length || localName.some((byte, i) => byte !== central.nameBytes[i])) {
    const shown = nameLength === central.nameBytes.length ? quoted(new TextDecoder('utf-8', { ignoreBOM: true }).decode(localName)) : `a ${nameLength}-byte name`;
    problem('local-header', `its local header names it ${shown}`);
  }
  if (view.getUint16(8, true) !== central.method) problem('local-header', 'its local header gives another compression method');
  if (!(view.getUint16(6, true) & flags.dataDescriptor)) {
    // Without a data descriptor, the local header carries the checksum and sizes itself.
    const sizeAgrees = (at: number, expected: number) => view.getUint32(at, true) === max32 || view.getUint32(at, true) === expected;
    if (view.getUint32(14, true) !== central.crc32) problem('local-header', 'its local header gives another CRC-32');
    if (!sizeAgrees(18, central.compressedSize) || !sizeAgrees(22, central.size)) problem('local-header', 'its local header gives another size');
  }
  entry.localExtraLength = view.getUint16(28, true);
  const dataOffset = central.localHeaderOffset + localHeaderSize + nameLength + entry.localExtraLength;
  if (dataOffset + central.compressedSize > directoryOffset) {
    problem('out-of-bounds', 'its data runs past the start of the central directory');
    return undefined;
  }
  return dataOffset;
}

/**
 * Entries whose bytes overlap (a classic way to make one archive show different files to different
 * tools). Each entry is compared with the one reaching furthest among those before it, so an entry
 * nested deep inside a long one is caught, not only one overlapping its neighbour.
 */
function flagOverlaps(entries: ZipDirectoryEntry[]): void {
  const placed = entries.filter((entry) => entry.dataOffset !== undefined).sort((a, b) => a.localHeaderOffset - b.localHeaderOffset);
  const endOf = (entry: ZipDirectoryEntry) => entry.dataOffset! + entry.compressedSize;
  let furthest: ZipDirectoryEntry | undefined;
  for (const entry of placed) {
    if (furthest && endOf(furthest) > entry.localHeaderOffset) {
      if (!furthest.problems.some((problem) => problem.kind === 'overlap')) {
        furthest.problems.push({ kind: 'overlap', message: `its bytes overlap those of ${quoted(entry.name)}` });
      }
      entry.problems.push({ kind: 'overlap', message: `its bytes overlap those of ${quoted(furthest.name)}` });
    }
    if (!furthest || endOf(entry) > endOf(furthest)) furthest = entry;
  }
}
