/**
 * Writes an evidence bundle as a ZIP archive, streamed: a 1 GB case must not need 1 GB of memory.
 * The archive is produced by pulling: nothing is read from the next entry
 * (or the next chunk of the current one) until the consumer of the returned stream asks for more,
 * so memory holds one chunk at a time plus ~100 bytes of central directory per entry, whatever the
 * size of the case. Cancelling the stream cancels the entry being read.
 *
 * Every entry is stored uncompressed with a data descriptor (see zip-records.ts), so sizes and
 * CRC-32 are computed on the way through and data of unknown length can be streamed. The output
 * is deterministic: same entries, same bytes, as the modification time defaults to a fixed date.
 *
 * Why not client-zip or fflate, which also stream stored entries with ZIP64: the verifier needs the
 * exact byte layout. It rebuilds every local header, data descriptor and central record from the
 * central directory and compares them byte for byte (./verify-layout.ts says why: that is how a
 * prefix, a gap, an overlapping entry or a ZIP64 field that lies is found). So the form of each
 * record must be defined once, here in zip-records.ts, and shared by writer and verifier. With a
 * library writing the archive, the layout would be the library's, changing with its versions,
 * and the verifier would still have to write out every record it produces; bundles from every
 * earlier Colophon must verify too. Speed does not argue otherwise: `npm run bench` exports a
 * 1 GiB case at over 200 MB/s in under 70 MB (tests/bench/results/evidence-export.json).
 */
import { crc32 } from './crc32';
import { ZipEntryError } from './zip-errors';
import { NameRegistry } from './zip-names';
import {
  centralFileHeader,
  dataDescriptor,
  dosDateTime,
  endOfArchive,
  localFileHeader,
  max32,
  type WrittenEntry,
} from './zip-records';

export type ZipEntryData = Uint8Array | Blob | ReadableStream<Uint8Array> | (() => ReadableStream<Uint8Array>);

export interface ZipEntry {
  /** Path inside the archive, "/" between folders; unsafe or colliding names are refused. */
  name: string;
  /** Defaults to the stream's `modified` option. Stored as MS-DOS time from the UTC fields. */
  modified?: Date;
  /** A function is called only when the entry's turn comes, so its source opens lazily. */
  data: ZipEntryData;
  /** The expected length; checked against the bytes actually streamed. */
  size?: number;
}

export interface ZipStreamOptions {
  /** Modification time of entries without their own; 1980-01-01T00:00:00Z by default. */
  modified?: Date;
  /** How much of a Blob or Uint8Array is handed on at a time; 1 MiB by default. */
  chunkSize?: number;
}

const defaultModified = new Date(Date.UTC(1980, 0, 1));
const defaultChunkSize = 1 << 20;
/** Central directory headers are handed on in batches of about this size rather than one by one. */
const directoryBatch = 64 * 1024;

/** The archive of `entries`, in their order; it errors (naming the entry) on a bad name or size. */
export function zipStream(
  entries: AsyncIterable<ZipEntry> | Iterable<ZipEntry>,
  options: ZipStreamOptions = {},
): ReadableStream<Uint8Array> {
  const chunks = archiveChunks(entries, options.modified ?? defaultModified, options.chunkSize ?? defaultChunkSize);
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      },
      async cancel() {
        await chunks.return(undefined);
      },
    },
    // A high-water mark of 0: pull runs only when the consumer reads, never ahead of it.
    { highWaterMark: 0 },
  );
}

async function* archiveChunks(
  entries: AsyncIterable<ZipEntry> | Iterable<ZipEntry>,
  defaultTime: Date,
  chunkSize: number,
): AsyncGenerator<Uint8Array, void, undefined> {
  const names = new NameRegistry();
  const written: WrittenEntry[] = [];
  let offset = 0;
  for await (const entry of entries) {
    const name = names.claim(entry.name);
    const modified = entryTime(entry, defaultTime);
    const expected = expectedSize(entry);
    const zip64Local = expected !== undefined && expected >= max32;
    const header = localFileHeader(name, modified, zip64Local);
    yield header;
    let crc = 0;
    let size = 0;
    for await (const chunk of entryChunks(entry, chunkSize)) {
      crc = crc32(chunk, crc);
      size += chunk.length;
      yield chunk;
    }
    if (expected !== undefined && size !== expected) {
      throw new ZipEntryError(entry.name, `expected ${expected} bytes but the data had ${size}`);
    }
    const descriptor = dataDescriptor(crc, size, zip64Local || size >= max32);
    yield descriptor;
    written.push({ name, modified, crc, size, offset, zip64Local });
    offset += header.length + size + descriptor.length;
  }
  const directoryOffset = offset;
  let batch: Uint8Array[] = [];
  let batchLength = 0;
  for (const entry of written) {
    const record = centralFileHeader(entry);
    batch.push(record);
    batchLength += record.length;
    offset += record.length;
    if (batchLength >= directoryBatch) {
      yield concat(batch, batchLength);
      batch = [];
      batchLength = 0;
    }
  }
  if (batchLength > 0) yield concat(batch, batchLength);
  yield endOfArchive({ entryCount: written.length, offset: directoryOffset, size: offset - directoryOffset });
}

function entryTime(entry: ZipEntry, defaultTime: Date) {
  try {
    return dosDateTime(entry.modified ?? defaultTime);
  } catch {
    throw new ZipEntryError(entry.name, 'invalid modification date');
  }
}

function expectedSize(entry: ZipEntry): number | undefined {
  const declared = entry.size;
  if (declared !== undefined && !(Number.isSafeInteger(declared) && declared >= 0)) {
    throw new ZipEntryError(entry.name, `invalid size ${declared}`);
  }
  const data = entry.data;
  const known = data instanceof Uint8Array ? data.length : data instanceof Blob ? data.size : undefined;
  if (declared !== undefined && known !== undefined && declared !== known) {
    throw new ZipEntryError(entry.name, `declared size ${declared} but the data has ${known} bytes`);
  }
  return declared ?? known;
}

async function* entryChunks(entry: ZipEntry, chunkSize: number): AsyncGenerator<Uint8Array, void, undefined> {
  const data = entry.data;
  if (data instanceof Uint8Array) {
    for (let at = 0; at < data.length; at += chunkSize) yield data.subarray(at, at + chunkSize);
  } else if (data instanceof Blob) {
    for (let at = 0; at < data.size; at += chunkSize) {
      yield new Uint8Array(await data.slice(at, at + chunkSize).arrayBuffer());
    }
  } else {
    yield* streamChunks(entry.name, typeof data === 'function' ? data() : data);
  }
}

/** Reads a stream chunk by chunk; leaving early (an error, a cancelled archive) cancels it. */
async function* streamChunks(name: string, stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array, void, undefined> {
  const reader = stream.getReader();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!(value instanceof Uint8Array)) throw new ZipEntryError(name, 'the data stream gave something other than bytes');
      if (value.length > 0) yield value;
    }
    finished = true;
  } finally {
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

function concat(parts: Uint8Array[], length: number): Uint8Array {
  const joined = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    joined.set(part, at);
    at += part.length;
  }
  return joined;
}
