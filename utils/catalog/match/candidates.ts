/**
 * Candidates for a listing: the entries whose title variants have their two rarest tokens (or
 * their only one) among the listing's tokens (postings.ts chooses which tokens point at an entry).
 *
 * An entry needs two of its tokens in the listing, unless its title is one word. So the longest
 * posting list among the listing's tokens (often a number, "python" or "history": a quarter of a
 * listing's postings, and more) is not read through: an entry that only it names has one token
 * only, and the entries already named are looked up in it (each list is in entry order), beside
 * the one-word titles it holds. Reading it through would touch an entry's counter for every posting.
 */
import { lowerBound } from './codec';
import type { MatchIndex } from './match-index';

/** Per-index scratch arrays, reused from page to page (allocating 500 000 counters per listing would cost more than matching). */
interface Scratch {
  hits: Uint8Array;
  touched: Uint32Array;
  /** The listing (by `listing`) that last looked a token up: a token a listing repeats counts once. */
  tokenSeen: Uint32Array;
  listing: number;
  /** The listing's distinct tokens. */
  tokens: number[];
}
const scratches = new WeakMap<MatchIndex, Scratch>();

/** Per token, the entries its postings hold whose title is one word (entry flag 0x80): the few a posting list names alone. */
interface OneWordTitles {
  offsets: Uint32Array;
  entries: Uint32Array;
}
const oneWordTitles = new WeakMap<MatchIndex, OneWordTitles>();

const isOneWord = (index: MatchIndex, e: number) => (index.entryFlags[e]! & 0x80) !== 0;

/** Read from the postings once per index, on the first listing after it loads (about 25 ms at 500 000 entries). */
function oneWordTitlesOf(index: MatchIndex): OneWordTitles {
  let found = oneWordTitles.get(index);
  if (found) return found;
  const tokenCount = index.postingOffsets.length - 1;
  const offsets = new Uint32Array(tokenCount + 1);
  for (let t = 0; t < tokenCount; t++) {
    let count = 0;
    for (let p = index.postingOffsets[t]!; p < index.postingOffsets[t + 1]!; p++) if (isOneWord(index, index.postings[p]!)) count++;
    offsets[t + 1] = offsets[t]! + count;
  }
  const entries = new Uint32Array(offsets[tokenCount]!);
  for (let t = 0, at = 0; t < tokenCount; t++) {
    for (let p = index.postingOffsets[t]!; p < index.postingOffsets[t + 1]!; p++) if (isOneWord(index, index.postings[p]!)) entries[at++] = index.postings[p]!;
  }
  oneWordTitles.set(index, (found = { offsets, entries }));
  return found;
}

/** Whether `postings[from…to)`, in ascending order, holds `e`. */
function holds(postings: Uint32Array, from: number, to: number, e: number): boolean {
  const at = lowerBound(postings, e, from, to);
  return at < to && postings[at] === e;
}

function scratchOf(index: MatchIndex): Scratch {
  let scratch = scratches.get(index);
  if (!scratch) {
    scratch = { hits: new Uint8Array(index.entryCount), touched: new Uint32Array(1024), tokenSeen: new Uint32Array(index.idf.length), listing: 0, tokens: [] };
    scratches.set(index, scratch);
  }
  return scratch;
}

/** Entries whose title variants have their two rarest tokens (or their only one) in the listing. */
export function candidates(index: MatchIndex, ...idLists: Int32Array[]): number[] {
  const scratch = scratchOf(index);
  const { hits, tokens } = scratch;
  const { postings, postingOffsets } = index;
  let touched = scratch.touched;
  let count = 0;
  const touch = (e: number) => {
    if (hits[e] === 0) {
      if (count === touched.length) {
        const grown = new Uint32Array(touched.length * 2);
        grown.set(touched);
        touched = scratch.touched = grown;
      }
      touched[count++] = e;
    }
    if (hits[e]! < 255) hits[e]!++;
  };

  scratch.listing++;
  // Stamps wrap after four billion listings: start over rather than mistake an old stamp for this one.
  if (scratch.listing === 0xffffffff) {
    scratch.tokenSeen.fill(0);
    scratch.listing = 1;
  }
  const { tokenSeen, listing } = scratch;
  tokens.length = 0;
  let longest = -1;
  for (const ids of idLists) {
    for (const id of ids) {
      if (id < 0 || tokenSeen[id] === listing) continue;
      tokenSeen[id] = listing;
      tokens.push(id);
      if (longest < 0 || postingOffsets[id + 1]! - postingOffsets[id]! > postingOffsets[longest + 1]! - postingOffsets[longest]!) longest = id;
    }
  }
  for (const id of tokens) {
    if (id === longest) continue;
    for (let p = postingOffsets[id]!; p < postingOffsets[id + 1]!; p++) touch(postings[p]!);
  }
  if (longest >= 0) {
    const from = postingOffsets[longest]!;
    const to = postingOffsets[longest + 1]!;
    // Looking each named entry up costs about log₂ of the list's length; reading a short list through costs less.
    if (count * Math.log2(to - from + 1) < to - from) {
      const named = count;
      for (let i = 0; i < named; i++) if (holds(postings, from, to, touched[i]!) && hits[touched[i]!]! < 255) hits[touched[i]!]!++;
      const oneWord = oneWordTitlesOf(index);
      for (let p = oneWord.offsets[longest]!; p < oneWord.offsets[longest + 1]!; p++) if (hits[oneWord.entries[p]!] === 0) touch(oneWord.entries[p]!);
    } else {
      for (let p = from; p < to; p++) touch(postings[p]!);
    }
  }
  const found: number[] = [];
  for (let i = 0; i < count; i++) {
    const e = touched[i]!;
    if (hits[e]! >= 2 || (hits[e] === 1 && isOneWord(index, e))) found.push(e);
    hits[e] = 0;
  }
  return found;
}
