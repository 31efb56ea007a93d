/**
 * Interning tokens and words while building the index, without making a string per token:
 * characters go into a scratch buffer, are hashed as they come, and are looked up in an
 * open-addressing table over typed arrays. A JS Map of strings costs ~200 ns a lookup, which for
 * the ~25 tokens and words of each of 500 000 entries would alone exceed the 3 s build budget.
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
    let slot = (hash >>> 0) & mask;
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
      let slot = (h >>> 0) & mask;
      while (slots[slot] !== -1) slot = (slot + 1) & mask;
      slots[slot] = id;
    }
    this.slots = slots;
  }
}

function grow<T extends Uint16Array | Uint32Array>(array: T, atLeast: number): T {
  let length = array.length * 2;
  while (length < atLeast) length *= 2;
  const grown = (array instanceof Uint16Array ? new Uint16Array(length) : new Uint32Array(length)) as T;
  grown.set(array);
  return grown;
}

/** Where the walkers below gather a token's or word's characters (module-level: no allocation per token). */
const scratch = new Uint16Array(4096);
const wordScratch = new Uint16Array(4096);
const basis = 0x811c9dc5;

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Interns the words of `text` split on white space (for display), pushing ids and start positions. */
export function internWords(text: string, interner: Interner, ids: number[], starts: number[]): void {
  let length = 0;
  let hash = basis;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= 32 || c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200b)) {
      if (length > 0) ids.push(interner.lookup(scratch, length, hash));
      length = 0;
      hash = basis;
    } else {
      if (length === 0) starts.push(i);
      if (length < 4096) scratch[length++] = c;
      hash = Math.imul(hash ^ c, 0x01000193);
    }
  }
  if (length > 0) ids.push(interner.lookup(scratch, length, hash));
}

/** Ids and start positions of a text's tokens and words. */
export interface Interned {
  tokenIds: number[];
  tokenStarts: number[];
  wordIds: number[];
  wordStarts: number[];
}

/**
 * The tokens of printable-ASCII `text`, exactly as `matchTokens` gives them (lower-case letter
 * runs and digit runs, an apostrophe inside a word dropped), and its words split on spaces, in one
 * walk: titles are the build's hot path.
 */
export function internAsciiTitle(text: string, tokens: Interner, words: Interner, out: Interned): void {
  let kind = 0;
  let length = 0;
  let hash = basis;
  let wordLength = 0;
  let wordHash = basis;
  for (let i = 0; i < text.length; i++) {
    const raw = text.charCodeAt(i);
    if (raw === 32) {
      if (wordLength > 0) out.wordIds.push(words.lookup(wordScratch, wordLength, wordHash));
      wordLength = 0;
      wordHash = basis;
    } else {
      if (wordLength === 0) out.wordStarts.push(i);
      if (wordLength < 4096) wordScratch[wordLength++] = raw;
      wordHash = Math.imul(wordHash ^ raw, 0x01000193);
    }
    const c = raw >= 65 && raw <= 90 ? raw + 32 : raw;
    const letter = c >= 97 && c <= 122;
    if (letter || (c >= 48 && c <= 57)) {
      const now = letter ? 1 : 2;
      if (kind !== now) {
        if (kind !== 0) out.tokenIds.push(tokens.lookup(scratch, length, hash));
        length = 0;
        hash = basis;
        out.tokenStarts.push(i);
        kind = now;
      }
      if (length < 4096) scratch[length++] = c;
      hash = Math.imul(hash ^ c, 0x01000193);
    } else if ((c === 39 || c === 96) && kind === 1 && isAsciiLetter(text.charCodeAt(i + 1))) {
      // "Philosopher's" is one token, "philosophers", as normaliseText makes it.
    } else if (kind !== 0) {
      out.tokenIds.push(tokens.lookup(scratch, length, hash));
      kind = 0;
    }
  }
  if (kind !== 0) out.tokenIds.push(tokens.lookup(scratch, length, hash));
  if (wordLength > 0) out.wordIds.push(words.lookup(wordScratch, wordLength, wordHash));
}
