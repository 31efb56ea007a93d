/**
 * The one text normalisation that catalogue indexing and listing matching share: a catalogue
 * entry and a listing are compared only after both went through `normaliseText` and `tokenise`,
 * so anything folded here (width, case, script variant, punctuation) can never cause a miss.
 *
 * The output is a matching key, not text to show: it may fold characters a reader would keep
 * apart, as long as it folds them the same way on both sides.
 */
import traditionalToSimplifiedPairs from 'opencc-js/dict/TSCharacters';

/**
 * NFKC (full-width → half-width, compatibility ideographs → unified ones), lower case,
 * Traditional → Simplified Chinese, punctuation and symbols → one space. Letters of every script
 * (diacritics kept: see `foldDiacritics`) and digits survive.
 */
export function normaliseText(text: string): string {
  // toLowerCase, not toLocaleLowerCase: a Turkish browser must not turn "I" into "ı".
  // Printable ASCII and common Chinese characters are their own NFKC form: most of a listing's pieces.
  const folded = (nfkcStable.test(text) ? text : text.normalize('NFKC')).toLowerCase();
  // Letters, digits and spaces only: of all the folding below, only runs of spaces would change.
  if (plainFolded.test(folded)) return toSimplified(folded).replace(spaces, ' ').trim();
  return toSimplified(folded)
    .replace(invisible, '')
    .replace(apostrophe, dropInsideWord)
    .replace(languageWithSymbols, spellOut)
    .replace(notLetterOrDigit, ' ')
    .trim();
}

/**
 * é → e, ñ → n, ø → o, ß → ss: for Latin titles, which listings often write without their
 * accents ("Les Misérables" sold as "Les Miserables"). Only the combining marks Latin, Greek and
 * Cyrillic letters carry are stripped, so Japanese voiced kana (が) and Indic vowel signs survive.
 * Cyrillic й and ё fold to и and е; that loses a distinction but, applied to both sides, no match.
 */
export function foldDiacritics(text: string): string {
  // Only letters of Latin-1 up to Greek Extended (and loose combining marks) carry a mark to fold.
  if (!mayCarryDiacritics.test(text)) return text;
  return text
    .normalize('NFD')
    .replace(combiningDiacritics, '')
    .replace(undecomposableLetter, (letter) => undecomposableLetters[letter] ?? letter)
    .normalize('NFC');
}

/**
 * Words (Latin, Cyrillic, Greek and other spaced scripts) and digit runs become tokens; letters
 * and digits glued together are split ("python3" → "python", "3"; "isbn9787302609179"), because
 * listings glue and space them at random. Each run of Chinese or Japanese characters becomes its
 * overlapping character bigrams ("电力电子学" → 电力 力电 电子 子学), a lone character itself.
 *
 * Why bigrams: Chinese is written without spaces, and cutting it into words needs a dictionary
 * (megabytes, and wrong on the invented compounds of keyword-stuffed listing titles such as
 * "正版现货利用python进行数据分析原书第2版"). Bigrams need none: a catalogue title is found in a
 * listing when most of its bigrams are there, wherever the seller's noise words sit around it.
 *
 * Takes `normaliseText` output (letters, digits and single spaces only).
 */
export function tokenise(normalised: string): string[] {
  const tokens: string[] = [];
  for (const match of normalised.matchAll(token)) {
    const run = match[0];
    if (!cjkCharacter.test(run)) {
      tokens.push(run);
      continue;
    }
    // Code points, not UTF-16 units: rare characters (𠮷) lie outside the BMP.
    const characters = Array.from(run);
    if (characters.length === 1) {
      tokens.push(run);
      continue;
    }
    for (let i = 0; i + 1 < characters.length; i++) tokens.push(characters[i]! + characters[i + 1]!);
  }
  return tokens;
}

// ---- Traditional → Simplified ----------------------------------------------------------------

/**
 * A character table, not a phrase converter: OpenCC's own table (via opencc-js, about 3,500
 * characters, 29 KB). Phrase-level conversion ("乾隆" stays 乾, "乾淨" becomes 干净) matters
 * for text people read, not for a matching key, and would cost a megabyte of phrases and a trie
 * walk per title. The Taiwan and Hong Kong variant tables are left out: they add only a handful
 * of characters, and some of those (么, 著) are everyday Simplified characters they would change.
 */
interface SimplificationTable {
  simplifiedOf: Map<string, string>;
  /**
   * Every Traditional character of the table in one character class: most titles hold none, and
   * the regex engine skips them far faster than a per-character lookup could.
   */
  traditionalCharacter: RegExp;
}

/** Built on first use (a few milliseconds), not when a service worker wakes up to do other work. */
let simplification: SimplificationTable | undefined;

function buildSimplificationTable(): SimplificationTable {
  const simplifiedOf = new Map<string, string>();
  for (const pair of traditionalToSimplifiedPairs.split('|')) {
    const space = pair.indexOf(' ');
    const traditional = pair.slice(0, space);
    const simplified = pair.slice(space + 1);
    if (space > 0 && simplified !== '' && traditional !== simplified) {
      simplifiedOf.set(traditional, simplified);
    }
  }
  const traditionalCharacter = new RegExp(`[${[...simplifiedOf.keys()].join('')}]`, 'gu');
  return { simplifiedOf, traditionalCharacter };
}

function toSimplified(text: string): string {
  const { simplifiedOf, traditionalCharacter } = (simplification ??= buildSimplificationTable());
  return text.replace(traditionalCharacter, (character) => simplifiedOf.get(character) ?? character);
}

// ---- Character classes -----------------------------------------------------------------------

/**
 * Format characters (zero-width space and joiners, soft hyphen, BOM): invisible, so removed
 * rather than turned into a space. Sellers slip them inside titles to dodge keyword filters.
 */
const invisible = /\p{Cf}+/gu;

/** "Philosopher's", "Philosopher’s" and "Philosophers" all become "philosophers". */
const apostrophe = /['\u2018\u2019\u02bc`]/g;
const letter = /^\p{L}$/u;

/** Per apostrophe, not a lookbehind per character: that regex cost a third of the whole function. */
function dropInsideWord(mark: string, at: number, text: string): string {
  const inside = letter.test(text.charAt(at - 1)) && letter.test(text.charAt(at + 1));
  return inside ? '' : mark;
}

/**
 * Programming languages whose names are a letter and symbols: "C++ Primer Plus" is not
 * "C Primer Plus", nor "C#入门经典" a C book. They become words of their own before punctuation goes.
 */
const languageWithSymbols = /(?<![a-z0-9])(?:c\s?\+\s?\+|[cf]#)/gi;
const languageNames: Record<string, string> = { 'c++': 'cpp', 'c#': 'csharp', 'f#': 'fsharp' };
const spellOut = (name: string) => ` ${languageNames[name.replace(/\s/g, '').toLowerCase()]} `;

/** "C++" → "cpp", "C#" → "csharp": for readers that cut text at "+" before normalising it. */
export function spellOutLanguageNames(text: string): string {
  return text.replace(languageWithSymbols, spellOut);
}

/** Punctuation, symbols, spaces and controls of every script: 【】《》「」（），。、·—…“” and ASCII. */
const notLetterOrDigit = /[^\p{L}\p{M}\p{N}]+/gu;

const cjk = '\\p{sc=Han}\\p{sc=Hiragana}\\p{sc=Katakana}\\u30fc';
const cjkCharacter = new RegExp(`[${cjk}]`, 'u');
/** A CJK run, a digit run, or a run of any other letters (with their combining marks). */
const token = new RegExp(`[${cjk}]+|(?:(?![${cjk}])\\p{N})+|[^\\s\\p{N}${cjk}]+`, 'gu');

/** Combining marks of Latin, Greek and Cyrillic (U+0300 block and its supplements). */
const mayCarryDiacritics = /[\u00c0-\u1fff\u20d0-\u20ff\ufe20-\ufe2f]/;
const nfkcStable = /^[\x20-\x7e\u4e00-\u9fff]*$/;
const plainFolded = /^[a-z0-9 \u4e00-\u9fff]*$/;
const spaces = / {2,}/g;
const combiningDiacritics = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;

/** Letters NFD leaves whole, written the way English-language listings spell them. */
const undecomposableLetters: Record<string, string> = {
  ß: 'ss', ẞ: 'SS', æ: 'ae', Æ: 'AE', œ: 'oe', Œ: 'OE', ø: 'o', Ø: 'O', ł: 'l', Ł: 'L',
  đ: 'd', Đ: 'D', ð: 'd', Ð: 'D', þ: 'th', Þ: 'TH', ı: 'i',
};
const undecomposableLetter = new RegExp(`[${Object.keys(undecomposableLetters).join('')}]`, 'g');
