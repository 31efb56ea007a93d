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
 * gives the same tokens as the full path (tests/unit/catalog/match-tokens.test.ts checks it on
 * the real catalogues): a 500 000-entry index then builds in about a third of the time.
 */
export function matchTokens(text: string): string[] {
  if (!notAscii.test(text) && !languageSymbol.test(text)) return text.toLowerCase().replace(asciiApostrophe, '').match(asciiToken) ?? [];
  return tokenise(matchText(text));
}

/** Chinese and Japanese tokens (bigrams) must be found side by side, in order. */
export function isCjkToken(token: string): boolean {
  return token.charCodeAt(0) >= 0x2e80;
}
