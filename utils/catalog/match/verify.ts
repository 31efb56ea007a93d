/**
 * Is this catalogue title in this listing, and how strongly? Listing titles are keyword-stuffed
 * ("现货 正版 Fundamentals of Power Electronics 英文原版 影印版 第2版 电力电子学"), so the
 * catalogue title is looked for among the listing's tokens: most of its information (IDF-weighted)
 * present, mostly in order and close together. Chinese titles must appear nearly whole, in order:
 * their bigrams are too common one by one.
 */
import type { MatchIndex } from './match-index';
import { cjkBigramCap, minCjkCoverage, minCoverage, distinctiveIdf, type TitleStrength } from './score';

export interface TitleHit {
  strength: TitleStrength;
  /** Listing token positions where the title's tokens were found. */
  positions: number[];
}

export function isCjk(index: MatchIndex, token: number): boolean {
  return index.tokens.chars[index.tokens.offsets[token]!]! >= 0x2e80;
}

function indexFrom(ids: Int32Array, token: number, from: number): number {
  for (let p = from; p < ids.length; p++) if (ids[p] === token) return p;
  return -1;
}

export function titleStrength(index: MatchIndex, tokens: readonly number[], ids: Int32Array): TitleHit | null {
  // The title's information first: most candidates lack enough of it, and the walk below stops
  // as soon as what is missing rules the title out (scanning the listing for every token costs more).
  let total = 0;
  let cjkTotal = 0;
  for (let k = 0; k < tokens.length; k++) {
    const token = tokens[k]!;
    if (tokens.indexOf(token) < k) continue;
    const cjk = isCjk(index, token);
    total += cjk ? Math.min(index.idf[token]!, cjkBigramCap) : index.idf[token]!;
    if (cjk) cjkTotal++;
  }
  if (total === 0) return null;
  const mayMiss = total * (1 - Math.max(minCoverage, cjkTotal > 0 ? minCjkCoverage : 0)) + 1e-9;
  let missing = 0;
  let inOrder = 0;
  let outOfOrder = 0;
  let distinctive = 0;
  let cjkFound = 0;
  let gaps = 0;
  let last = -1;
  const positions: number[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const token = tokens[k]!;
    if (tokens.indexOf(token) < k) continue;
    const cjk = isCjk(index, token);
    const idf = index.idf[token]!;
    const weight = cjk ? Math.min(idf, cjkBigramCap) : idf;
    let position = indexFrom(ids, token, last + 1);
    if (position >= 0) {
      inOrder += weight;
      if (last >= 0 && position !== last + 1) gaps++;
      // A Chinese title's bigrams stand together, a gap at most.
      if (cjkTotal > 0 && gaps > 1) return null;
      last = position;
    } else {
      position = indexFrom(ids, token, 0);
      if (position < 0) {
        missing += weight;
        if (missing > mayMiss) return null;
        continue;
      }
      // ...and in order.
      if (cjk) return null;
      outOfOrder += weight;
    }
    positions.push(position);
    if (cjk) cjkFound++;
    else if (idf >= distinctiveIdf) distinctive++;
  }
  const found = inOrder + outOfOrder;
  if (found === 0) return null;
  const coverage = found / total;
  if (cjkTotal > 0 && coverage < minCjkCoverage) return null;
  if (coverage < minCoverage) return null;
  // A title scattered over the listing is weaker evidence than one written out: each gap costs a tenth.
  const spread = Math.max(0.6, 1 - 0.1 * gaps);
  return {
    strength: {
      coverage,
      information: (inOrder + 0.5 * outOfOrder) * spread,
      // Chinese has no spaces: two characters count as a word (a title of n characters has n-1 bigrams).
      words: distinctive + (cjkFound > 0 ? Math.floor((cjkFound + 2) / 2) : 0),
    },
    positions,
  };
}

/** Share of a title's information (IDF) found anywhere in the listing: how much of an entry's full title a listing shows. */
export function coverage(index: MatchIndex, tokens: readonly number[], ids: Int32Array): number {
  let total = 0;
  let found = 0;
  for (let k = 0; k < tokens.length; k++) {
    const token = tokens[k]!;
    if (tokens.indexOf(token) < k) continue;
    const idf = index.idf[token]!;
    total += idf;
    if (ids.includes(token)) found += idf;
  }
  return total === 0 ? 0 : found / total;
}
