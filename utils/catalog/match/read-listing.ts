/**
 * A listing as the matcher reads it: its tokens (as English titles are looked for), its Chinese
 * reading (segments, marketing words, whole runs: chinese-title.ts), its ISBNs, edition numbers and
 * form cues, and the author field a seller filled in.
 */
import { isbn13, isbnsInText } from '../isbn';
import { tokenise } from '../text';
import type { ChineseListing } from './chinese-title';
import { lookupToken } from './dictionary';
import { editionsInText, yearsInText } from './edition';
import { formCues, type FormCues } from './forms';
import { wordsMarketplacesFilter } from './left-out';
import type { ListingLanguage } from './listing-language';
import { isbnKey, type MatchIndex } from './match-index';
import { publisherInTitle, publisherKey } from './publishers';
import { isChinese, mendedSpelling, segmentListing, type ListingTokens } from './segments';
import { isCjkToken, matchText, matchTokens } from './tokens';
import type { ListingText } from './types';

export interface ReadListing {
  ids: Int32Array;
  /** Token ids of the listing's author field, where a seller put one. */
  authorIds: Int32Array;
  authorIsLatin: boolean;
  editions: number[];
  /** The years it names, as year-edition codes (edition.ts): a year's exam guide is not the next year's. */
  years: number[];
  isbns: Map<number, string>;
  /** The listing read for Chinese titles (segments, whole runs), when it holds Chinese at all. */
  chinese: ChineseListing | null;
  forms: FormCues;
  language: ListingLanguage;
  /** The publisher the listing names (publishers.ts key): its 出版社 field, else the one house its title names. */
  publisher: string | null;
  /** Editions already read for a title ending at a token (editionsNear), as candidates share their titles. */
  editionsAfter: Map<number, number[]>;
}

/**
 * What sellers write before a product's name: "正版", "现货", "包邮", "全新", "官方", "新华书店"…
 * and the bigrams across them when glued ("正版现货" holds "版现"). Title words are as common in
 * listings as these, so commonness cannot tell them apart; the seller's own vocabulary can.
 */
const sellerWords = new Set(
  ('正版 现货 包邮 全新 官方 旗舰 预售 特价 促销 速发 新书 正品 自营 图书 书籍 新华 华书 书店 当当 京东 ' +
    '版现 货正 新正 邮正 版包 邮现 货包 方正 版图 版书 货速 现书 赠品 送书 包送 现发 发货 官网 原装 店铺 ' +
    // Publishers sellers name before the title ("人邮官方正版", "人民邮电 Python网络爬虫…").
    '人邮 邮官 人民 民邮 邮电 电出 出版 版社 社官 机工 工官 清华 华社 ' +
    // What kind of book it is, written after its name ("…原理 小说 正版", "红楼梦原著无删减").
    '小说 教材 原著 足本 无删 删减').split(' '),
);

/** What candidates are chosen by: the listing's tokens and ISBNs, read before anything else. */
export interface ListingKeys {
  normalised: string;
  ids: Int32Array;
  /** Ids a Chinese title may be found by beyond the listing's tokens (glued Latin words split): misspellings mended, bigrams across the seller's spaces. */
  extraIds: Int32Array;
  isbns: Map<number, string>;
  /** A Chinese listing's segments and tokens (read once for its candidates and its matching), and their ids. */
  read: ListingTokens | null;
  readIds: Int32Array | null;
}

function lookup(index: MatchIndex, tokens: readonly string[]): Int32Array {
  const ids = new Int32Array(tokens.length);
  for (let k = 0; k < tokens.length; k++) ids[k] = lookupToken(index.tokens, tokens[k]!);
  return ids;
}

const acrossSpace = /([\u4e00-\u9fff]) (?=([\u4e00-\u9fff]))/g;
/** The last character of each Chinese stretch: where a title may end with words its seller left out. */
const stretchEnd = /[\u4e00-\u9fff](?![\u4e00-\u9fff])/g;

export function listingKeys(index: MatchIndex, listing: ListingText): ListingKeys {
  let normalised: string;
  let tokens: readonly string[];
  let read: ListingTokens | null = null;
  const extra: string[] = [];
  if (isChinese(listing.title)) {
    read = segmentListing(listing.title);
    unglue(index, read);
    normalised = read.segmentKeys.join(' ');
    // Its Chinese reading drops the version numbers after Latin words ("Python3"); its Latin
    // titles keep theirs ("Saga Vol 4"), so candidates and Latin titles go by all its tokens.
    tokens = unglued(index, read.allTokens);
    for (const token of read.tokens) {
      const mended = mendedSpelling(token);
      if (mended !== token) extra.push(mended);
    }
    for (const m of normalised.matchAll(acrossSpace)) extra.push(m[1]! + m[2]!);
    // "玩转Python网络 P" for "玩转Python网络爬虫": its title's rarest tokens may be the ones left out.
    for (const word of wordsMarketplacesFilter) {
      extra.push(word);
      for (const m of normalised.matchAll(stretchEnd)) extra.push(m[0] + word.charAt(0));
    }
  } else {
    normalised = matchText(listing.title);
    tokens = tokenise(normalised);
  }
  const isbns = new Map<number, string>();
  const fieldIsbn = listing.isbn ? isbn13(listing.isbn) : null;
  for (const isbn of [...(fieldIsbn ? [fieldIsbn] : []), ...isbnsInText(listing.title)]) isbns.set(isbnKey(isbn), isbn);
  return { normalised, ids: lookup(index, tokens), extraIds: lookup(index, extra), isbns, read, readIds: read ? lookup(index, read.tokens) : null };
}

/**
 * The catalogue's words a Latin word is glued from ("primerplus" → "primer", "plus"; "dpython", a
 * shop's letter before "python"), where the word itself is no catalogue word: some shops and
 * scrapers drop the spaces between Latin words ("C++PrimerPlus第6版"). Three words at most. The
 * word's pieces are looked up where they stand: a listing's unknown words would otherwise cut a
 * string for every place a piece could end.
 */
function gluedWords(index: MatchIndex, token: string, from = 0, depth = 0): string[] | null {
  // Most tokens are Chinese bigrams or short: nothing to look up.
  const c = token.charCodeAt(from);
  const length = token.length - from;
  if (depth === 0 && (c < 97 || c > 122 || length < 4)) return null;
  if (lookupToken(index.tokens, token, from) >= 0) return depth === 0 ? null : [token.slice(from)];
  // Letters only (what the whole word is, each piece of it is).
  if (depth === 2 || length < 4 || (depth === 0 && !/^[a-z]+$/.test(token))) return null;
  for (let cut = token.length - 1; cut >= from + 1; cut--) {
    if (lookupToken(index.tokens, token, from, cut) < 0) continue;
    const rest = gluedWords(index, token, cut, depth + 1);
    if (rest) return [token.slice(from, cut), ...rest];
  }
  return null;
}

/** `tokens` with each Latin word glued from catalogue words split (gluedWords). */
function unglued(index: MatchIndex, tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (const token of tokens) {
    const parts = gluedWords(index, token);
    if (parts) out.push(...parts);
    else out.push(token);
  }
  return out;
}

/** Splits the Latin words of a Chinese reading that are glued from catalogue words (gluedWords), in place. */
function unglue(index: MatchIndex, read: ListingTokens): void {
  for (let p = read.tokens.length - 1; p >= 0; p--) {
    const parts = gluedWords(index, read.tokens[p]!);
    if (!parts) continue;
    let start = read.ends[p]! - read.tokens[p]!.length;
    const ends = parts.map((part) => (start += part.length));
    read.tokens.splice(p, 1, ...parts);
    read.segment.splice(p, 1, ...parts.map(() => read.segment[p]!));
    read.breakBefore.splice(p, 1, read.breakBefore[p]!, ...parts.slice(1).map(() => false));
    read.ends.splice(p, 1, ...ends);
  }
}

/**
 * The rest of the reading, for a listing that has candidates (most listings on a page have none):
 * its Chinese segments, editions, form cues, author field and publisher.
 */
export function readListing(index: MatchIndex, listing: ListingText, language: ListingLanguage, keys: ListingKeys): ReadListing {
  const { normalised } = keys;
  const author = listing.author?.trim() ?? '';
  let chinese: ChineseListing | null = null;
  if (keys.read) {
    const read = keys.read;
    const marketing = new Uint8Array(read.tokens.length);
    read.tokens.forEach((token, p) => {
      const shopCode = p === 0 && read.segment[1] === 0 && /^[a-z]{1,5}$/.test(token);
      if (sellerWords.has(token) || shopCode || (read.opensWithNote && read.segment[p] === 0)) marketing[p] = 1;
    });
    chinese = { read, ids: keys.readIds!, bridgeIds: lookup(index, read.bridges), marketing, text: normalised };
  }
  return {
    ids: keys.ids,
    authorIds: lookup(index, author ? matchTokens(author) : []),
    authorIsLatin: /[a-z]{2}/i.test(author),
    editions: editionsInText(normalised),
    years: yearsInText(normalised),
    isbns: keys.isbns,
    chinese,
    // A Chinese listing's segment keys leave out its set markers ("套装全二册"): its volumes are read from the whole title.
    forms: formCues(normalised, chinese ? matchText(listing.title) : normalised),
    language,
    publisher: (listing.publisher ? publisherKey(listing.publisher) : null) ?? (chinese ? publisherInTitle(normalised) : null),
    editionsAfter: new Map(),
  };
}

/** Characters between a title and the edition cue that belongs to it: "Python基础教程 第3版", "…实践（原书第2版）". */
const cueReach = 6;

/**
 * Edition numbers that speak for a Chinese title whose last token is at `last`: the first cue
 * right after it ("Python基础教程 第3版"), or in the short segment after its own ("Java从入门到精通
 * (第6版)"). A listing that sells one book names its edition anywhere, and its first is the
 * product's; in a bundle a "第3版" further on belongs to another of its books. A listing read
 * without Chinese titles: every edition it names.
 */
export function editionsNear(listing: ReadListing, last: number | null): number[] {
  if (last === null || !listing.chinese) return listing.editions;
  let editions = listing.editionsAfter.get(last);
  if (!editions) listing.editionsAfter.set(last, (editions = editionsAfter(listing, last)));
  return editions;
}

function editionsAfter(listing: ReadListing, last: number): number[] {
  if (!listing.chinese) return listing.editions;
  const read = listing.chinese.read;
  const segment = read.segment[last]!;
  const key = read.segmentKeys[segment]!;
  const after = key.slice(read.ends[last]!);
  // A number glued to a Chinese title is its edition or its sequel's ("从入门到实践2+快速上手2", "漫画算法2").
  const glued = /^([2-9])(?![0-9册本卷套部年岁级])/.exec(after);
  if (glued && isCjkToken(read.tokens[last]!)) return [Number(glued[1])];
  const own = editionsInText(after);
  if (own.length > 0 && after.search(/\d|第|原书/) <= cueReach) return own.slice(0, 1);
  const next = read.segmentKeys[segment + 1] ?? '';
  if (next.length <= cueReach) {
    const cue = editionsInText(next);
    if (cue.length > 0 && after.trim().length <= cueReach) return cue.slice(0, 1);
  }
  return read.bundle ? [] : listing.editions.slice(0, 1);
}

/** Whether the listing's title names `token`; in a bundle (`segment` given), within that segment. */
export function namedIn(listing: ReadListing, token: number, segment: number | null): boolean {
  const chinese = listing.chinese;
  if (segment === null || !chinese) return listing.ids.includes(token) || (chinese?.ids.includes(token) ?? false);
  return chinese.ids.some((id, p) => id === token && chinese.read.segment[p] === segment);
}

