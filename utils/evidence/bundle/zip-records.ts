/**
 * The byte layout of the ZIP records the bundle writer emits, after PKWARE's APPNOTE 6.3 (sections
 * 4.3–4.5), and the constants the reader checks them against.
 *
 * Every entry is written the same way: STORE (screenshots are PNG/JPEG already), UTF-8 name
 * (flag bit 11), sizes and CRC in a data descriptor after the data (flag bit 3), so an entry can be
 * streamed before its size or checksum is known. ZIP64 fields appear only where a value does not
 * fit (a field holding 0xFFFFFFFF or 0xFFFF then means "see the ZIP64 record"), so small bundles
 * stay readable by the oldest tools.
 */

export const signatures = {
  localFile: 0x04034b50,
  dataDescriptor: 0x08074b50,
  centralFile: 0x02014b50,
  zip64End: 0x06064b50,
  zip64Locator: 0x07064b50,
  end: 0x06054b50,
} as const;

export const flags = { encrypted: 0x0001, dataDescriptor: 0x0008, utf8: 0x0800 } as const;
export const methodStore = 0;
export const zip64ExtraId = 0x0001;
export const max16 = 0xffff;
export const max32 = 0xffffffff;

export const localHeaderSize = 30;
export const centralHeaderSize = 46;
export const endSize = 22;
export const zip64EndSize = 56;
export const zip64LocatorSize = 20;

const versionPlain = 20;
const versionZip64 = 45;
/** "Made by" Unix, so extracting tools apply the mode below rather than their own guesses. */
const madeBy = (3 << 8) | versionZip64;
/** A regular file, rw-r--r--, in the high half of the external attributes. */
const fileAttributes = (0o100644 << 16) >>> 0;

export interface DosDateTime {
  time: number;
  date: number;
}

/**
 * MS-DOS date and time (2-second resolution) from the UTC fields of `when`, clamped to the years
 * the format can hold (1980–2107).
 */
export function dosDateTime(when: Date): DosDateTime {
  const ms = when.getTime();
  if (Number.isNaN(ms)) throw new RangeError('invalid date for a ZIP entry');
  const clamped = new Date(Math.min(Math.max(ms, Date.UTC(1980, 0, 1)), Date.UTC(2107, 11, 31, 23, 59, 58)));
  return {
    time: (clamped.getUTCHours() << 11) | (clamped.getUTCMinutes() << 5) | (clamped.getUTCSeconds() >> 1),
    date: ((clamped.getUTCFullYear() - 1980) << 9) | ((clamped.getUTCMonth() + 1) << 5) | clamped.getUTCDate(),
  };
}

/** Writes little-endian fields into a record of known length. */
class RecordBuilder {
  readonly bytes: Uint8Array;
  readonly #view: DataView;
  #at = 0;

  constructor(length: number) {
    this.bytes = new Uint8Array(length);
    this.#view = new DataView(this.bytes.buffer);
  }
  u16(value: number): this {
    this.#view.setUint16(this.#at, value, true);
    this.#at += 2;
    return this;
  }
  u32(value: number): this {
    this.#view.setUint32(this.#at, value, true);
    this.#at += 4;
    return this;
  }
  u64(value: number): this {
    return this.u32(value % 0x1_0000_0000).u32(Math.floor(value / 0x1_0000_0000));
  }
  raw(bytes: Uint8Array): this {
    this.bytes.set(bytes, this.#at);
    this.#at += bytes.length;
    return this;
  }
}

/**
 * The local header. With `zip64` (the entry is known in advance to reach 4 GiB) it carries a ZIP64
 * extra field, whose zero sizes, like the 32-bit ones, defer to the data descriptor.
 */
export function localFileHeader(name: Uint8Array, modified: DosDateTime, zip64: boolean): Uint8Array {
  const extra = zip64 ? 20 : 0;
  const record = new RecordBuilder(localHeaderSize + name.length + extra)
    .u32(signatures.localFile)
    .u16(zip64 ? versionZip64 : versionPlain)
    .u16(flags.dataDescriptor | flags.utf8)
    .u16(methodStore)
    .u16(modified.time)
    .u16(modified.date)
    .u32(0)
    .u32(zip64 ? max32 : 0)
    .u32(zip64 ? max32 : 0)
    .u16(name.length)
    .u16(extra)
    .raw(name);
  if (zip64) record.u16(zip64ExtraId).u16(16).u64(0).u64(0);
  return record.bytes;
}

/** The data descriptor; with `zip64` its sizes are 8 bytes each (APPNOTE 4.3.9). */
export function dataDescriptor(crc: number, size: number, zip64: boolean): Uint8Array {
  const record = new RecordBuilder(zip64 ? 24 : 16).u32(signatures.dataDescriptor).u32(crc);
  return (zip64 ? record.u64(size).u64(size) : record.u32(size).u32(size)).bytes;
}

/** What the central directory records about one written entry. */
export interface WrittenEntry {
  name: Uint8Array;
  modified: DosDateTime;
  crc: number;
  size: number;
  /** Offset of its local header from the start of the archive. */
  offset: number;
  /** Whether its local header carried a ZIP64 extra field. */
  zip64Local: boolean;
}

/** Whether an entry needs ZIP64 anywhere: 0xFFFFFFFF itself is the "see ZIP64" marker. */
export const entryNeedsZip64 = (entry: WrittenEntry): boolean =>
  entry.zip64Local || entry.size >= max32 || entry.offset >= max32;

export function centralFileHeader(entry: WrittenEntry): Uint8Array {
  const bigSize = entry.size >= max32;
  const bigOffset = entry.offset >= max32;
  const extraData = (bigSize ? 16 : 0) + (bigOffset ? 8 : 0);
  const extra = extraData > 0 ? 4 + extraData : 0;
  const record = new RecordBuilder(centralHeaderSize + entry.name.length + extra)
    .u32(signatures.centralFile)
    .u16(madeBy)
    .u16(entryNeedsZip64(entry) ? versionZip64 : versionPlain)
    .u16(flags.dataDescriptor | flags.utf8)
    .u16(methodStore)
    .u16(entry.modified.time)
    .u16(entry.modified.date)
    .u32(entry.crc)
    .u32(bigSize ? max32 : entry.size)
    .u32(bigSize ? max32 : entry.size)
    .u16(entry.name.length)
    .u16(extra)
    .u16(0) // comment length
    .u16(0) // disk number start
    .u16(0) // internal attributes
    .u32(fileAttributes)
    .u32(bigOffset ? max32 : entry.offset)
    .raw(entry.name);
  if (extra > 0) {
    // APPNOTE 4.5.3: only the fields that overflowed, in this order.
    record.u16(zip64ExtraId).u16(extraData);
    if (bigSize) record.u64(entry.size).u64(entry.size);
    if (bigOffset) record.u64(entry.offset);
  }
  return record.bytes;
}

export interface DirectoryPlacement {
  entryCount: number;
  /** Offset of the first central directory header. */
  offset: number;
  /** Length of the central directory in bytes. */
  size: number;
}

/**
 * The records closing the archive: a ZIP64 end record and its locator when any count, size or
 * offset overflows its classic field, then the classic end record (whose overflowed fields hold
 * the all-ones marker).
 */
export function endOfArchive(directory: DirectoryPlacement): Uint8Array {
  const manyEntries = directory.entryCount >= max16;
  const bigSize = directory.size >= max32;
  const bigOffset = directory.offset >= max32;
  const zip64 = manyEntries || bigSize || bigOffset;
  const record = new RecordBuilder((zip64 ? zip64EndSize + zip64LocatorSize : 0) + endSize);
  if (zip64) {
    const zip64EndOffset = directory.offset + directory.size;
    record
      .u32(signatures.zip64End)
      .u64(zip64EndSize - 12) // size of the rest of this record
      .u16(madeBy)
      .u16(versionZip64)
      .u32(0) // this disk
      .u32(0) // disk where the central directory starts
      .u64(directory.entryCount)
      .u64(directory.entryCount)
      .u64(directory.size)
      .u64(directory.offset);
    record.u32(signatures.zip64Locator).u32(0).u64(zip64EndOffset).u32(1);
  }
  const entries16 = manyEntries ? max16 : directory.entryCount;
  return record
    .u32(signatures.end)
    .u16(0)
    .u16(0)
    .u16(entries16)
    .u16(entries16)
    .u32(bigSize ? max32 : directory.size)
    .u32(bigOffset ? max32 : directory.offset)
    .u16(0) // comment length
    .bytes;
}
