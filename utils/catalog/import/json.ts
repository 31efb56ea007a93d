/**
 * Colophon's own catalogue file (CatalogueFileV1: what the catalogue exports to). Read whole, so it
 * is capped: catalogues too large for that come as CSV or ONIX, which stream. Every entry is
 * validated; an error names the line where the entry starts.
 */
import { balancedEnd } from '../../sites/js-scan';
import { CatalogueEntryV1 } from '../schema';
import { schemaProblemText } from './issue-reasons';
import { englishOf, importIssue, issueText, type IssueText } from './issue-text';
import { maxIssues, type ImportInput, type ImportOptions, type ImportSummary } from './types';

/** Past this, a JSON catalogue would need several times its size in memory to parse. */
export const maxJsonBytes = 64 * 1024 * 1024;
const batchSize = 500;

async function readText(input: ImportInput, options: ImportOptions): Promise<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  const reader = input.stream.getReader();
  let text = '';
  let bytes = 0;
  for (;;) {
    options.signal?.throwIfAborted();
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (bytes > maxJsonBytes) {
      await reader.cancel();
      throw new TooLargeError(maxJsonBytes / 1024 / 1024);
    }
    text += decoder.decode(value, { stream: true });
    options.onProgress?.(bytes);
  }
  return text + decoder.decode();
}

/** Past `maxJsonBytes`; `text` says so in the user's language. */
class TooLargeError extends RangeError {
  readonly text: IssueText;

  constructor(megabytes: number) {
    const text = issueText('jsonTooLarge', megabytes);
    super(englishOf(text));
    this.text = text;
  }
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

const endOfInput = /end of (JSON )?(input|data)|unterminated/i;

/**
 * Where JSON.parse stopped. Firefox says "at line L column C", V8 often "at position N"; when the
 * message says neither, the shortest prefix that fails for another reason than ending early
 * ends at the fault (found by bisection; this runs only for broken files).
 */
function syntaxErrorLine(text: string, error: SyntaxError): number {
  const line = /line (\d+)/.exec(error.message)?.[1];
  if (line) return Number(line);
  const position = /position (\d+)/.exec(error.message)?.[1];
  if (position) return lineAt(text, Number(position));
  let low = 0;
  let high = text.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    let faulty = false;
    try {
      JSON.parse(text.slice(0, middle + 1));
    } catch (prefixError) {
      // A prefix that merely ends early fails at its end (or says "end of input").
      const message = (prefixError as Error).message;
      const at = /position (\d+)/.exec(message)?.[1];
      faulty = at === undefined ? !endOfInput.test(message) : Number(at) < middle + 1;
    }
    if (faulty) high = middle;
    else low = middle + 1;
  }
  return lineAt(text, low);
}

/** The offsets at which each element of the `entries` array starts, to name lines in errors. */
function entryOffsets(text: string): number[] {
  const key = /"entries"\s*:\s*\[/.exec(text);
  const offsets: number[] = [];
  if (!key) return offsets;
  let position = key.index + key[0].length;
  for (;;) {
    while (/[\s,]/.test(text[position] ?? '')) position++;
    if (text[position] !== '{') return offsets;
    offsets.push(position);
    const end = balancedEnd(text, position);
    if (end < 0) return offsets;
    position = end;
  }
}

export async function importJson(input: ImportInput, options: ImportOptions): Promise<ImportSummary> {
  const summary: ImportSummary = { format: 'json', records: 0, entries: 0, issues: [] };
  const issue = (line: number, text: IssueText, where?: string) => {
    if (summary.issues.length < maxIssues) summary.issues.push(importIssue('error', line, text, where));
  };
  let text: string;
  try {
    text = await readText(input, options);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    const reason = error instanceof TooLargeError ? error.text : (error as Error).message;
    issue(1, error instanceof TypeError ? issueText('jsonNotUtf8') : issueText('jsonUnreadable', reason));
    return summary;
  }
  let file: unknown;
  try {
    file = JSON.parse(text);
  } catch (error) {
    if (text.trim() === '') issue(1, issueText('fileEmpty'));
    else issue(syntaxErrorLine(text, error as SyntaxError), issueText('jsonInvalid', (error as Error).message));
    return summary;
  }
  const header = file as { format?: unknown; version?: unknown; entries?: unknown };
  if (header?.format !== 'colophon-catalogue') {
    issue(1, issueText('jsonNotColophon'));
    return summary;
  }
  if (header.version !== 1) {
    issue(1, issueText('jsonVersion', String(header.version)));
    return summary;
  }
  if (!Array.isArray(header.entries)) {
    issue(1, issueText('jsonNoEntries'));
    return summary;
  }
  const offsets = entryOffsets(text);
  const valid = [];
  for (const [index, raw] of header.entries.entries()) {
    summary.records++;
    const line = offsets[index] === undefined ? 1 : lineAt(text, offsets[index]!);
    const parsed = CatalogueEntryV1.safeParse(raw);
    if (parsed.success) valid.push(parsed.data);
    else for (const problem of parsed.error.issues.slice(0, 3)) issue(line, schemaProblemText(problem.message), `entries[${index}].${problem.path.join('.')}`);
  }
  const failed = summary.issues.length > 0;
  if (failed && !options.skipInvalidRecords) return summary;
  for (let start = 0; start < valid.length; start += batchSize) {
    options.signal?.throwIfAborted();
    const batch = valid.slice(start, start + batchSize);
    await options.sink(batch);
    summary.entries += batch.length;
  }
  return summary;
}

