/**
 * The catalogue the Chinese evaluation matches against: the labelled Chinese catalogue among
 * distractors a coalition's shared catalogue would also hold: the real catalogues of
 * ../shared/data (English, as readCatalogues() imports them) and the Douban academic records
 * (Chinese books, many of them translations, with their translators and publishers), which share
 * vocabulary and publishers with the labelled books without being any of them.
 *
 * The real catalogues are taken without the Chinese titles of chinese-titles.ts: those name
 * translations (小王子, 哈利·波特与魔法石) that labelled listings sell, so a match to them would
 * be right while the evaluation, whose labels name only zh-labelled entries, would count it wrong.
 */
import { join } from 'node:path';
import { isbn13 } from '../../../../utils/catalog/isbn';
import type { IndexedEntry } from '../../../../utils/catalog/match';
import { matchText } from '../../../../utils/catalog/match/tokens';
import type { CatalogueEntry, Contributor } from '../../../../utils/catalog/schema';
import { sharedData, type RealCatalogue } from '../catalogues';
import { titleKey } from '../evalset';
import { scaledCatalogue } from '../scale';
import { chineseCatalogue, zhCatalogueId, type LabelledChineseListing } from './evalset';
import { readCsvObjects } from './files';

export const doubanCatalogueId = 'douban-academic';

/** Douban's cells carry stray spaces and HTML-escaped ampersands (SOURCES.md). */
const clean = (cell: string | undefined) => (cell ?? '').replace(/&amp;/g, '&').trim();
/** Several names share a cell, separated by commas, 、 or slashes (陈存恭、陈仲玉、任育德; 司马迁 / 张守节). */
const people = (cell: string | undefined, role: Contributor['role']): Contributor[] =>
  clean(cell)
    .split(/[,，、/]/)
    .map((name) => name.trim())
    .filter((name) => name !== '')
    .map((name) => ({ name: name.slice(0, 300), role }));

/** Words around a name that are not the name: nationality in brackets is dropped by matchText, roles here. */
const roleWords = new Set(['著', '编', '编著', '主编', '撰', '等', '译', '注', '注解', '校注', '点校', '音注', '集解', '索隐', '正义']);
/** The part of a contributor's name a seller writes: the Chinese surname-and-name, or the last part of a transliteration (哈贝马斯). */
const nameCore = (name: string) => matchText(name).split(' ').filter((part) => /^[\u4e00-\u9fff]{2,}$/.test(part) && !roleWords.has(part)).at(-1) ?? null;

/**
 * Whether a labelled listing sells the Douban record's book: the record's title (up to its first
 * bracket or colon: 资治通鉴（全二十冊）) is in the listing, and the listing either names no author
 * or names the record's. Checking the Douban records against the labelled listings found such
 * books among the "negatives" (公共领域的结构转型 by 哈贝马斯, 白夜行 by 东野圭吾, 王阳明全集),
 * sold by listings labelled only against the zh-labelled catalogue, and other editions of labelled
 * works (资治通鉴, 史记).
 */
function soldByAListing(title: string, author: string | undefined, listings: readonly { text: string; named: boolean }[]): boolean {
  const core = matchText(title).split(' ')[0]!;
  if ((core.match(/[\u4e00-\u9fff]/g)?.length ?? 0) < 3) return false;
  const name = author ? nameCore(author) : null;
  return listings.some((l) => l.text.includes(core) && (!l.named || name === null || l.text.includes(name)));
}

/**
 * The Douban records as catalogue entries. The ISBN is kept only when valid: 1,829 rows hold an
 * Excel-mangled "9.79E+12", which names no book. Left out: a record that is one of the labelled
 * books (same ISBN or title) or that a labelled listing sells (soldByAListing). Matching either
 * would be right, and the evaluation, which counts every distractor reported as wrong, would call
 * it wrong; what stays are books no labelled listing sells, so reporting one is a false positive.
 */
export function doubanCatalogue(labelled: readonly CatalogueEntry[], listings: readonly LabelledChineseListing[]): CatalogueEntry[] {
  const labelledIsbns = new Set(labelled.flatMap((e) => e.isbns));
  const labelledTitles = new Set(labelled.map((e) => titleKey(e.title)));
  const listingTexts = listings.map(({ listing }) => ({ text: matchText(`${listing.title} ${listing.author ?? ''}`), named: Boolean(listing.author) }));
  return readCsvObjects(join(sharedData, 'listings-douban-academic.csv')).flatMap((row): CatalogueEntry[] => {
    const title = clean(row.title);
    const isbn = isbn13(clean(row.ISBN));
    const contributors = [...people(row.author, 'author'), ...people(row.yizhe, 'translator')];
    if (title === '' || (isbn && labelledIsbns.has(isbn)) || labelledTitles.has(titleKey(title))) return [];
    if (soldByAListing(title, contributors[0]?.name, listingTexts)) return [];
    return [
      {
        version: 1,
        id: `douban-${/subject\/(\d+)/.exec(row.url ?? '')?.[1] ?? title}`,
        isbns: isbn ? [isbn] : [],
        title: title.slice(0, 1000),
        subtitle: null,
        otherTitles: [],
        contributors,
        edition: null,
        publisher: clean(row.publish_press) || null,
        imprint: null,
        year: null,
        coverUrl: null,
      },
    ];
  });
}

export interface ChineseCatalogue {
  labelled: IndexedEntry[];
  distractors: IndexedEntry[];
}

/** The labelled catalogue and the unscaled distractors (the "real" size). */
export function chineseBenchCatalogue(real: readonly RealCatalogue[], listings: readonly LabelledChineseListing[]): ChineseCatalogue {
  const zh = chineseCatalogue();
  return {
    labelled: zh.map((entry) => ({ catalogueId: zhCatalogueId, entry })),
    distractors: [
      ...doubanCatalogue(zh, listings).map((entry) => ({ catalogueId: doubanCatalogueId, entry })),
      ...real.flatMap((c) => c.entries.map((entry) => ({ catalogueId: c.id, entry }))),
    ],
  };
}

/**
 * All entries at a size: `null` for the real size; otherwise the scaled English catalogue
 * (scale.ts, real entries first) grown to leave room for the Chinese ones, so the total is `size`.
 */
export function entriesAt(base: ChineseCatalogue, real: RealCatalogue[], size: number | null): IndexedEntry[] {
  const chinese = base.distractors.filter((e) => e.catalogueId === doubanCatalogueId);
  if (size === null) return [...base.labelled, ...base.distractors];
  return [...base.labelled, ...chinese, ...scaledCatalogue(real, size - base.labelled.length - chinese.length, 11)];
}
