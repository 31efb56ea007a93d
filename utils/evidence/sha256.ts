/**
 * The SHA-256 Colophon computes itself, from hash-wasm, for the two jobs WebCrypto cannot do:
 * - bytes that arrive a chunk at a time and are too large to hold whole (an artifact bigger than
 *   the export reads at once, a large file in a bundle being verified): WebCrypto has no
 *   incremental digest;
 * - a chain link computed inside the IndexedDB transaction that reads the chain head and writes
 *   the next record: crypto.subtle.digest returns a promise that is not an IndexedDB request, and
 *   awaiting it lets the transaction commit. The head would then be read in one transaction and
 *   written in another, and two captures could both link to the same head and fork the chain.
 *   A hasher made before the transaction opens hashes synchronously inside it.
 * Everything that fits in memory, and every link the verifier recomputes, still comes from
 * WebCrypto (utils/protocol/digest.ts), so a fault in either would show as a chain or bundle that
 * does not verify.
 *
 * Why hash-wasm: it runs SHA-256 compiled to WebAssembly at more than twice the speed of the
 * best-kept SHA-256 in JavaScript (`npm run bench` measures it beside WebCrypto and
 * @noble/hashes), in a small fixed memory. Extension pages need 'wasm-unsafe-eval' in their CSP for it (wxt.config.ts).
 */
import { createSHA256, type IHasher } from 'hash-wasm';

/** An incremental SHA-256: update with each chunk as it arrives, then take the digest once. */
export interface IncrementalSha256 {
  update(bytes: Uint8Array): IncrementalSha256;
  /** The digest, in lower-case hex. */
  digestHex(): string;
}

export async function incrementalSha256(): Promise<IncrementalSha256> {
  const hasher = await createSHA256();
  hasher.init();
  // A digest is taken once: bytes added after it would belong to no digest anyone reads.
  let done = false;
  const open = () => {
    if (done) throw new Error('This SHA-256 has already given its digest.');
  };
  const incremental: IncrementalSha256 = {
    update(bytes) {
      open();
      hasher.update(bytes);
      return incremental;
    },
    digestHex() {
      open();
      done = true;
      return hasher.digest('hex');
    },
  };
  return incremental;
}

let synchronous: Promise<(bytes: Uint8Array) => string> | null = null;

/**
 * A hasher that hashes whole inputs synchronously, any number of them. It is made once and shared:
 * each call hashes its input from start to digest without yielding, so no two uses interleave.
 */
export function synchronousSha256(): Promise<(bytes: Uint8Array) => string> {
  return (synchronous ??= createSHA256().then((hasher: IHasher) => (bytes: Uint8Array) => hasher.init().update(bytes).digest('hex')));
}
