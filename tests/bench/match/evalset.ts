/**
 * The labelled evaluation set, built reproducibly from a seed:
 *
 * - positives: listings written the way pirate listings are, for catalogue entries (Springer's
 *   textbooks above all, then DOAB, goodbooks and Book-Crossing): Chinese keyword stuffing around
 *   the English title, ISBNs glued to other digits or in the ISBN field, 影印/英文原版/第N版,
 *   Chinese titles (Simplified and Traditional), full-width letters, titles without their
 *   subtitle, and listings of another edition (labelled as matches of the entry: the same work,
 *   which the representative wants to see, expected at a lower confidence);
 * - negatives: the real Chinese listings of ../shared/data (Taobao, Dangdang, Douban), less those
 *   that are in the catalogue after all (same ISBN, or same title and author), plus listings of
 *   other books that share a generic catalogue title ("Microeconomics" by another author).
 *
 * A positive's expected matches are its entry and the entries that are the same work: sharing an
 * ISBN, or the same title (series note aside) and an author's surname.
 */
import traditionalPairs from 'opencc-js/dict/STCharacters';
import { isbn10 } from '../../../utils/catalog/isbn';
import { isbnsInText, isbn13 } from '../../../utils/catalog/isbn';
import { nameKey } from '../../../utils/catalog/match/authors';
import { stopwords } from '../../../utils/catalog/match/score';
import { matchTokens } from '../../../utils/catalog/match/tokens';
import type { ListingText } from '../../../utils/catalog/match';
import type { CatalogueEntry } from '../../../utils/catalog/schema';
import { chineseTitles } from './chinese-titles';
import type { RealCatalogue } from './catalogues';
import { realListings } from './listings';

export interface LabelledListing {
  listing: ListingText;
  /** How the listing was written ("negative:taobao", "en-stuffed", "isbn-glued", …). */
  kind: string;
  /** "catalogueId/entryId" of every entry that is a right match; empty for a negative. */
  expected: Set<string>;
}

export const entryKey = (catalogueId: string, entryId: string) => `${catalogueId}/${entryId}`;

export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The catalogues with the Chinese titles of chinese-titles.ts added, as a publisher would register them. */
export function withChineseTitles(catalogues: RealCatalogue[]): RealCatalogue[] {
  return catalogues.map((catalogue) => ({
    ...catalogue,
    entries: catalogue.entries.map((entry) => {
      const zh = chineseTitles[entry.title];
      return zh ? { ...entry, otherTitles: [...entry.otherTitles, { language: 'zh', title: zh }] } : entry;
    }),
  }));
}

let simplifiedToTraditional: Map<string, string> | undefined;
function traditional(text: string): string {
  simplifiedToTraditional ??= new Map(traditionalPairs.split('|').map((pair) => [pair.split(' ')[0]!, pair.split(' ')[1]!] as const));
  return [...text].map((c) => simplifiedToTraditional!.get(c) ?? c).join('');
}

const fullWidth = (text: string) => text.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const seriesNote = /\s*[(（[].*$/;
/** A title as a comparable key: tokens without the series note and without function words. */
export const titleKey = (title: string) =>
  matchTokens(title.replace(seriesNote, ''))
    .filter((t) => !stopwords.has(t))
    .join(' ');
/** Distinctive words a listing shows: fewer than three, and a title alone names several books. */
const shortTitle = (title: string) => (/[\u4e00-\u9fff]/.test(title) ? title.replace(/[^\u4e00-\u9fff]/g, '').length <= 4 : titleKey(title).split(' ').filter((t) => t !== '').length <= 2);
const cjkAt = (text: string, at: number) => /[\u2e80-\u9fff\u3000-\u303f【】]/.test(text.charAt(at));
const surnames = (entry: CatalogueEntry) =>
  entry.contributors.flatMap((c) => {
    const key = nameKey(c.name);
    return key ? [matchTokens(key).join(' ')] : [];
  });

const before = ['现货', '正版', '包邮', '【现货】', '【官方正版】', '全新正版', '现货速发', '进口原版', '外文书', '正版书籍', '包邮正版', '新书'];
const around = ['英文原版', '影印版', '英文版', '原版进口', '大学教材', '研究生教材', '国外经典教材', '经典教材', '平装', '精装', '进口图书', '原版书', '英文原版教材', 'Paperback', 'Hardcover', 'English', 'Springer', '世界图书出版公司', '科学出版社', '清华大学出版社', '机械工业出版社', '书籍', '教材', '热销', '正版保证'];
const zhAround = ['中文版', '中译本', '正版', '现货', '包邮', '书籍', '小说', '经典', '全新', '正版图书', '畅销书', '原著', '全译本'];
const ordinal = (n: number) => `${n}${n % 10 === 1 && n !== 11 ? 'st' : n % 10 === 2 && n !== 12 ? 'nd' : n % 10 === 3 && n !== 13 ? 'rd' : 'th'}`;
const editionWords = ['', 'First', 'Second', 'Third', 'Fourth', 'Fifth', 'Sixth', 'Seventh', 'Eighth', 'Ninth', 'Tenth'];
const zhNumbers = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

function editionOf(entry: CatalogueEntry): number | null {
  const m = /^(\d{1,2})(?:st|nd|rd|th)\s+ed/i.exec(entry.edition ?? '');
  return m ? Number(m[1]) : null;
}

export function evaluationSet(catalogues: RealCatalogue[], seed: number): LabelledListing[] {
  const rnd = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
  const some = <T>(items: readonly T[], count: number) => Array.from({ length: count }, () => pick(items));
  const chance = (p: number) => rnd() < p;

  // Who is the same work as whom: shared ISBN, or same title and a shared surname (or no authors).
  const byIsbn = new Map<string, string[]>();
  const byTitle = new Map<string, Array<{ key: string; surnames: string[] }>>();
  /** The same, by the title cut before its subtitle: a listing showing only that could be any of them. */
  const byCut = new Map<string, Array<{ key: string; surnames: string[] }>>();
  for (const catalogue of catalogues) {
    for (const entry of catalogue.entries) {
      const key = entryKey(catalogue.id, entry.id);
      for (const isbn of entry.isbns) byIsbn.set(isbn, [...(byIsbn.get(isbn) ?? []), key]);
      for (const title of new Set([entry.title, ...entry.otherTitles.map((t) => t.title)].map(titleKey))) {
        byTitle.set(title, [...(byTitle.get(title) ?? []), { key, surnames: surnames(entry) }]);
      }
      const cut = titleKey(entry.title.split(/[:：]/)[0]!);
      byCut.set(cut, [...(byCut.get(cut) ?? []), { key, surnames: surnames(entry) }]);
    }
  }
  const sameWork = (catalogueId: string, entry: CatalogueEntry, shownTitle?: string) => {
    const keys = new Set([entryKey(catalogueId, entry.id)]);
    for (const isbn of entry.isbns) for (const key of byIsbn.get(isbn) ?? []) keys.add(key);
    const mine = surnames(entry);
    const related = [...(byTitle.get(titleKey(entry.title)) ?? []), ...(shownTitle ? (byCut.get(titleKey(shownTitle)) ?? []) : [])];
    for (const other of related) {
      if (mine.length === 0 || other.surnames.length === 0 || other.surnames.some((s) => mine.includes(s))) keys.add(other.key);
    }
    return keys;
  };

  const out: LabelledListing[] = [];
  let n = 0;
  const add = (kind: string, title: string, expected: Set<string>, fields: Partial<ListingText> = {}) =>
    out.push({ listing: { id: String(++n), title, ...fields }, kind, expected });
  /** Sellers often glue Chinese and Latin text together ("正版Fundamentals of …英文原版"), never two English words. */
  const join = (parts: string[]) => {
    const glue = chance(0.3);
    return parts
      .filter((p) => p !== '')
      .reduce((text, part) => (text === '' ? part : glue && (cjkAt(text, text.length - 1) || cjkAt(part, 0)) ? text + part : `${text} ${part}`), '');
  };

  const englishListing = (catalogueId: string, entry: CatalogueEntry, edition: number | null, kind: string) => {
    let title = entry.title.replace(seriesNote, '');
    // Academic titles are often sold without their subtitle (but not without their volume number).
    const subtitle = title.split(/[:：]/)[1]?.trim() ?? '';
    if (subtitle && !/^(vol|volume|part|band|tome|book)\b/i.test(subtitle) && chance(0.5)) title = title.split(/[:：]/)[0]!;
    const shown = title;
    const style = rnd();
    if (style < 0.15) title = title.toLowerCase();
    else if (style < 0.22) title = title.toUpperCase();
    else if (style < 0.27) title = fullWidth(title);
    else if (style < 0.4) title = title.replace(/[:,'’.]/g, '');
    const surname = entry.contributors[0] ? nameKey(entry.contributors[0].name) : null;
    // A short title alone names several books: such a listing is a positive only with its author.
    const short = shortTitle(shown);
    const author = surname && (short || chance(0.6)) ? (chance(0.5) ? surname : entry.contributors[0]!.name) : '';
    if (short && !author) kind = 'ambiguous:short-title-alone';
    const editionText =
      edition === null
        ? ''
        : pick([`第${edition}版`, `原书第${edition}版`, `第${zhNumbers[edition] ?? edition}版`, `${ordinal(edition)} Edition`, `${ordinal(edition)} ed.`, `${editionWords[edition] ?? ordinal(edition)} Edition`, `${edition}e`]);
    const parts = [...some(before, 1 + Math.floor(rnd() * 2)), title, author, editionText, ...some(around, 2 + Math.floor(rnd() * 3))];
    // Sellers move the author and edition around the title.
    if (chance(0.3)) parts.splice(1, 0, parts.splice(3, 1)[0]!);
    // Without the author, a title the catalogue holds twice (two books by different authors) could be either.
    const expected = sameWork(catalogueId, entry, shown);
    if (!author) for (const other of byTitle.get(titleKey(shown)) ?? []) expected.add(other.key);
    add(kind, join(parts), expected);
  };

  const isbnListing = (catalogueId: string, entry: CatalogueEntry) => {
    const isbn = pick(entry.isbns);
    const expected = sameWork(catalogueId, entry);
    const noise = join([...some(before, 2), ...some(around, 2)]);
    const style = rnd();
    if (style < 0.35) add('isbn-glued', `${noise}${pick(['2023', '2024', '99', '0', '12'])}${isbn}${pick(['', '0', '58', '包邮'])}`, expected);
    else if (style < 0.55) add('isbn-glued', `${noise} ISBN:${isbn.slice(0, 3)}-${isbn.slice(3, 4)}-${isbn.slice(4, 7)}-${isbn.slice(7, 12)}-${isbn.slice(12)}`, expected);
    else if (style < 0.7 && isbn10(isbn)) add('isbn10-in-title', `${noise} ${isbn10(isbn)}`, expected);
    else add('isbn-field', noise, expected, { isbn: chance(0.5) || !isbn10(isbn) ? isbn : isbn10(isbn)! });
  };

  const chineseListing = (catalogueId: string, entry: CatalogueEntry) => {
    const zh = entry.otherTitles.find((t) => t.language === 'zh')!.title;
    const edition = editionOf(entry);
    const useTraditional = chance(0.3);
    const parts = [...some(before, 1), useTraditional ? traditional(zh) : zh, edition && chance(0.5) ? `原书第${edition}版` : '', ...some(zhAround, 2 + Math.floor(rnd() * 2))];
    const kind = shortTitle(zh) ? 'ambiguous:short-title-alone' : useTraditional ? 'zh-title-traditional' : 'zh-title';
    add(kind, join(parts), sameWork(catalogueId, entry));
  };

  for (const catalogue of catalogues) {
    const share = catalogue.id.startsWith('springer') ? 1 : catalogue.id.startsWith('bookcrossing') ? 0.004 : 0.025;
    for (const entry of catalogue.entries) {
      if (!chance(share)) continue;
      const edition = editionOf(entry);
      const style = rnd();
      if (style < 0.6 || entry.isbns.length === 0) englishListing(catalogue.id, entry, edition && chance(0.5) ? edition : null, 'en-stuffed');
      else isbnListing(catalogue.id, entry);
      if (entry.otherTitles.some((t) => t.language === 'zh')) chineseListing(catalogue.id, entry);
      // Another edition than the catalogue's: the same work, to be reported at a lower confidence.
      if (edition && catalogue.id.startsWith('springer') && chance(0.2)) {
        englishListing(catalogue.id, entry, edition > 1 && chance(0.5) ? edition - 1 : edition + 1, 'wrong-edition');
      }
    }
  }

  // Other books that share a generic catalogue title: "Microeconomics" by someone else.
  const allSurnames = catalogues.flatMap((c) => c.entries.flatMap((e) => surnames(e))).filter((s) => s.length > 3);
  for (const entry of catalogues[0]!.entries) {
    if (titleKey(entry.title).split(' ').length > 2 || !chance(0.6)) continue;
    const other = pick(allSurnames);
    if (surnames(entry).includes(other)) continue;
    add('negative:same-generic-title', join([...some(before, 1), entry.title, other, ...some(around, 2)]), new Set(), chance(0.5) ? { author: other } : {});
  }

  // The real listings, less any that is in the catalogue after all.
  const removed: string[] = [];
  for (const real of realListings()) {
    const isbns = [...(real.isbn ? [isbn13(real.isbn)] : []), ...isbnsInText(real.title)].filter((i): i is string => !!i);
    const sameIsbn = isbns.some((isbn) => byIsbn.has(isbn));
    const title = titleKey(real.ownTitle.replace(/[:：].*$/, ''));
    // A translation's author is written in Chinese: only a Latin name can be compared.
    const realSurnames = real.author ? matchTokens(real.author).filter((t) => /^[a-z]/.test(t)) : [];
    const sameTitle = (byTitle.get(title) ?? []).some((e) => e.surnames.length === 0 || realSurnames.length === 0 || e.surnames.some((s) => realSurnames.includes(s)));
    if (sameIsbn || (title !== '' && sameTitle)) {
      removed.push(`${real.source}: ${real.title}`);
      continue;
    }
    add(`negative:${real.source}`, real.title, new Set(), { isbn: real.isbn, author: real.author, publisher: real.publisher });
  }
  evaluationSet.removedNegatives = removed;
  return out;
}
evaluationSet.removedNegatives = [] as string[];
