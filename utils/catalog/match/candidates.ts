/**
 * Candidates for a listing: the entries whose title variants have their two rarest tokens (or
 * their only one) among the listing's tokens (postings.ts chooses which tokens point at an entry).
 */
import type { MatchIndex } from './match-index';

/** Per-index scratch arrays, reused from page to page (allocating 500 000 counters per listing would cost more than matching). */
interface Scratch {
  hits: Uint8Array;
  touched: Uint32Array;
  /** The listing (by `listing`) that last looked a token up: a token a listing repeats counts once. */
  tokenSeen: Uint32Array;
  listing: number;
}
const scratches = new WeakMap<MatchIndex, Scratch>();

/** Entries whose title variants have their two rarest tokens (or their only one) in the listing. */
export function candidates(index: MatchIndex, ...idLists: Int32Array[]): number[] {
  let scratch = scratches.get(index);
  if (!scratch) {
    scratch = { hits: new Uint8Array(index.entryCount), touched: new Uint32Array(1024), tokenSeen: new Uint32Array(index.idf.length), listing: 0 };
    scratches.set(index, scratch);
  }
  const { hits } = scratch;
  let touched = scratch.touched;
  let count = 0;
  scratch.listing++;
  // Stamps wrap after four billion listings: start over rather than mistake an old stamp for this one.
  if (scratch.listing === 0xffffffff) {
    scratch.tokenSeen.fill(0);
    scratch.listing = 1;
  }
  const { tokenSeen, listing } = scratch;
  for (const ids of idLists) {
    for (const id of ids) {
      if (id < 0 || tokenSeen[id] === listing) continue;
      tokenSeen[id] = listing;
      const end = index.postingOffsets[id + 1]!;
      for (let p = index.postingOffsets[id]!; p < end; p++) {
        const e = index.postings[p]!;
        if (hits[e] === 0) {
          if (count === touched.length) {
            const grown = new Uint32Array(touched.length * 2);
            grown.set(touched);
            touched = scratch.touched = grown;
          }
          touched[count++] = e;
        }
        if (hits[e]! < 255) hits[e]!++;
      }
    }
  }
  const found: number[] = [];
  for (let i = 0; i < count; i++) {
    const e = touched[i]!;
    if (hits[e]! >= 2 || (hits[e] === 1 && (index.entryFlags[e]! & 0x80) !== 0)) found.push(e);
    hits[e] = 0;
  }
  return found;
}
