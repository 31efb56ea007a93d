/**
 * Which of a title variant's tokens point to its entry (the index's postings): a listing can only
 * hold a title whose rarest tokens it holds, so those are where candidates come from.
 */
import { volumeOf } from './segments';

/** The variant's rarest token and its second rarest (another token), by IDF. */
function rarest(variantTokens: readonly number[], idf: Float32Array): number[] {
  let first = -1;
  let second = -1;
  for (const token of variantTokens) {
    if (token === first || token === second) continue;
    if (first === -1 || idf[token]! > idf[first]!) {
      second = first;
      first = token;
    } else if (second === -1 || idf[token]! > idf[second]!) second = token;
  }
  return second === -1 ? [first] : [first, second];
}

/**
 * The tokens that point to an entry for one of its title variants (`names`: each token's text).
 * A Chinese title may be sold with a short piece left out ("Python3网络开发实战"), which can be
 * where its rarest tokens are: its first and last tokens point to it too.
 */
export function postedTokensOf(variantTokens: readonly number[], idf: Float32Array, names: readonly string[]): number[] {
  const chinese = variantTokens.some((token) => names[token]!.charCodeAt(0) >= 0x2e80);
  const tokens = rarest(variantTokens, idf);
  if (!chinese || variantTokens.length < 6) return tokens;
  // A volume of a set may be sold by the set's name ("Java核心技术 套装" for "Java核心技术 卷I 基础知识"):
  // the name's last token, before the volume number, points to it too.
  const volume = volumeOf(variantTokens.map((token) => names[token]!));
  const head = volume && volume.head > 1 ? [variantTokens[volume.head - 1]!] : [];
  return [...tokens, variantTokens[0]!, variantTokens.at(-1)!, ...head];
}
