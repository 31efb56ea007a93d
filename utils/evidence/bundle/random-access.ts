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
    throw new ZipFormatError(`${what} lies outside the file (bytes ${offset}–${offset + length} of ${source.size})`);
  }
  const bytes = await source.read(offset, length);
  if (bytes.length !== length) {
    throw new ZipFormatError(`${what}: read ${bytes.length} of ${length} bytes; the file is shorter than it claims`);
  }
  return bytes;
}
