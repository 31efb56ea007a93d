/**
 * Finding a Chinese catalogue title in a seller's title. Chinese titles are written without
 * spaces and sellers surround them with marketing phrases, so a title is looked for whole: its
 * tokens as one unbroken run inside one segment ("Python基础教程" in "Python基础教程（第3版）
 * Python3.5编程从入门到实践…"). Where it opens the listing (after words such as "正版现货" that every
 * listing carries) and ends at a break, it is the product's name: strong evidence even for a short
 * title, provided the title says more than sellers' phrases do (listing-language.ts).
 *
 * A run may cross the seller's spaces and the title's own separators ("Python编程：从入门到实践"
 * sold as "Python编程从入门到实践"), and may leave out one short piece inside a long title. Words
 * sellers leave out anyway may be missing wherever they stand (left-out.ts: "用Python写网络" for
 * "用Python写网络爬虫", "Python网络指南" for "Python网络爬虫权威指南"), and so may a word another of a
 * bundle's titles says once for all ("实战Python网络爬虫+Python网络指南"): the title is then whole in
 * what the listing says. A title the marketplace cut short at the listing's end, or a bundle's
 * title without its first word ("…+核心编程 第3版"), counts for what is shown of it.
 */
import { leftOut, leftOutAnyway, overlap, saidElsewhere, titleSize, wordsSellersLeaveOut } from './left-out';
import { volumeAfter } from './after-run';
import { volumeOf, type ListingTokens } from './segments';
import { isCjkToken } from './tokens';

export interface ChineseTitleHit {
  /** Listing token positions the title covers. */
  positions: number[];
  segment: number;
  /** All of the title's tokens in one unbroken run (else most of them, in order, one gap at most). */
  whole: boolean;
  /** A piece of up to two characters inside the title is missing from the run (and from the listing). */
  elided: boolean;
  /** The listing ends inside the title: the marketplace cut it short ("…数据清洗与可视"). */
  cutOff: boolean;
  /** Words only another of the bundle's titles says are missing from the run ("实战Python网络爬虫+Python网络指南"). */
  borrowed: boolean;
  /** The run opens the listing (or, in a bundle, its segment), after marketing words only, and ends at a break. */
  leading: boolean;
  /** The run opens the listing or segment, wherever it ends ("网络爬虫实战胡松涛": the author's name may follow). */
  opens: boolean;
  /** A bundle's title written between breaks ("2本 Python基础教程 Python编程从入门到实践"): one of its books, unless it is only a title's first part. */
  spaced: boolean;
}

/**
 * What may follow a product name without being part of it: an edition ("第3版", "原书", "修订版"), a
 * form ("影印版", "英文版"), volumes ("上下册", "全2册", "套装"). "上机实验" after "C语言程序设计" is not.
 */
const nameEnd = /^(?:第|原书|修订|影印|英文|中文|全[0-9一二两三四五六七八九十]|套装|[0-9一二三四五六七八九十]*版|上下|[上中下][册卷]|[册卷]|新版)/;

/** The listing, read for Chinese titles: its tokens, their ids in the index, and which are marketing. */
export interface ChineseListing {
  read: ListingTokens;
  ids: Int32Array;
  /** Ids of the bigrams the seller's breaks cut (candidates only). */
  bridgeIds: Int32Array;
  /** Whether each token is one sellers write everywhere ("正版", "现货", a shop's short code). */
  marketing: Uint8Array;
  /** The listing's normalised text, segments joined by spaces. */
  text: string;
}

/** A title to look for: its token ids and their text. */
export interface TitleTokens {
  ids: readonly number[];
  texts: readonly string[];
}

/** `bigram` joins the last character of `before` to the first of `after`: it spans a break one side wrote and the other did not. */
function straddles(bigram: string, before: string, after: string): boolean {
  return bigram.length === 2 && isCjkToken(bigram) && bigram.charAt(0) === before.charAt(before.length - 1) && bigram.charAt(1) === after.charAt(0);
}

/**
 * A title's tokens as written without its breaks: "Python编程 从入门到实践" read as "Python编程从入门到实践",
 * the bigram across each break put back. Two catalogues that space one title differently then
 * measure it alike, and as the listing, which seldom keeps the cover's breaks, writes it.
 */
export function withoutBreaks(texts: readonly string[]): string[] {
  const joined: string[] = [];
  texts.forEach((text, k) => {
    const before = texts[k - 1];
    if (before && before.length === 2 && text.length === 2 && isCjkToken(before) && isCjkToken(text) && before.charAt(1) !== text.charAt(0)) {
      joined.push(before.charAt(1) + text.charAt(0));
    }
    joined.push(text);
  });
  return joined;
}

/** Longest piece (in title tokens) a run may leave out: two characters' worth of bigrams. */
const maxElided = 3;
/** Only titles this long (in tokens) may have a piece left out: what remains must still name the book. */
const minTokensToElide = 6;

/** Longest piece (in title tokens) that may be left out where the listing says it elsewhere: two two-character words. */
const maxSaidElsewhere = 5;
/** Title tokens a run must keep where it leaves out the title's last words: what remains must still name the book. */
const minKeptBeforeEnd = 3;
/** Size (titleSize) a run must keep of a title the marketplace cut off at the listing's end. */
const minKeptWhereCut = 6;
/** Size (titleSize) a run must keep of a title whose first word the seller left out. */
const minKeptWithoutFirstWord = 4;

interface Run {
  positions: number[];
  elided: boolean;
  cutOff: boolean;
  borrowed: boolean;
}

/** The title's tokens in order from listing position `at`, crossing breaks either side wrote, one short piece left out at most. */
function runFrom(listing: ChineseListing, title: TitleTokens, at: number, strict: boolean): Run | null {
  const { ids, read } = listing;
  const t = title.ids;
  const tt = title.texts;
  const positions: number[] = [];
  let elided = false;
  // Characters left out as words sellers leave out or the bundle says elsewhere.
  let unsaid = 0;
  // Of those, characters only the bundle's other titles say.
  let borrowed = 0;
  let i = at;
  let k = 0;
  while (k < t.length) {
    if (i < ids.length && ids[i] === t[k]) {
      positions.push(i++);
      k++;
      continue;
    }
    if (k === 0) return null;
    const here = i < ids.length ? read.tokens[i]! : '';
    // The listing wrote without a break where the title has one: its bigram across it is extra.
    if (straddles(here, tt[k - 1]!, tt[k]!)) {
      i++;
      continue;
    }
    // The title wrote without a break where the listing has one: the title's bigram across it is missing.
    if (k + 1 < t.length && straddles(tt[k]!, tt[k - 1]!, tt[k + 1]!) && ids[i] === t[k + 1]) {
      k++;
      continue;
    }
    // A title already read without a word must be whole in what is left of it.
    if (strict) return null;
    // The title's last words left out where the listing's name ends ("用Python写网络 第2版").
    const end = k >= minKeptBeforeEnd ? leftOut(tt, k, t.length) : '';
    if (end !== '' && saidElsewhere(listing, end, null) && endsAtBreak(listing, positions.at(-1)!)) {
      unsaid += end.length;
      break;
    }
    if (i >= ids.length) {
      // The marketplace cut the listing's title short ("…Python 3 数据清洗与可视"): most of the title is there.
      const kept = titleSize(tt.slice(0, k));
      return !elided && kept >= minKeptWhereCut && 4 * kept >= 3 * titleSize(tt) ? { positions, elided: false, cutOff: true, borrowed: borrowed > 0 } : null;
    }
    // Words the listing says elsewhere: the title resumes d tokens on, at the listing's token or across its break.
    let spoken = false;
    for (let d = 1; d <= maxSaidElsewhere && k + d < t.length; d++) {
      const across = straddles(here, tt[k - 1]!, tt[k + d]!);
      const piece = !across && ids[i] !== t[k + d] ? '' : leftOut(tt, k, k + d);
      if (!saidElsewhere(listing, piece, read.segment[at]!)) continue;
      unsaid += piece.length;
      borrowed += piece.length - leftOutAnyway(piece);
      k += d;
      if (across) i++;
      spoken = true;
      break;
    }
    if (spoken) continue;
    if (elided || t.length < minTokensToElide) return null;
    let resumed = false;
    for (let d = 1; d <= maxElided && k + d < t.length - 1; d++) {
      if (ids[i] === t[k + d]) {
        k += d;
      } else if (straddles(here, tt[k - 1]!, tt[k + d]!)) {
        k += d;
        i++;
      } else continue;
      resumed = elided = true;
      break;
    }
    if (!resumed) return null;
  }
  // What the run keeps must be most of the title ("Python基础" does not name "Python爬虫实战基础"),
  // and two thirds of it where words only another title says are missing ("Python编程" is not
  // "Python核心编程" in a bundle that sells "核心编程 第3版").
  if (unsaid === 0) return { positions, elided, cutOff: false, borrowed: false };
  const size = titleSize(tt);
  return 2 * unsaid < size && 3 * borrowed < size ? { positions, elided, cutOff: false, borrowed: borrowed > 0 } : null;
}

function opensSegment(listing: ChineseListing, at: number, bundle: boolean): boolean {
  const { read, marketing } = listing;
  const segment = read.segment[at]!;
  for (let p = at - 1; p >= 0; p--) {
    if (bundle && read.segment[p] !== segment) break;
    // "作家榜经典：月亮与六便士（…）": the series before the colon is not the product's name.
    if (read.opensWithSeries && segment === 1 && read.segment[p] === 0) break;
    // "现货正版色盲检查图": the bigram across seller's words and title ("版色") is neither.
    if (p === at - 1 && !read.breakBefore[at] && straddles(read.tokens[p]!, read.tokens[p - 1] ?? '', read.tokens[at]!)) continue;
    if (!marketing[p]) return false;
  }
  return true;
}

function endsAtBreak(listing: ChineseListing, last: number): boolean {
  const { read, marketing } = listing;
  const after = read.segmentKeys[read.segment[last]!]!.slice(read.ends[last]!);
  if (after === '' || after.startsWith(' ') || !isCjkToken(after) || nameEnd.test(after)) return true;
  // Seller's words glued on ("激光物理基础全新包邮"), past the bigram across title and word ("础全").
  const next = read.tokens[last + 1] !== undefined && straddles(read.tokens[last + 1]!, read.tokens[last]!, read.tokens[last + 2] ?? '') ? last + 2 : last + 1;
  return marketing[next] === 1;
}

/** The best place of a title in the listing as one run, or null. */
export function wholeTitleRun(listing: ChineseListing, title: TitleTokens): ChineseTitleHit | null {
  const run = bestRun(listing, title);
  if (run && !partial(run) && (run.leading || run.spaced)) return run;
  // A name without its first word is a better place than the title's words among others.
  return headlessRun(listing, title) ?? run ?? (listing.read.bundle ? volumeRun(listing, title) : null);
}

function bestRun(listing: ChineseListing, title: TitleTokens, strict = false): ChineseTitleHit | null {
  if (title.ids.length === 0) return null;
  const { ids, read } = listing;
  let best: ChineseTitleHit | null = null;
  for (let at = 0; at < ids.length; at++) {
    if (ids[at] !== title.ids[0]) continue;
    const run = runFrom(listing, title, at, strict);
    if (!run) continue;
    const opens = opensSegment(listing, at, read.bundle);
    const ends = endsAtBreak(listing, run.positions.at(-1)!);
    const leading = opens && ends;
    const spaced = read.bundle && read.breakBefore[at]! && ends;
    const hit = { positions: run.positions, segment: read.segment[at]!, whole: true, elided: run.elided, cutOff: run.cutOff, borrowed: run.borrowed, leading, opens, spaced };
    const better = !best || (partial(best) && !partial(hit)) || (partial(best) === partial(hit) && (leading || spaced) && !best.leading && !best.spaced);
    if (better) best = hit;
    if (leading && !partial(hit)) break;
  }
  return best;
}

const partial = (hit: ChineseTitleHit) => hit.elided || hit.cutOff;

/** A title's first `tokens` tokens, spelling `word`, which a listing may leave out if `part` / `whole` of the title is left. */
interface Head {
  tokens: number;
  word: string;
  /** Whether sellers leave it out outside bundles too; otherwise only a bundle says it once for all its books. */
  mayGoAlone: boolean;
  part: number;
  whole: number;
}

/** A title's first word: a Latin word, or a two-character word and the bigram after it. */
function firstWord(tt: readonly string[]): Head | null {
  if (tt.length < 3) return null;
  const tokens = !isCjkToken(tt[0]!) ? 1 : tt[0]!.length === 2 && overlap(tt[0]!, tt[1]!) ? 2 : 0;
  return tokens === 0 ? null : { tokens, word: tt[0]!, mayGoAlone: wordsSellersLeaveOut.includes(tt[0]!), part: 2, whole: 3 };
}

/** A Latin word and the two-character word after it ("Python编程" of "Python编程快速上手"). */
function latinHead(tt: readonly string[]): Head | null {
  const found = tt.length > 4 && !isCjkToken(tt[0]!) && isCjkToken(tt[1]!) && tt[1]!.length === 2 && overlap(tt[1]!, tt[2]!);
  return found ? { tokens: 3, word: tt[0]! + tt[1]!, mayGoAlone: false, part: 1, whole: 2 } : null;
}

/**
 * The title without its first word, where a name starts: sellers drop the word a bundle says for
 * all its books ("Python编程入门到实践+核心编程 第3版") or a marketplace filters ("实战 从数据到产品"
 * for "爬虫实战：从数据到产品"); two thirds of the title must be left. A bundle may also say a Latin
 * word and the word after it once for all ("Python编程三剑客：…+快速上手第2版"): half must be left.
 * Read as a title cut short: it says only what was found of it.
 */
function headlessRun(listing: ChineseListing, title: TitleTokens): ChineseTitleHit | null {
  return withoutHead(listing, title, firstWord(title.texts)) ?? withoutHead(listing, title, latinHead(title.texts));
}

function withoutHead(listing: ChineseListing, title: TitleTokens, head: Head | null): ChineseTitleHit | null {
  if (!head || !(head.mayGoAlone || (listing.read.bundle && listing.text.includes(head.word)))) return null;
  const rest = { ids: title.ids.slice(head.tokens), texts: title.texts.slice(head.tokens) };
  const kept = titleSize(rest.texts);
  if (kept < minKeptWithoutFirstWord || head.whole * kept < head.part * titleSize(title.texts)) return null;
  const hit = bestRun(listing, rest, true);
  if (!hit || partial(hit) || !(hit.opens || listing.read.breakBefore[hit.positions[0]!])) return null;
  return { ...hit, cutOff: true };
}

/**
 * A set sold by its name for its volumes: "Java核心技术第11版套装共2册" sells "Java核心技术 卷I 基础知识"
 * and "卷II", "三体（纪念版）（套装共3册）" sells "三体Ⅱ：黑暗森林". The title's head before its volume
 * number must name the bundle, and the listing must not name another volume after it.
 */
function volumeRun(listing: ChineseListing, title: TitleTokens): ChineseTitleHit | null {
  const volume = volumeOf(title.texts);
  if (!volume || volume.head === 0) return null;
  const head = { ids: title.ids.slice(0, volume.head), texts: title.texts.slice(0, volume.head) };
  if (titleSize(head.texts) < 2) return null;
  const hit = bestRun(listing, head, true);
  if (!hit || partial(hit) || !hit.leading) return null;
  const named = volumeAfter(listing, hit.positions.at(-1)!);
  return named !== null && named !== title.texts[volume.number] ? null : { ...hit, cutOff: true };
}
