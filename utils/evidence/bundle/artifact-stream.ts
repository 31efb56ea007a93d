/**
 * An artifact's bytes on their way into a bundle, checked against the SHA-256 taken at capture
 * ("hash where you capture": the hash travels with the bytes, and the export proves they still
 * match). Bytes that do not hash to what the item recorded error the stream, which errors the
 * archive before its manifest is written: no bundle is signed over them.
 *
 * Two ways, by size. An artifact up to `wholeReadLimit` (every screenshot and saved page seen so
 * far) is read once into memory, hashed by WebCrypto and handed on from that same buffer: one read
 * of the Blob, at WebCrypto's speed. A larger one is read a chunk at a time through the incremental
 * SHA-256 (../sha256.ts), slower per byte but in flat memory; its mismatch is found at its
 * end, still before the manifest. tests/bench/evidence/export.ts measures both.
 */
import { sha256Hex } from '@/utils/protocol/digest';
import { BundleExportError } from './export-errors';
import { incrementalSha256, type IncrementalSha256 } from '../sha256';

export const wholeReadLimit = 16 * 1024 * 1024;
const defaultChunkSize = 1024 * 1024;

export interface ExpectedBytes {
  size: number;
  sha256: string;
}

/**
 * The Blob's bytes as a pulled stream, erroring with a BundleExportError (worded with `what`, e.g.
 * "the visible-screenshot of evidence item 12") when their size or SHA-256 is not `expected`.
 */
export function verifiedArtifactStream(blob: Blob, expected: ExpectedBytes, what: string, options: { wholeReadLimit?: number; chunkSize?: number } = {}): ReadableStream<Uint8Array> {
  const chunkSize = options.chunkSize ?? defaultChunkSize;
  const altered = () => new BundleExportError(`The bytes of ${what} no longer hash to the SHA-256 recorded at capture: the stored evidence was altered or damaged. Nothing was exported.`);
  if (blob.size !== expected.size) {
    return erroring(new BundleExportError(`${what} holds ${blob.size} bytes, not the ${expected.size} recorded at capture: the stored evidence was altered or damaged. Nothing was exported.`));
  }
  return blob.size <= (options.wholeReadLimit ?? wholeReadLimit) ? readWhole(blob, expected, chunkSize, altered) : readInChunks(blob, expected, chunkSize, altered);
}

function erroring(error: Error): ReadableStream<Uint8Array> {
  return new ReadableStream({ start: (controller) => controller.error(error) });
}

function readWhole(blob: Blob, expected: ExpectedBytes, chunkSize: number, altered: () => Error): ReadableStream<Uint8Array> {
  let bytes: Uint8Array | null = null;
  let at = 0;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (bytes === null) {
          const read = new Uint8Array(await blob.arrayBuffer());
          if ((await sha256Hex(read)) !== expected.sha256) throw altered();
          bytes = read;
        }
        if (at >= bytes.length) {
          bytes = new Uint8Array(0); // let the buffer go before the next entry is read
          controller.close();
          return;
        }
        controller.enqueue(bytes.subarray(at, at + chunkSize));
        at += chunkSize;
      },
    },
    { highWaterMark: 0 },
  );
}

function readInChunks(blob: Blob, expected: ExpectedBytes, chunkSize: number, altered: () => Error): ReadableStream<Uint8Array> {
  let hash: IncrementalSha256 | null = null;
  let at = 0;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        hash ??= await incrementalSha256();
        if (at >= blob.size) {
          if (hash.digestHex() !== expected.sha256) throw altered();
          controller.close();
          return;
        }
        const chunk = new Uint8Array(await blob.slice(at, at + chunkSize).arrayBuffer());
        if (chunk.length === 0) throw altered(); // a Blob that shrank while being read
        at += chunk.length;
        hash.update(chunk);
        controller.enqueue(chunk);
      },
    },
    { highWaterMark: 0 },
  );
}
