/**
 * Interning tokens while building the index, without making a string per token:
 * characters go into a scratch buffer, are hashed as they come, and are looked up in an
 * open-addressing table over typed arrays. A JS Map of strings costs ~200 ns a lookup, which for
 * the ~15 tokens of each of 500 000 entries would alone exceed the 3 s build budget.
 */
export class Interner {
  private chars = new Uint16Array(1 << 18);
  private charLength = 0;
  /** Start of each id's characters; `starts[size]` is where the next one will start. */
  private starts = new Uint32Array(1 << 14);
  size = 0;
  private slots = new Int32Array(1 << 15).fill(-1);
  private readonly buffer = new Uint16Array(4096);
  private length = 0;
  private hash = 0;
  /** How many entries use each id (counted once per entry). */
  counts = new Uint32Array(1 << 14);
  /** The last entry (plus one) that counted each id. */
  private stamps = new Uint32Array(1 << 14);
  /** How many entries have a contributor whose name key holds each id, and their stamps. */
  nameCounts = new Uint32Array(1 << 14);
  private nameStamps = new Uint32Array(1 << 14);

  begin(): void {
    this.length = 0;
    this.hash = 0x811c9dc5;
  }

  add(code: number): void {
    if (this.length < 4096) this.buffer[this.length++] = code;
    this.hash = Math.imul(this.hash ^ code, 0x01000193);
  }

  /** The id of the characters added since `begin`, new or not. */
  end(): number {
    return this.lookup(this.buffer, this.length, this.hash);
  }

  /** The id of `buffer[0…length)`, whose FNV-1a hash is `hash`, new or not. */
  lookup(buffer: Uint16Array, length: number, hash: number): number {
    const { slots, starts, chars } = this;
    const mask = slots.length - 1;
    let slot = mix(hash) & mask;
    for (;;) {
      const id = slots[slot]!;
      if (id === -1) break;
      const start = starts[id]!;
      if (starts[id + 1]! - start === length) {
        let k = 0;
        while (k < length && chars[start + k] === buffer[k]) k++;
        if (k === length) return id;
      }
      slot = (slot + 1) & mask;
    }
    return this.insert(slot, buffer, length);
  }

  intern(text: string): number {
    this.begin();
    for (let i = 0; i < text.length; i++) this.add(text.charCodeAt(i));
    return this.end();
  }

  count(id: number, stamp: number): void {
    if (this.stamps[id] === stamp) return;
    this.stamps[id] = stamp;
    this.counts[id]!++;
  }

  countName(id: number, stamp: number): void {
    if (this.nameStamps[id] === stamp) return;
    this.nameStamps[id] = stamp;
    this.nameCounts[id]!++;
  }

  name(id: number): string {
    return String.fromCharCode(...this.chars.subarray(this.starts[id], this.starts[id + 1]));
  }

  /** New ids by descending count (common ones then take one varint byte): `rank[oldId]`, and the names in new-id order. */
  rankByCount(): { rank: Uint32Array; names: string[] } {
    const counts = this.counts;
    const order = Array.from({ length: this.size }, (_, i) => i).sort((a, b) => counts[b]! - counts[a]! || a - b);
    const rank = new Uint32Array(order.length);
    order.forEach((oldId, newId) => (rank[oldId] = newId));
    return { rank, names: order.map((oldId) => this.name(oldId)) };
  }

  private insert(slot: number, buffer: Uint16Array, length: number): number {
    const id = this.size++;
    if (this.charLength + length > this.chars.length) this.chars = grow(this.chars, this.charLength + length);
    this.chars.set(buffer.subarray(0, length), this.charLength);
    this.charLength += length;
    if (id + 2 > this.starts.length) {
      this.starts = grow(this.starts, id + 2);
      this.counts = grow(this.counts, id + 2);
      this.stamps = grow(this.stamps, id + 2);
      this.nameCounts = grow(this.nameCounts, id + 2);
      this.nameStamps = grow(this.nameStamps, id + 2);
    }
    this.starts[id + 1] = this.charLength;
    this.slots[slot] = id;
    if (this.size * 2 > this.slots.length) this.rehash();
    return id;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = slots.length - 1;
    for (let id = 0; id < this.size; id++) {
      let h = 0x811c9dc5;
      for (let i = this.starts[id]!; i < this.starts[id + 1]!; i++) h = Math.imul(h ^ this.chars[i]!, 0x01000193);
      let slot = mix(h) & mask;
      while (slots[slot] !== -1) slot = (slot + 1) & mask;
      slots[slot] = id;
    }
    this.slots = slots;
  }
}

/** FNV-1a's low bits cluster for short, similar tokens; a final mix spreads them over the slots. */
function mix(hash: number): number {
  const h = Math.imul(hash ^ (hash >>> 16), 0x45d9f3b);
  return (h ^ (h >>> 16)) >>> 0;
}

function grow<T extends Uint16Array | Uint32Array>(array: T, atLeast: number): T {
  let length = array.length * 2;
  while (length < atLeast) length *= 2;
  const grown = (array instanceof Uint16Array ? new Uint16Array(length) : new Uint32Array(length)) as T;
  grown.set(array);
  return grown;
}

import { matchText } from './tokens';

/** Where the walker below gathers a token's characters (module-level: no allocation per token). */
const scratch = new Uint16Array(4096);
const basis = 0x811c9dc5;

/** Ids of a text's tokens, and where each starts in the text (to count the tokens before a cut). */
export interface Interned {
  tokenIds: number[];
  tokenStarts: number[];
}

/**
 * How `matchText` treats each character of Latin-1, Latin Extended-A/B and general punctuation,
 * probed once by running it between two letters: a separator (-1), dropped (0, e.g. a soft
 * hyphen), or the letters or digits it folds to ("É" → "e", "ß" → "ss", "²" → "2"). Characters
 * whose treatment depends on their neighbours in other ways are left out (undefined): a title
 * holding one takes the full path.
 */
type Fold = -1 | 0 | { letters: boolean; codes: number[] };
let folds: (Fold | undefined)[] | undefined;
const isApostrophe = (c: number) => c === 39 || c === 96 || c === 0x2018 || c === 0x2019;

function probeFolds(): (Fold | undefined)[] {
  const table: (Fold | undefined)[] = [];
  const ranges = [[0xa0, 0x24f], [0x2010, 0x2027]];
  for (const [from, to] of ranges) {
    for (let c = from!; c <= to!; c++) {
      if (c === 0x2bc || isApostrophe(c)) continue;
      const folded = matchText(`a${String.fromCharCode(c)}b`);
      if (folded === 'a b') table[c] = -1;
      else if (folded === 'ab') table[c] = 0;
      else {
        const middle = folded.slice(1, -1);
        const letters = /^[a-z]+$/.test(middle);
        if (folded.startsWith('a') && folded.endsWith('b') && (letters || /^[0-9]+$/.test(middle))) {
          table[c] = { letters, codes: [...middle].map((ch) => ch.charCodeAt(0)) };
        }
      }
    }
  }
  return table;
}

function isLetterAt(text: string, i: number, table: (Fold | undefined)[]): boolean | null {
  const c = text.charCodeAt(i);
  if (Number.isNaN(c) || c < 0x80) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  const fold = table[c];
  return typeof fold === 'object' ? fold.letters : null;
}

/**
 * The tokens of a Latin-script `text`, exactly as `matchTokens` gives them (lower-case letter runs
 * and digit runs, diacritics folded, an apostrophe inside a word dropped), in one walk with no
 * string made per token: titles are the build's hot path. Returns false, having added nothing,
 * when the text holds a character this walk does not know; the caller then takes the full path.
 */
export function internLatinTitle(text: string, tokens: Interner, out: Interned): boolean {
  const table = (folds ??= probeFolds());
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80 && table[c] === undefined && !isApostrophe(c)) return false;
    // "C++", "C#": language names normaliseText spells out.
    if (c === 43 || c === 35) return false;
  }
  // No inner functions: this loop runs for every title and name of the catalogue.
  let kind = 0;
  let length = 0;
  let hash = basis;
  const startIds = out.tokenIds.length;
  const startStarts = out.tokenStarts.length;
  for (let i = 0; i < text.length; i++) {
    const raw = text.charCodeAt(i);
    let now = 0;
    let codes: number[] | null = null;
    let code = raw >= 65 && raw <= 90 ? raw + 32 : raw;
    if (code >= 97 && code <= 122) now = 1;
    else if (code >= 48 && code <= 57) now = 2;
    else if (raw === 32) {
      // A space, the commonest separator: nothing to look up.
    } else if (kind === 1 && isApostrophe(raw)) {
      const next = isLetterAt(text, i + 1, table);
      if (next === null) {
        // A character after the apostrophe whose letterhood this walk cannot tell: take the full path.
        out.tokenIds.length = startIds;
        out.tokenStarts.length = startStarts;
        return false;
      }
      // "Philosopher's" is one token, "philosophers", as normaliseText makes it.
      if (next) continue;
    } else if (raw >= 0x80 && !isApostrophe(raw)) {
      const fold = table[raw]!;
      if (fold === 0) continue;
      if (fold !== -1) {
        now = fold.letters ? 1 : 2;
        codes = fold.codes;
      }
    }
    if (now === 0) {
      if (kind !== 0) out.tokenIds.push(tokens.lookup(scratch, length, hash));
      kind = 0;
      continue;
    }
    if (kind !== now) {
      if (kind !== 0) out.tokenIds.push(tokens.lookup(scratch, length, hash));
      length = 0;
      hash = basis;
      out.tokenStarts.push(i);
      kind = now;
    }
    for (let k = 0; k < (codes ? codes.length : 1); k++) {
      if (codes) code = codes[k]!;
      if (length < 4096) scratch[length++] = code;
      hash = Math.imul(hash ^ code, 0x01000193);
    }
  }
  if (kind !== 0) out.tokenIds.push(tokens.lookup(scratch, length, hash));
  return true;
}
