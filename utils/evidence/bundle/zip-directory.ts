/**
 * Parses a ZIP archive's central directory (found by ./zip-end-records.ts), trusting nothing: a
 * bundle may have been tampered with. Damage that loses the directory's framing (a count or size
 * that does not add up, a header without its signature) makes the whole archive unreadable and
 * throws a ZipFormatError; damage confined to one entry (an odd name, a broken extra field) is
 * recorded as a problem of that entry, so the verifier can name it and still check the others.
 */
import { uint64, viewOf, type DirectoryLocation } from './zip-end-records';
import { ZipFormatError } from './zip-errors';
import { centralHeaderSize, flags, max16, max32, signatures, zip64ExtraId } from './zip-records';

export { defaultReadLimits, locateDirectory, type DirectoryLocation, type ZipReadLimits } from './zip-end-records';

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
  /** Where its header begins in the file, and its length with name, extra field and comment. */
  recordOffset: number;
  recordLength: number;
  problems: ZipEntryProblem[];
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
      recordOffset: location.offset + at,
      recordLength: next - at,
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

// ignoreBOM keeps a leading byte order mark in the name: by default TextDecoder drops it, and
// "\uFEFFmanifest.json" would read as "manifest.json", an entry posing as another.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenientUtf8 = new TextDecoder('utf-8', { ignoreBOM: true });
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
