/**
 * A seller's title read the way a shopper reads it. Chinese listing titles are a product name
 * followed by keywords: "Python基础教程（第3版） Python3.5编程从入门到实践 Python入门佳作 机器学习…".
 * Brackets, separators and bundle words ("套装", "全3册", "3本") cut the title into segments; the
 * first names the product unless the listing sells several books, and then each segment may name
 * its own. Spaces are soft breaks: "Python编程 从入门到实践" is one name, written with a space where
 * the cover has a colon, so a title may run across them (chinese-title.ts).
 *
 * Two repairs make a title whole again: a version number glued to a Latin word ("Python3.5",
 * "Python 3") is left out on both sides, and common misspellings of Latin words ("pathon") are
 * mended.
 */
import { spellOutLanguageNames, tokenise } from '../text';
import { isCjkToken, matchText } from './tokens';

export interface ListingTokens {
  /** Matching tokens of the whole listing, segment after segment (version numbers left out). */
  tokens: string[];
  /** Every token as `tokenise` gives it, version numbers kept ("python 3 5"): what Latin titles are looked for among. */
  allTokens: string[];
  /** Segment of each token. */
  segment: number[];
  /** Whether a space or a segment's start lies right before each token. */
  breakBefore: boolean[];
  /** Where each token ends in its segment's normalised text (`segmentKeys`). */
  ends: number[];
  /**
   * The Chinese bigrams a seller's break cut ("程从" in "Python编程 从入门"), which a catalogue
   * title written without that break holds: looked up too when choosing candidates.
   */
  bridges: string[];
  /** Each segment's text as the seller wrote it (for reasons a person can check). */
  segmentTexts: string[];
  /** Each segment's normalised text (edition and form cues are read from it). */
  segmentKeys: string[];
  /** The listing sells several books: a bundle word, or titles joined by "+". */
  bundle: boolean;
  /** The listing opens with a bracketed note ("【2021新版】", "【官方正版】"): the seller's, not the name. */
  opensWithNote: boolean;
  /** Whether a colon follows each segment ("银河帝国：帝国三部曲": a subtitle comes next). */
  colonAfter: boolean[];
  /** Whether an opening bracket follows each segment ("西方经济学（宏观部分·第七版）": a note comes next). */
  bracketAfter: boolean[];
  /** The listing opens with a series or a shop's heading before a colon ("作家榜经典：月亮与六便士（…）"). */
  opensWithSeries: boolean;
}

const numeral = '[0-9]+|[一二两三四五六七八九十]+';
/**
 * Words that say a listing holds several books: "套装", "全3册", "共5本", "3本", "2册", "三本套".
 * "一本" is no bundle ("一本书"), nor "本书" ("this book"), nor "上下两册" (one book in two volumes).
 */
const bundleWord = new RegExp(`套装|[全共](?:${numeral})[册本卷]|(?<!上下\\s*)(?:[2-9]|[1-9][0-9]|[二两三四五六七八九十]+)\\s*[册本](?:套)?(?![书])`, 'u');
/** Brackets, separators and bundle words: a new segment starts after each. */
const hardBreak = new RegExp(`[【】\\[\\]()（）《》〈〉<>「」『』{}|｜/\\\\,，、;；:：!！?？+＋~～"“”#＃*★☆●◆■◎※—]+|\\s-\\s|(?:${bundleWord.source})`, 'gu');
const joinedBy = /[+＋]/;

const cjkCharacter = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\u30fc]/u;

/**
 * Misspellings sellers make of the Latin words of computing titles, seen in real listings
 * ("pathon", "pythan"). Mended on both sides, so a catalogue that writes one of them still matches.
 */
const misspellings = new Map(
  Object.entries({
    pathon: 'python', pythan: 'python', pyhton: 'python', phyton: 'python', pyton: 'python', pyhon: 'python',
    phthon: 'python', pthon: 'python', javascrpit: 'javascript', javasript: 'javascript', excle: 'excel',
  }),
);

/** Roman numerals right after Chinese (a volume, a sequel), as digits; "i" alone only after 卷, 册, 第 or 部. */
const romanNumerals = ['', 'i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii', 'viii', 'ix', 'x'];
/** The value of a roman numeral token (1–10), else 0. */
function romanAt(token: string): number {
  const c = token.charCodeAt(0);
  return token.length <= 4 && (c === 105 || c === 118 || c === 120) ? Math.max(0, romanNumerals.indexOf(token)) : 0;
}
const volumeWord = /[卷册第部]/;

const isDigits = (token: string) => token.charCodeAt(0) >= 48 && token.charCodeAt(0) <= 57;
const isLatin = (token: string) => !isDigits(token) && token.charCodeAt(0) < 0x2e80;

/**
 * Where a title's volume number stands among its tokens, and how many tokens before it name the
 * set ("java 核心 心技 技术 卷 1 基础 …": number 5, head 4; "三体 2 黑暗 …": 1, 1), or null.
 */
export function volumeOf(texts: readonly string[]): { number: number; head: number } | null {
  const number = texts.findIndex((text, k) => k > 0 && /^\d+$/.test(text));
  if (number < 1) return null;
  return { number, head: /卷$/.test(texts[number - 1]!) ? number - 1 : number };
}

/** A Latin word as it is spelt, where sellers commonly misspell it ("pathon" → "python"). */
export const mendedSpelling = (token: string) => (isLatin(token) ? (misspellings.get(token) ?? token) : token);
/** Whether a token (or any text) holds a Chinese or Japanese character. */
export const isChinese = (text: string) => cjkCharacter.test(text);

/** Tokens of a normalised text and where each starts (scratch arrays, filled anew by each call). */
const raw = { tokens: [] as string[], starts: [] as number[] };

/** Tokens of normalised text, each with where it starts, version numbers glued to a Latin word left out (and kept in `all`). */
function readTokens(key: string, tokens: string[], starts: number[], all?: string[]): void {
  raw.tokens.length = 0;
  raw.starts.length = 0;
  if (plainKey.test(key)) plainTokens(key);
  else {
    let cursor = 0;
    for (const token of tokenise(key)) {
      const at = key.indexOf(token, cursor);
      const start = at >= 0 ? at : cursor;
      // Overlapping bigrams advance one character at a time; other tokens by their length.
      cursor = start + (token.length === 2 && isCjkToken(token) ? 1 : token.length);
      raw.tokens.push(token);
      raw.starts.push(start);
    }
  }
  if (all) for (const token of raw.tokens) all.push(token);
  let afterLatin = false;
  for (let k = 0; k < raw.tokens.length; k++) {
    const token = raw.tokens[k]!;
    const start = raw.starts[k]!;
    // "python 3 5" from "Python3.5", "java 8": a version, not part of the name.
    if (afterLatin && isDigits(token) && token.length <= 2) continue;
    // "卷I", "三体Ⅱ" (NFKC: "ii") as sellers write them: "卷1", "三体2".
    const roman = romanAt(token);
    const asDigits = roman > 0 && (roman > 1 || volumeWord.test(key.charAt(start - 1))) && isCjkToken(key.charAt(start - 1));
    afterLatin = !asDigits && isLatin(token);
    tokens.push(asDigits ? String(roman) : mendedSpelling(token));
    starts.push(start);
  }
}

/** Normalised text of ASCII letters, digits, spaces and common Chinese characters: most listing segments. */
const plainKey = /^[a-z0-9 \u4e00-\u9fff]*$/;

/**
 * `tokenise` for a plain key, with each token's start, in one walk: the listing's hot path.
 * Letter runs, digit runs, and each Chinese run's overlapping bigrams (a lone character itself).
 */
function plainTokens(key: string): void {
  let runStart = 0;
  let kind = 0;
  for (let i = 0; i <= key.length; i++) {
    const c = i < key.length ? key.charCodeAt(i) : 32;
    const now = c === 32 ? 0 : c >= 0x4e00 ? 3 : c <= 57 ? 2 : 1;
    if (now === kind) continue;
    if (kind === 3 && i - runStart === 1) {
      raw.tokens.push(key.charAt(runStart));
      raw.starts.push(runStart);
    } else if (kind === 3) {
      for (let j = runStart; j + 1 < i; j++) {
        raw.tokens.push(key.slice(j, j + 2));
        raw.starts.push(j);
      }
    } else if (kind !== 0) {
      raw.tokens.push(key.slice(runStart, i));
      raw.starts.push(runStart);
    }
    kind = now;
    runStart = i;
  }
}

/** The tokens of a title as catalogue and listing both see them: version numbers out, misspellings mended. */
export function titleTokens(text: string): string[] {
  const tokens: string[] = [];
  const starts: number[] = [];
  for (const piece of spellOutLanguageNames(text.normalize('NFKC')).split(hardBreak)) if (piece) readTokens(matchText(piece), tokens, starts);
  return tokens;
}

export function segmentListing(title: string): ListingTokens {
  const out: ListingTokens = { tokens: [], allTokens: [], segment: [], breakBefore: [], ends: [], bridges: [], segmentTexts: [], segmentKeys: [], colonAfter: [], bracketAfter: [], bundle: false, opensWithNote: false, opensWithSeries: false };
  // "C++" is a name, not two books joined by "+".
  const text = spellOutLanguageNames(title.normalize('NFKC'));
  out.bundle = bundleWord.test(text) || joinedBy.test(text);
  // "【官方正版】…", or a note whose opening bracket the seller left out ("包邮送人物关系图】红楼梦…").
  out.opensWithNote = /^\s*[【\[［]/.test(text) || /^[^【\[［]{1,20}[】\]］]/.test(text);
  out.opensWithSeries = /^[^【\[［(（+＋:：]{2,16}[:：]/.test(text);
  const starts: number[] = [];
  const pieces = text.split(hardBreak);
  const breaks = text.match(hardBreak) ?? [];
  pieces.forEach((piece, k) => {
    const key = piece ? matchText(piece) : '';
    if (key === '') return;
    const s = out.segmentTexts.length;
    out.colonAfter.push(/[:：]/.test(breaks[k] ?? ''));
    out.bracketAfter.push(/[(（[［【〈<]/.test(breaks[k] ?? ''));
    out.segmentTexts.push(piece.trim());
    out.segmentKeys.push(key);
    const from = out.tokens.length;
    readTokens(key, out.tokens, starts, out.allTokens);
    for (let p = from; p < out.tokens.length; p++) {
      const start = starts[p]!;
      out.segment.push(s);
      out.breakBefore.push(p === from || key.charAt(start - 1) === ' ');
      out.ends.push(start + out.tokens[p]!.length);
    }
  });
  for (let p = 1; p < out.tokens.length; p++) {
    const before = out.tokens[p - 1]!;
    const token = out.tokens[p]!;
    if (out.breakBefore[p] && isCjkToken(before) && isCjkToken(token)) out.bridges.push(before.charAt(before.length - 1) + token.charAt(0));
  }
  return out;
}
