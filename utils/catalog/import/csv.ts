/**
 * Imports a CSV or spreadsheet export: bytes → text (encoding.ts) → records
 * (csv-parse.ts) → entries (csv-entry.ts, with the column mapping of csv-columns.ts) → the sink,
 * 500 at a time. Nothing but the current chunk, record and batch is held, plus 8 bytes per ISBN
 * to find duplicates (csv-log.ts): a 100 MB file retains under 20 MB while it imports.
 *
 * All or nothing is the caller's part: it commits the staged entries only when the summary has no
 * error. Once a row is in error (and the user did not ask to skip such rows), the import is bound
 * to be discarded, so no more entries are staged; the file is still read to the end to list every
 * issue. With `skipInvalidRecords`, rows in error are left out and the others staged.
 *
 * Duplicate ISBNs: a later row whose ISBNs all appeared before is left out (warning); one that
 * shares only some keeps its new ones. Merging is not possible in a stream (the earlier entry may
 * already be staged), and the first row is usually the publisher's main record.
 */
import type { CatalogueEntry } from '../schema';
import { columnPlace, guessMapping, type ColumnMapping } from './csv-columns';
import { EntryReader, type RowIssue } from './csv-entry';
import { CsvParser, type CsvDelimiter, type CsvRecord } from './csv-parse';
import { decodeCatalogue, NotTextError, type CatalogueEncoding } from './encoding';
import { IsbnLines, IssueLog } from './csv-log';
import { csvRecordErrorText } from './issue-reasons';
import { importIssue, issueItems, issueText, type IssueParam } from './issue-text';
import type { ImportInput, ImportOptions, ImportSummary } from './types';

export type { ColumnMapping } from './csv-columns';
export { guessMapping } from './csv-columns';

export interface CsvImportSummary extends ImportSummary {
  mapping: ColumnMapping;
  headers: string[];
  /** As detected, for the options page ("read as GB18030"); null when the file is not text. */
  encoding: CatalogueEncoding | null;
  delimiter: CsvDelimiter | null;
}

const batchSize = 500;
const progressInterval = 250;

export async function importCsv(
  input: ImportInput,
  options: ImportOptions & { mapping?: ColumnMapping },
): Promise<CsvImportSummary> {
  const { signal } = options;
  signal?.throwIfAborted();
  const log = new IssueLog();
  const parser = new CsvParser();
  const isbnLines = new IsbnLines();
  const state = {
    encoding: null as CatalogueEncoding | null,
    headers: null as string[] | null,
    mapping: [] as ColumnMapping,
    reader: null as EntryReader | null,
    /** The file cannot be read on (not text, no title column): stop, nothing else is worth saying. */
    fatal: false,
    records: 0,
    entries: 0,
    lastLine: 1,
    bytesRead: 0,
    /** False once a row failed without `skipInvalidRecords`: the import will be discarded. */
    staging: true,
  };
  let batch: CatalogueEntry[] = [];

  const flush = async () => {
    if (batch.length === 0) return;
    const sending = batch;
    batch = [];
    signal?.throwIfAborted();
    await options.sink(sending);
    state.entries += sending.length;
  };

  const onHeader = (line: number, fields: string[]) => {
    const headers = (state.headers = fields.map((header) => header.trim()));
    const mapping = (state.mapping = options.mapping ?? guessMapping(headers));
    if (mapping.length !== headers.length) {
      log.add(importIssue('error', line, issueText('csvMappingMismatch', mapping.length, headers.length)));
      return (state.fatal = true);
    }
    if (!mapping.some((target) => target?.field === 'title')) {
      const names: IssueParam[] = headers.slice(0, 30).map((header, i) => issueText('quoted', header.slice(0, 40) || columnPlace(headers, i)));
      if (headers.length > 30) names.push('…');
      log.add(importIssue('error', line, issueText('csvNoTitleColumn', issueItems(names))));
      return (state.fatal = true);
    }
    const unused = headers.filter((header, i) => mapping[i] === null && header !== '');
    if (unused.length > 0) {
      log.add(importIssue('warning', line, issueText('csvColumnsUnused', issueItems(unused.map((header) => issueText('quoted', header))))));
    }
    state.reader = new EntryReader(headers, mapping);
  };

  const logRow = (issues: RowIssue[], line: number) => {
    for (const issue of issues) log.add(importIssue(issue.severity, line, issue.text, issue.where), issue.repeatKey);
  };

  const rowFailed = (issues: RowIssue[], line: number) => {
    logRow(issues, line);
    if (!options.skipInvalidRecords) {
      state.staging = false;
      batch = [];
    }
  };

  const onRecord = async (record: CsvRecord) => {
    state.lastLine = record.line;
    // Rows of empty cells (a spreadsheet's formatted but unused rows) are not records.
    if ('fields' in record && record.fields.every((field) => field.trim() === '')) return;
    if (!state.headers) {
      if ('fields' in record) return onHeader(record.line, record.fields);
      log.add(importIssue('error', record.line, issueText('csvHeaderMalformed', csvRecordErrorText(record.error))));
      return (state.fatal = true);
    }
    state.records++;
    if ('error' in record) return rowFailed([{ severity: 'error', text: csvRecordErrorText(record.error) }], record.line);
    const { entry, issues } = state.reader!.read(record.fields, record.line);
    if (!entry) {
      if (issues.some((issue) => issue.severity === 'error')) return rowFailed(issues, record.line);
      // Left out without an error (a chapter, not a book): only its warning is said.
      logRow(issues, record.line);
      return;
    }
    const kept = isbnLines.keepNew(entry, record.line, (text) => issues.push({ severity: 'warning', text }));
    logRow(issues, record.line);
    if (!kept || !state.staging) return;
    batch.push(kept);
    if (batch.length >= batchSize) await flush();
  };

  const onRecords = async (records: CsvRecord[]) => {
    for (const record of records) {
      if (state.fatal) return;
      await onRecord(record);
    }
  };

  let reported = 0;
  try {
    for await (const chunk of decodeCatalogue(input.stream, (found) => (state.encoding = found))) {
      signal?.throwIfAborted();
      state.bytesRead = chunk.bytesRead;
      if (options.onProgress && Date.now() - reported >= progressInterval) {
        reported = Date.now();
        options.onProgress(chunk.bytesRead);
      }
      const records: CsvRecord[] = [];
      parser.push(chunk.text, records);
      await onRecords(records);
      if (state.fatal) break;
    }
    if (!state.fatal) {
      const records: CsvRecord[] = [];
      parser.end(records);
      await onRecords(records);
    }
    if (state.staging) await flush();
  } catch (error) {
    if (!(error instanceof NotTextError)) throw error;
    log.add(importIssue('error', 1, error.text));
    state.fatal = true;
  }
  options.onProgress?.(state.bytesRead);

  if (!state.headers && !state.fatal) {
    log.add(importIssue('error', 1, issueText('fileEmpty')));
  } else if (state.reader && state.records === 0) {
    log.add(importIssue('error', state.lastLine, issueText('csvHeaderOnly')));
  }
  return {
    format: 'csv',
    records: state.records,
    entries: state.entries,
    issues: log.finish(state.lastLine),
    mapping: state.mapping,
    headers: state.headers ?? [],
    encoding: state.encoding,
    delimiter: state.headers ? parser.delimiter : null,
  };
}
