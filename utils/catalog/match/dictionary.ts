/**
 * The token dictionary: token string → integer id, as an open-addressing hash table over typed
 * arrays. A Map of 100 000+ strings would cost megabytes of heap and have to be rebuilt on every
 * service-worker wake-up; this one is three arrays that load as they were stored.
 */
import { packStrings, type StringTable } from './codec';

export interface TokenDictionary extends StringTable {
  /** Power-of-two table of token ids, -1 for an empty slot. */
  slots: Int32Array;
}

/** FNV-1a over UTF-16 code units (of `text`, or of its characters `from`…`to`). */
function hash(text: string, from = 0, to = text.length): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Builds the dictionary of `tokens`, whose ids are their positions in the array. */
export function buildDictionary(tokens: readonly string[]): TokenDictionary {
  const table = packStrings(tokens);
  let size = 1024;
  while (size < tokens.length * 2) size *= 2;
  const slots = new Int32Array(size).fill(-1);
  const mask = size - 1;
  tokens.forEach((token, id) => {
    let slot = hash(token) & mask;
    while (slots[slot] !== -1) slot = (slot + 1) & mask;
    slots[slot] = id;
  });
  return { ...table, slots };
}

/**
 * The id of `token` (or of its characters `from`…`to`, read where they stand rather than cut
 * out), or -1 when no catalogue title or name contains it.
 */
export function lookupToken(dictionary: TokenDictionary, token: string, from = 0, to = token.length): number {
  const { slots, chars, offsets } = dictionary;
  const mask = slots.length - 1;
  let slot = hash(token, from, to) & mask;
  const length = to - from;
  for (;;) {
    const id = slots[slot]!;
    if (id === -1) return -1;
    const start = offsets[id]!;
    if (offsets[id + 1]! - start === length) {
      let same = true;
      for (let i = 0; i < length; i++) {
        if (chars[start + i] !== token.charCodeAt(from + i)) {
          same = false;
          break;
        }
      }
      if (same) return id;
    }
    slot = (slot + 1) & mask;
  }
}
