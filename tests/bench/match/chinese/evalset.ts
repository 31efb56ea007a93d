/**
 * The labelled Chinese evaluation set: real seller titles from JD and Dangdang, hand-labelled
 * against a catalogue of clean records of the books they sell and of near-miss books that share
 * their phrases (labelled/, whose README says how each file was made).
 *
 * Each labelled listing names the catalogue books it sells (`expected`, several for a bundle) and
 * the ones that would not be wrong to report (`acceptable`: another edition of the same work when
 * the listing does not say which). Listings are split into a tuning half and a held-aside half
 * (split.ts); figures are reported from the held-aside half.
 */
import { join } from 'node:path';
import type { ListingText } from '../../../../utils/catalog/match';
import type { CatalogueEntry, Contributor } from '../../../../utils/catalog/schema';
import { isbn13 } from '../../../../utils/catalog/isbn';
import { nameKey } from '../../../../utils/catalog/match/authors';
import { editionNumber } from '../../../../utils/catalog/match/edition';
import { titleTokens } from '../../../../utils/catalog/match/segments';
import { matchText } from '../../../../utils/catalog/match/tokens';
import { readCsvObjects, readListingFile } from './files';
import { isHeldAside, type ListingSource } from './split';

export const zhFixtures = join(import.meta.dirname, 'labelled');
export const zhCatalogueId = 'zh-labelled';
const domains = ['crawler', 'computing', 'general'] as const;

export interface LabelledChineseListing {
  listing: ListingText;
  source: ListingSource;
  row: number;
  expected: Set<string>;
  acceptable: Set<string>;
  kinds: string[];
  judgement: string;
  heldAside: boolean;
}

const people = (cell: string | undefined, role: Contributor['role']): Contributor[] =>
  (cell ?? '').split(';').map((name) => name.trim()).filter((name) => name !== '').map((name) => ({ name: name.slice(0, 300), role }));

/** The labelled catalogue, as a publisher would register it (ids as the fixtures give them). */
export function chineseCatalogue(): CatalogueEntry[] {
  return domains.flatMap((domain) =>
    readCsvObjects(join(zhFixtures, `catalogue-${domain}.csv`)).map((row): CatalogueEntry => {
      const isbn = row.isbn ? isbn13(row.isbn) : null;
      return {
        version: 1,
        id: row.id!,
        isbns: isbn ? [isbn] : [],
        title: row.title!.trim(),
        subtitle: null,
        otherTitles: [],
        contributors: [...people(row.author, 'author'), ...people(row.translator, 'translator')],
        edition: row.edition?.trim() || null,
        publisher: row.publisher?.trim() || null,
        imprint: null,
        year: null,
        coverUrl: null,
      };
    }),
  );
}

/**
 * The three catalogue files were made by three labellers, each for their own listings, so one book
 * may be registered twice (the same title, first author and edition in two files). Such entries are
 * one book: `canonicalOf` names each by the first of its copies. The same work in another edition
 * registered by another file is not wrong to report for a listing labelled with its sibling.
 */
export interface Aliases {
  canonicalOf(id: string): string;
  /** Canonical ids of the same work (same title and first author) in other files' other editions. */
  siblingsOf(id: string): string[];
}

export function catalogueAliases(entries: readonly CatalogueEntry[]): Aliases {
  const workKey = (e: CatalogueEntry) => `${titleTokens(e.title).join('')}/${nameKey(e.contributors[0]?.name ?? '') ?? ''}`;
  const editionOf = (e: CatalogueEntry) => (e.edition ? (editionNumber(matchText(e.edition)) ?? 0) : 0);
  const fileOf = (id: string) => id.replace(/-\d+$/, '');
  const canonical = new Map<string, string>();
  const works = new Map<string, CatalogueEntry[]>();
  for (const entry of entries) {
    const same = works.get(workKey(entry)) ?? [];
    const copy = same.find((other) => editionOf(other) === editionOf(entry) && fileOf(other.id) !== fileOf(entry.id));
    canonical.set(entry.id, copy ? canonical.get(copy.id)! : entry.id);
    works.set(workKey(entry), [...same, entry]);
  }
  const byId = new Map(entries.map((e) => [e.id, e]));
  return {
    canonicalOf: (id) => canonical.get(id) ?? id,
    siblingsOf: (id) => {
      const entry = byId.get(id);
      if (!entry) return [];
      return (works.get(workKey(entry)) ?? []).filter((other) => fileOf(other.id) !== fileOf(id) && editionOf(other) !== editionOf(entry)).map((other) => canonical.get(other.id)!);
    },
  };
}

const split = (cell: string | undefined) => new Set((cell ?? '').split('|').map((id) => id.trim()).filter((id) => id !== ''));

/**
 * The labelled listings, as the content script would send them: the seller's title, and where the
 * page shows them (an item page's attribute table), the author and publisher fields.
 */
export function chineseListings(aliases: Aliases = catalogueAliases(chineseCatalogue())): LabelledChineseListing[] {
  const canonical = (ids: Set<string>) => new Set([...ids].map((id) => aliases.canonicalOf(id)));
  const sourceRows = new Map<ListingSource, Record<string, string>[]>();
  const rowOf = (source: ListingSource, row: number) => {
    if (!sourceRows.has(source)) sourceRows.set(source, readListingFile(source));
    return sourceRows.get(source)![row - 1];
  };
  return domains.flatMap((domain) =>
    readCsvObjects(join(zhFixtures, `labels-${domain}.csv`)).map((label, i): LabelledChineseListing => {
      const source = label.source as ListingSource;
      const row = Number(label.row);
      const original = rowOf(source, row);
      return {
        listing: {
          id: `${domain}-${i}`,
          title: label.title!,
          author: original?.author?.trim() || null,
          publisher: original?.publisher?.trim() || null,
        },
        source,
        row,
        expected: canonical(split(label.expected)),
        acceptable: new Set([...canonical(split(label.acceptable)), ...[...split(label.expected)].flatMap((id) => aliases.siblingsOf(id))]),
        kinds: split(label.kinds).size > 0 ? [...split(label.kinds)] : ['unlabelled'],
        judgement: label.judgement ?? '',
        heldAside: isHeldAside(source, row),
      };
    }),
  );
}

/**
 * Reported entries as the labels name them: a labelled book by its canonical id (a copy registered
 * by another labeller is the same book), anything else by its full catalogue key, which no label
 * names, so reporting it is wrong.
 */
export function asLabelled<T extends { catalogueId: string; entryId: string }>(aliases: Aliases, reported: T): string {
  return reported.catalogueId === zhCatalogueId ? aliases.canonicalOf(reported.entryId) : `${reported.catalogueId}/${reported.entryId}`;
}
