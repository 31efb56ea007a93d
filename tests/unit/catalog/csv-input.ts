/** Runs the CSV importer on test bytes or a shared file, as a file stream delivers them, and keeps what the sink got. */
import { createReadStream, statSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { ColumnMapping } from '@/utils/catalog/import/csv-columns';
import { importCsv, type CsvImportSummary } from '@/utils/catalog/import/csv';
import { describeIssue, type ImportOptions } from '@/utils/catalog/import/types';
import type { CatalogueEntry } from '@/utils/catalog/schema';
import { sharedDataRoot } from '../../support/catalog/shared-data';
import { byteStream } from './entries';

export { byteStream };

export interface CsvRun {
  summary: CsvImportSummary;
  entries: CatalogueEntry[];
  batches: number[];
  /** The issues as the user reads them: "line 12, ISBN: …". */
  messages: string[];
  errors: string[];
  warnings: string[];
}

type RunOptions = Partial<ImportOptions> & { mapping?: ColumnMapping; chunkSize?: number };

export async function runCsv(file: string | Uint8Array, options: RunOptions = {}): Promise<CsvRun> {
  const bytes = typeof file === 'string' ? new TextEncoder().encode(file) : file;
  return run(byteStream(bytes, options.chunkSize), 'catalogue.csv', options, bytes.length);
}

export async function runSharedCsv(name: string, options: RunOptions = {}): Promise<CsvRun> {
  const path = join(sharedDataRoot, name);
  const stream = Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>;
  return run(stream, name, options, statSync(path).size);
}

async function run(stream: ReadableStream<Uint8Array>, fileName: string, options: RunOptions, size: number): Promise<CsvRun> {
  const entries: CatalogueEntry[] = [];
  const batches: number[] = [];
  const summary = await importCsv(
    { stream, size, fileName },
    {
      ...options,
      sink:
        options.sink ??
        (async (batch) => {
          entries.push(...batch);
          batches.push(batch.length);
        }),
    },
  );
  const of = (severity: string) => summary.issues.filter((issue) => issue.severity === severity).map(describeIssue);
  return { summary, entries, batches, messages: summary.issues.map(describeIssue), errors: of('error'), warnings: of('warning') };
}

/** 1-based line of the first `needle` in `text`: expected lines come from the file, not the importer. */
export function lineOf(text: string, needle: string): number {
  const at = text.indexOf(needle);
  if (at === -1) throw new Error(`"${needle}" is not in the text`);
  return text.slice(0, at).split('\n').length;
}

/** A valid ISBN-13 for every number below 10⁹ (978 + 9 digits + check digit), for generated catalogues. */
export function isbn13For(n: number): string {
  const body = `978${String(n).padStart(9, '0')}`;
  let sum = 0;
  for (let k = 0; k < 12; k++) sum += (body.charCodeAt(k) - 48) * (k % 2 === 0 ? 1 : 3);
  return body + ((10 - (sum % 10)) % 10);
}
