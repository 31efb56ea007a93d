/**
 * The matcher's view of a text: `normaliseText` → `foldDiacritics` → `tokenise`, the same on
 * both sides (catalogue entries when the index is built, listing titles when they are matched).
 */
import { foldDiacritics, normaliseText, tokenise } from '../text';

const notAscii = /[^\x20-\x7e]/;
/** "C++" and "C#" are spelled out by normaliseText. */
const languageSymbol = /[+#]/;
const asciiApostrophe = /(?<=[a-z])['`](?=[a-z])/g;
const asciiToken = /[a-z]+|[0-9]+/g;

/** The normalised text (for edition patterns) of a listing or catalogue string. */
export function matchText(text: string): string {
  return foldDiacritics(normaliseText(text));
}

/**
 * Tokens of `text`. Printable-ASCII text (most catalogue titles and names) takes a shortcut that
 * gives the same tokens as the full path (tests/unit/catalog/match-parts.test.ts checks it on
 * the real catalogues): a 500 000-entry index then builds in about a third of the time.
 */
export function matchTokens(text: string): string[] {
  if (!notAscii.test(text) && !languageSymbol.test(text)) return text.toLowerCase().replace(asciiApostrophe, '').match(asciiToken) ?? [];
  return tokenise(matchText(text));
}

/**
 * The characters `tokenise` reads as bigrams (Han, Hiragana, Katakana and "ー") in the Basic
 * Multilingual Plane, as ranges (first, last), the commonest first: tests/unit/catalog/match-parts.test.ts
 * checks them against the script classes for every code point.
 */
const cjkRanges = [
  0x4e00, 0x9fff, 0x3400, 0x4dbf, 0x3041, 0x3096, 0x309d, 0x309f, 0x30a1, 0x30fa, 0x30fc, 0x30ff, 0xf900, 0xfa6d,
  0xfa70, 0xfad9, 0x2e80, 0x2e99, 0x2e9b, 0x2ef3, 0x2f00, 0x2fd5, 0x3005, 0x3005, 0x3007, 0x3007, 0x3021, 0x3029,
  0x3038, 0x303b, 0x31f0, 0x31ff, 0x32d0, 0x32fe, 0x3300, 0x3357, 0xff66, 0xff6f, 0xff71, 0xff9d,
];
const astralCjk = /^[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]/u;

/**
 * Whether a token (or a single character) is Chinese or Japanese: a token is never mixed, so its
 * first character says. A few comparisons, where the script test costs a regular expression: the
 * matcher asks this of every token it walks.
 */
export function isCjkToken(token: string): boolean {
  const c = token.charCodeAt(0);
  if (!(c >= 0x2e80)) return false;
  if (c >= 0xd800 && c <= 0xdbff) return astralCjk.test(token);
  for (let r = 0; r < cjkRanges.length; r += 2) if (c >= cjkRanges[r]! && c <= cjkRanges[r + 1]!) return true;
  return false;
}
