/**
 * The real catalogues of ../shared/data (SOURCES.md), read with Colophon's own importer, as the
 * extension would hold them once a representative imported the files.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { importCatalogue } from '../../../utils/catalog/import';
import type { CatalogueEntry } from '../../../utils/catalog/schema';

export const sharedData = join(import.meta.dirname, '../../../../shared/data');

/** Springer's textbooks first (the books a coalition protects), then the rest of a big catalogue. */
export const catalogueFiles = [
  'catalog-springer-free-textbooks-2020.csv',
  'catalog-doab-2018.csv',
  'catalog-goodbooks10k.csv',
  'catalog-bookcrossing.csv',
] as const;

export interface RealCatalogue {
  id: string;
  entries: CatalogueEntry[];
}

export async function readCatalogue(fileName: string): Promise<RealCatalogue> {
  const path = join(sharedData, fileName);
  const entries: CatalogueEntry[] = [];
  const stream = Readable.toWeb(createReadStream(path)) as WebReadableStream<Uint8Array> as ReadableStream<Uint8Array>;
  // The real files have records in error (broken ISBN cells, missing titles): import the rest, as a user would.
  await importCatalogue(
    { stream, size: (await stat(path)).size, fileName },
    { sink: async (batch) => void entries.push(...batch), skipInvalidRecords: true },
  );
  return { id: fileName.replace(/^catalog-|\.csv$/g, ''), entries };
}

export async function readCatalogues(): Promise<RealCatalogue[]> {
  const catalogues: RealCatalogue[] = [];
  for (const file of catalogueFiles) catalogues.push(await readCatalogue(file));
  return catalogues;
}
