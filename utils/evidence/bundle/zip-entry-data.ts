/**
 * Reading an entry's stored bytes from a bundle, once ./zip-reader.ts has placed it: as a stream a
 * chunk at a time, or whole when small, its CRC-32 checked against the central directory's. An
 * entry with any problem is refused at once, naming it, and never read.
 */
import { crc32 } from './crc32';
import { readRange, type RandomAccessSource } from './random-access';
import { ZipEntryError } from './zip-errors';
import type { ZipDirectoryEntry } from './zip-reader';

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

/** The entry's bytes do not give the CRC-32 the directory records: read, but not as written. */
export class ZipCrcError extends ZipEntryError {
  override name = 'ZipCrcError';
}

const crcMismatch = (entry: ZipDirectoryEntry, actual: number) =>
  new ZipCrcError(entry.name, `CRC-32 mismatch: the directory says ${hex(entry.crc32)}, the data gives ${hex(actual)}`);
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

/** A small entry's bytes in one piece, CRC-checked unless told not to; entries larger than `maxBytes` (default 64 MiB) are refused. */
export async function entryBytes(source: RandomAccessSource, entry: ZipDirectoryEntry, maxBytes = 64 * 1024 * 1024, options: Pick<OpenEntryOptions, 'verifyCrc'> = {}): Promise<Uint8Array> {
  const start = readableAt(entry);
  if (entry.compressedSize > maxBytes) throw new ZipEntryError(entry.name, `${entry.compressedSize} bytes is too large to read at once; stream it`);
  const bytes = await readData(source, entry, start, entry.compressedSize);
  if (options.verifyCrc === false) return bytes;
  const actual = crc32(bytes);
  if (actual !== entry.crc32) throw crcMismatch(entry, actual);
  return bytes;
}
