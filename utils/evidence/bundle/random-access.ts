/**
 * What the ZIP reader reads from: a length and reads at any offset. A Blob (a bundle picked in the
 * browser) and a Node file handle (the command-line verifier, node-file-source.ts) both fit, and
 * neither has to be loaded whole.
 */
import { ZipFormatError } from './zip-errors';

export interface RandomAccessSource {
  readonly size: number;
  /** Exactly `length` bytes from `offset`; the caller keeps the range inside `size`. */
  read(offset: number, length: number): Promise<Uint8Array>;
}

export function blobSource(blob: Blob): RandomAccessSource {
  return {
    size: blob.size,
    async read(offset, length) {
      return new Uint8Array(await blob.slice(offset, offset + length).arrayBuffer());
    },
  };
}

/**
 * Reads `length` bytes at `offset`, refusing a range outside the source and a source that returns
 * fewer bytes than asked (a file that shrank under us); `what` names the range in the error.
 */
export async function readRange(source: RandomAccessSource, offset: number, length: number, what: string): Promise<Uint8Array> {
  if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0 || offset + length > source.size) {
    throw new ZipFormatError(`${what} lies outside the file (bytes ${offset}–${offset + length} of ${source.size})`, 'outside-file');
  }
  const bytes = await source.read(offset, length);
  if (bytes.length !== length) {
    throw new ZipFormatError(`${what}: read ${bytes.length} of ${length} bytes; the file is shorter than it claims`, 'outside-file');
  }
  return bytes;
}

/**
 * The source with its most recently read block kept. The verifier walks a bundle's records in file
 * order, several times over (local headers, then their data descriptors, then the data), and a
 * bundle of small files would otherwise cost a file read per record: 100,000 reads for 50,000
 * entries. Blocks are aligned on multiples of their size, so a walk backwards (files hashed in the
 * manifest's order when the archive holds them in reverse) hits as often as a walk forwards. Reads
 * longer than a block (large artifacts), or crossing a block's end, go straight through, so memory
 * stays at one block.
 */
export function cachedSource(source: RandomAccessSource, blockSize = 64 * 1024): RandomAccessSource {
  let blockStart = -1;
  let block: Uint8Array = new Uint8Array();
  return {
    size: source.size,
    async read(offset, length) {
      const start = offset - (offset % blockSize);
      if (length > blockSize || offset + length > start + blockSize) return source.read(offset, length);
      if (start !== blockStart) {
        block = await source.read(start, Math.min(blockSize, source.size - start));
        blockStart = start;
      }
      // A copy, so that a caller editing what it was given cannot change what the next one reads.
      return block.slice(offset - start, offset - start + length);
    },
  };
}
