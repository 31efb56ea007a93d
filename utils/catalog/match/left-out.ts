/**
 * What a seller's title may leave out of a catalogue title and still name the book: words sellers
 * leave out of every title (superlatives the advertising law forbids, words marketplaces filter),
 * and, in a bundle, words the listing says once for all its books. What is left must still be most
 * of the title; `titleSize` weighs it.
 */
import type { ChineseListing } from './chinese-title';
import { isChinese } from './segments';
import { isCjkToken } from './tokens';

/** Words marketplaces filter: a third of JD's listings for web-scraping books write "用Python写网络" for "用Python写网络爬虫". */
export const wordsMarketplacesFilter = ['爬虫'];
/** Words sellers leave out of a title that holds them: those, and the superlatives China's advertising law forbids in listings. */
export const wordsSellersLeaveOut = ['权威', '最佳', '顶级', '首选', '唯一', ...wordsMarketplacesFilter];
/** Two bigrams one character apart ("网络", "络爬"): the second adds one character to the first. */
export const overlap = (a: string, b: string) => a.length === 2 && b.length === 2 && isCjkToken(a) && isCjkToken(b) && a.charAt(1) === b.charAt(0);

/** Title tokens `from`…`to - 1` spelt out, each bigram adding the one character it does not share: "网络爬虫" of "网络 络爬 爬虫". */
export function spelt(tt: readonly string[], from = 0, to = tt.length): string {
  let text = tt[from] ?? '';
  for (let j = from + 1; j < to; j++) text += overlap(tt[j - 1]!, tt[j]!) ? tt[j]!.slice(1) : tt[j]!;
  return text;
}

/** The characters a run leaves out when it skips title tokens `from`…`to - 1`: "爬虫权威" of "网络|络爬 爬虫 虫权 权威 威指|指南". */
export function leftOut(tt: readonly string[], from: number, to: number): string {
  let text = spelt(tt, from, to);
  if (from > 0 && overlap(tt[from - 1]!, tt[from]!)) text = text.slice(1);
  if (to < tt.length && overlap(tt[to - 1]!, tt[to]!)) text = text.slice(0, -1);
  return isChinese(text) && !/[a-z0-9]/.test(text) ? text : '';
}

/** Characters of `piece` that are words sellers leave out anyway (two-character words). */
export function leftOutAnyway(piece: string): number {
  let count = 0;
  for (let c = 0; c + 1 < piece.length; c += 2) if (wordsSellersLeaveOut.includes(piece.slice(c, c + 2))) count += 2;
  return count;
}

/** A title's size for weighing what a run leaves out: its Chinese characters, and two for each Latin word or number. */
export function titleSize(tt: readonly string[]): number {
  let size = 0;
  tt.forEach((text, k) => (size += !isCjkToken(text) ? 2 : k > 0 && overlap(tt[k - 1]!, text) ? 1 : text.length));
  return size;
}

/**
 * Whether `piece` (Chinese characters) may be missing from a run in listing segment `segment`:
 * read in two-character words, each is one sellers leave out or, in a bundle, one another of its
 * titles says (`segment` null: none may be borrowed).
 */
export function saidElsewhere(listing: ChineseListing, piece: string, segment: number | null): boolean {
  if (piece.length < 2) return false;
  // Only a bundle says a word once for several books, in another of its titles ("实战Python网络爬虫+Python网络指南");
  // a listing of one book repeats its keywords anyway, and a word beside the run is the seller's keyword.
  const keys = listing.read.bundle && segment !== null ? listing.read.segmentKeys : [];
  const saysElsewhere = (text: string) => keys.some((key, s) => s !== segment && key.includes(text));
  if (saysElsewhere(piece)) return true;
  if (piece.length % 2 !== 0) return false;
  for (let c = 0; c < piece.length; c += 2) {
    const word = piece.slice(c, c + 2);
    if (!wordsSellersLeaveOut.includes(word) && !saysElsewhere(word)) return false;
  }
  return true;
}
