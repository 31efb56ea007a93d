/** The real listing files of ../shared/data, read as rows of named cells. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsv } from '../../../support/catalog/shared-data';
import { sharedData } from '../catalogues';
import type { ListingSource } from './split';

const fileNames: Record<ListingSource, string> = {
  'jd-search-crawler': 'listings-jd-search-crawler-books-2019.csv',
  'dangdang-computing': 'listings-dangdang-computing-2023.csv',
  'jd-skus': 'listings-jd-books-skus-2021.csv',
  'jd-categories': 'listings-jd-books-categories-2019.csv',
  'dangdang-bestsellers': 'listings-dangdang-bestsellers.csv',
};

/** Data rows (row 1 is the first after the header) as objects keyed by the header's names. */
export function readListingFile(source: ListingSource): Record<string, string>[] {
  return readCsvObjects(join(sharedData, fileNames[source]));
}

export function readCsvObjects(path: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(readFileSync(path, 'utf8'));
  return rows.filter((r) => r.length > 1).map((r) => Object.fromEntries(header!.map((h, k) => [h.replace(/^\uFEFF/, ''), r[k] ?? ''])));
}
