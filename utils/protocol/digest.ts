/**
 * SHA-256 digests of evidence, and the chain that links evidence items, hashed at
 * capture. Every artifact is hashed over its exact bytes, and every item's metadata over its
 * canonical JSON (./canonical-json.ts), before the first write; the digest travels with them to
 * the bundle and the intake. WebCrypto only, so the same code runs in the service worker, in the
 * extension's pages and in the Node verifier (Node 20 has globalThis.crypto.subtle).
 *
 * The chain. Each item records a link computed from the previous item's link and its own digest:
 *
 *     link = SHA-256( UTF-8( canonicalJson({ "item": itemDigest, "previous": previousLink }) ) )
 *
 * that is, the hex of SHA-256 over the exact bytes
 *
 *     {"item":"<64 lower-case hex>","previous":"<64 lower-case hex>"}
 *
 * and for the first item of a chain `previous` is JSON null — no invented genesis value:
 *
 *     {"item":"<64 lower-case hex>","previous":null}
 *
 * `itemDigest` is the digest of the item's canonical metadata (which lists its artifacts' digests),
 * so changing, removing, inserting or reordering an item changes every later link. The verifier and
 * the intake server recompute links with exactly this construction; changing it breaks every chain
 * already recorded, so it is fixed here and in its test vectors.
 */
import { z } from 'zod';
import { canonicalBytes } from './canonical-json';

/** A SHA-256 digest as this codebase writes it everywhere: 64 lower-case hex digits. */
export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 digest: 64 lower-case hex digits');
export type Sha256Hex = z.infer<typeof Sha256Hex>;

/** The SHA-256 of the exact bytes given, in lower-case hex. */
export async function sha256Hex(data: Uint8Array | ArrayBuffer | Blob): Promise<string> {
  return toHex(await crypto.subtle.digest('SHA-256', await bytesOf(data)));
}

/** The SHA-256 of the value's RFC 8785 canonical JSON (rejects, as canonicalJson throws, on non-JSON data). */
export async function sha256OfCanonical(value: unknown): Promise<string> {
  return sha256Hex(canonicalBytes(value));
}

/**
 * The chain link of an item: see the module comment for the exact construction. `previousLink` is
 * null for the first item. Both inputs must be Sha256Hex, so a malformed digest cannot slip into the
 * chain and be "verified" later by a verifier that made the same mistake.
 */
export async function chainLink(previousLink: string | null, itemDigest: string): Promise<string> {
  if (previousLink !== null) requireDigest(previousLink, 'previousLink');
  requireDigest(itemDigest, 'itemDigest');
  return sha256OfCanonical({ item: itemDigest, previous: previousLink });
}

/** An item's place in a chain, as stored: its own digest and the link it recorded. */
export interface ChainEntry {
  itemDigest: string;
  link: string;
}

/**
 * Recomputes a chain, oldest item first, and returns the index of the first entry whose recorded
 * link does not follow from the one before (or whose digests are malformed), or null when the whole
 * chain holds. `previousLink` is the link the first entry was chained to: null for a chain's start,
 * or the last link before it when checking a later stretch.
 */
export async function findChainBreak(entries: readonly ChainEntry[], previousLink: string | null = null): Promise<number | null> {
  let previous = previousLink;
  for (const [index, entry] of entries.entries()) {
    if (!isDigest(entry.itemDigest) || !isDigest(entry.link) || (previous !== null && !isDigest(previous))) return index;
    if ((await chainLink(previous, entry.itemDigest)) !== entry.link) return index;
    previous = entry.link;
  }
  return null;
}

const isDigest = (value: unknown): value is string => Sha256Hex.safeParse(value).success;

function requireDigest(value: string, name: string): void {
  if (!isDigest(value)) throw new TypeError(`${name} is not a SHA-256 digest (64 lower-case hex digits): ${JSON.stringify(value)}`);
}

/**
 * Blobs (screenshots, page archives) are read whole: WebCrypto has no streaming digest. A view is
 * hashed over its own window of its buffer, not the whole buffer. Duck-typed rather than
 * `instanceof`, so a Blob or ArrayBuffer from another realm (happy-dom, node:buffer, a frame) works.
 */
async function bytesOf(data: Uint8Array | ArrayBuffer | Blob): Promise<BufferSource> {
  if (ArrayBuffer.isView(data)) return isOnArrayBuffer(data) ? data : new Uint8Array(data);
  if ('arrayBuffer' in data && typeof data.arrayBuffer === 'function') return data.arrayBuffer();
  return data as ArrayBuffer;
}

/** WebCrypto takes no views of a SharedArrayBuffer; such bytes are copied first. */
function isOnArrayBuffer(view: Uint8Array): view is Uint8Array<ArrayBuffer> {
  return Object.prototype.toString.call(view.buffer) === '[object ArrayBuffer]';
}

function toHex(buffer: ArrayBuffer): string {
  return Array.from(new Uint8Array(buffer), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
