/**
 * What the options page does with a chosen file, apart from showing it: read a CSV file's header
 * for the mapping step, and run the import into the store with progress and cancellation.
 */
import { guessMapping, type ColumnMapping } from '@/utils/catalog/import/csv-columns';
import { CsvParser, type CsvDelimiter, type CsvRecord } from '@/utils/catalog/import/csv-parse';
import { decodeCatalogue, NotTextError, type CatalogueEncoding } from '@/utils/catalog/import/encoding';
import { formatFromBytes, formatFromName, importCatalogue } from '@/utils/catalog/import';
import { maxIssues, type CatalogueFormat, type ImportSummary } from '@/utils/catalog/import/types';
import type { Catalogue } from '@/utils/catalog/schema';
import { importIntoStore, type CatalogueDatabase } from '@/utils/catalog/store';

/** The extensions the file chooser offers (utils/catalog/import/index.ts reads them). */
export const catalogueFileTypes = '.csv,.tsv,.txt,.xml,.onix,.json';

/** Enough of a file for its header and the first 20 rows the delimiter is chosen from. */
const headerBytes = 256 * 1024;

/** The file name without its extension: the name a new catalogue gets unless the user gives another. */
export function catalogueNameOf(fileName: string): string {
  const base = fileName.replace(/\.[a-z0-9]+$/i, '').trim();
  return (base || fileName).slice(0, 200);
}

/** By the extension when it says, otherwise by the first bytes, as the importer itself decides. */
export async function formatOf(file: Blob & { name: string }): Promise<CatalogueFormat> {
  return formatFromName(file.name) ?? formatFromBytes(new Uint8Array(await file.slice(0, 512).arrayBuffer()));
}

export interface CsvHeader {
  headers: string[];
  guess: ColumnMapping;
  encoding: CatalogueEncoding | null;
  delimiter: CsvDelimiter;
}

/**
 * The header row, read the way the importer reads it (same decoder, same parser), from the
 * first bytes only. Null when there is none to read (an empty file, not text, a broken first
 * row): the import then says why, with its line.
 */
export async function readCsvHeader(file: Blob): Promise<CsvHeader | null> {
  let encoding: CatalogueEncoding | null = null;
  const parser = new CsvParser();
  const records: CsvRecord[] = [];
  try {
    for await (const chunk of decodeCatalogue(file.slice(0, headerBytes).stream(), (found) => (encoding = found))) {
      parser.push(chunk.text, records);
    }
  } catch (error) {
    if (error instanceof NotTextError) return null;
    throw error;
  }
  parser.end(records);
  // As the importer does: rows of empty cells before the header are not the header.
  const first = records.find((record) => !('fields' in record) || record.fields.some((field) => field.trim() !== ''));
  if (!first || !('fields' in first)) return null;
  const headers = first.fields.map((header) => header.trim());
  return { headers, guess: guessMapping(headers), encoding, delimiter: parser.delimiter ?? ',' };
}

export interface ImportRequest {
  file: File;
  name: string;
  format: CatalogueFormat;
  /** CSV only: the mapping the user confirmed. */
  mapping?: ColumnMapping;
  skipInvalidRecords?: boolean;
}

export interface ImportProgress {
  bytesRead: number;
  entries: number;
}

export type ImportOutcome =
  | { kind: 'imported'; catalogue: Catalogue; summary: ImportSummary; skipped: boolean }
  | { kind: 'rejected'; summary: ImportSummary }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string };

export async function runImport(
  db: CatalogueDatabase,
  request: ImportRequest,
  onProgress: (progress: ImportProgress) => void,
  signal: AbortSignal,
): Promise<ImportOutcome> {
  const { file, format, mapping, skipInvalidRecords = false } = request;
  const progress: ImportProgress = { bytesRead: 0, entries: 0 };
  try {
    const { catalogue, summary } = await importIntoStore(db, {
      name: request.name,
      fileName: file.name,
      format,
      skipInvalidRecords,
      run: (sink) =>
        importCatalogue(
          { stream: file.stream(), size: file.size, fileName: file.name },
          {
            format,
            signal,
            skipInvalidRecords,
            ...(mapping && { mapping }),
            sink: async (entries) => {
              await sink(entries);
              progress.entries += entries.length;
              onProgress({ ...progress });
            },
            onProgress: (bytesRead) => {
              progress.bytesRead = bytesRead;
              onProgress({ ...progress });
            },
          },
        ),
    });
    return catalogue ? { kind: 'imported', catalogue, summary, skipped: skipInvalidRecords } : { kind: 'rejected', summary };
  } catch (error) {
    if (signal.aborted) return { kind: 'cancelled' };
    return { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
  }
}

/** What importing only the valid records of a rejected file would keep and leave out. */
export type ValidRecords = { counted: true; valid: number; inError: number } | { counted: false };

/**
 * Records in error are those with an error on their line. Not counted when the issue list was cut
 * short at `maxIssues`; null when no record would be kept (the file as a whole is in error).
 */
export function validRecords(summary: ImportSummary): ValidRecords | null {
  if (summary.records === 0) return null;
  if (summary.issues.length >= maxIssues) return { counted: false };
  const inError = recordsInError(summary);
  const valid = summary.records - inError;
  return valid > 0 ? { counted: true, valid, inError } : null;
}

/**
 * Records with an error, as lines with one: exact for CSV and JSON, whose issues carry their
 * record's line; an ONIX product with errors on two of its lines counts twice.
 */
export function recordsInError(summary: ImportSummary): number {
  return new Set(summary.issues.filter((issue) => issue.severity === 'error').map((issue) => issue.line)).size;
}
