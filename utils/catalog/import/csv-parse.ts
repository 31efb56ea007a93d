/**
 * A streaming CSV parser (RFC 4180, read the way spreadsheets write it): text goes in chunk by
 * chunk, records come out with the line each starts on, so every import issue can name its line.
 *
 * - Quoted fields may hold delimiters, doubled quotes ("") and line breaks (CRLF, LF or CR).
 * - A quote inside an unquoted field is kept as text (`12" ruler`), as Excel reads it.
 * - The delimiter (, ; TAB |) is found from the first lines: the one that splits every line into
 *   the same number of fields, the most fields winning ties (Excel writes ; where , is the
 *   decimal comma, TSV exports use tabs).
 * - Malformed records become errors with their line, and parsing goes on: text after a closing
 *   quote ends that record as malformed; a quote that never closes (or a record past
 *   `maxRecordChars`) is reported at the line it opened, and reading resumes on the next line,
 *   so one stray quote cannot swallow the rest of a file, nor hold it all in memory.
 *   A record's error is in English (issue-codes.ts); the importer finds its code again
 *   (issue-reasons.ts, csvRecordErrorText).
 *
 * Written here rather than taken from a package because of those last two points. Papa Parse reads
 * everything after a quote that never closes as one field (its maintainers' own tracker has a
 * 2 MB file freezing the browser that way) and places its errors by row and character, not by
 * line; csv-parse ends the whole parse with an error at an unclosed quote, and streams through
 * Node's stream.Transform (a polyfill of it, in its browser build). An importer that must name
 * every bad line and go on needs both.
 */
import { englishOf, issueText } from './issue-text';

export const csvDelimiters = [',', ';', '\t', '|'] as const;
export type CsvDelimiter = (typeof csvDelimiters)[number];

export type CsvRecord = { line: number; fields: string[] } | { line: number; error: string };

/** Lines and characters looked at to choose the delimiter. */
const sampleLines = 20;
const sampleChars = 64 * 1024;

const QUOTE = 34;
const LF = 10;
const CR = 13;

export function detectDelimiter(sample: string): CsvDelimiter {
  const lines = logicalLines(sample).slice(0, sampleLines);
  let best: CsvDelimiter = ',';
  let bestScore = 0;
  for (const delimiter of csvDelimiters) {
    const counts = lines.map((line) => countOutsideQuotes(line, delimiter));
    const header = counts[0] ?? 0;
    if (header === 0) continue;
    // Rows that agree with the header; a lone header line counts as agreeing with itself.
    const agreeing = counts.filter((count) => count === header).length / counts.length;
    const score = agreeing * 1000 + header;
    if (score > bestScore) {
      best = delimiter;
      bestScore = score;
    }
  }
  return best;
}

export class CsvParser {
  private buffer = '';
  /** The line `buffer` starts on. */
  private line = 1;
  /** After a record too long to hold: drop text until the next line break. */
  private skippingLine = false;

  constructor(
    public delimiter: CsvDelimiter | null = null,
    private readonly maxRecordChars = 1_000_000,
  ) {}

  /** Parses what it can of `text` and appends the complete records to `out`. */
  push(text: string, out: CsvRecord[]): void {
    this.buffer += text;
    if (this.delimiter === null) {
      // Counted again only when a line ends: streams may deliver a few bytes at a time.
      const enough = this.buffer.length >= sampleChars || (/[\r\n]/.test(text) && logicalLines(this.buffer).length > sampleLines);
      if (!enough) return;
      this.delimiter = detectDelimiter(this.buffer);
    }
    this.drain(false, out);
  }

  /** The end of the file: parses what is left. */
  end(out: CsvRecord[]): void {
    this.delimiter ??= detectDelimiter(this.buffer);
    this.drain(true, out);
  }

  private drain(final: boolean, out: CsvRecord[]): void {
    const text = this.buffer;
    let pos = 0;
    if (this.skippingLine) {
      const next = nextLineStart(text, 0);
      if (next === -1 && !final) {
        this.buffer = '';
        return;
      }
      this.skippingLine = false;
      pos = next === -1 ? text.length : next;
      this.line++;
    }
    while (pos < text.length) {
      const parsed = this.record(text, pos, final);
      if (parsed === null) {
        if (text.length - pos <= this.maxRecordChars) break;
        // Too long to be a record: a quote that never closes. Report it, go on at the next line.
        out.push({ line: this.line, error: this.runaway(text, pos) });
        const next = nextLineStart(text, pos);
        if (next === -1) {
          this.skippingLine = true;
          pos = text.length;
          break;
        }
        pos = next;
        this.line++;
        continue;
      }
      const blank = parsed.fields.length === 1 && parsed.fields[0] === '' && !parsed.error;
      if (!blank) {
        out.push(parsed.error ? { line: this.line, error: parsed.error } : { line: this.line, fields: parsed.fields });
      }
      this.line += parsed.lines;
      pos = parsed.end;
    }
    this.buffer = text.slice(pos);
  }

  private runaway(text: string, start: number): string {
    const lineEnd = nextLineStart(text, start);
    const limit = this.maxRecordChars.toLocaleString('en');
    return text.slice(start, lineEnd === -1 ? text.length : lineEnd).includes('"')
      ? englishOf(issueText('csvQuoteNotClosedWithin', limit))
      : englishOf(issueText('csvRecordTooLong', limit));
  }

  /**
   * One record from `start`, or null when the text ends before the record does (and more may
   * come). At the end of the file an unclosed quote is an error, and reading resumes on the line
   * after the one it opened on.
   */
  private record(
    text: string,
    start: number,
    final: boolean,
  ): { fields: string[]; end: number; lines: number; error?: string } | null {
    const delimiter = this.delimiter!.charCodeAt(0);
    const fields: string[] = [];
    let error: string | undefined;
    let lines = 0;
    let i = start;
    for (;;) {
      // One field.
      if (text.charCodeAt(i) === QUOTE) {
        let value = '';
        let from = i + 1;
        for (;;) {
          const quote = text.indexOf('"', from);
          if (quote === -1 || (quote === text.length - 1 && !final)) {
            if (!final) return null;
            const next = nextLineStart(text, start);
            return {
              fields: [],
              end: next === -1 ? text.length : next,
              lines: 1,
              error: englishOf(issueText('csvQuoteNeverCloses', fields.length + 1)),
            };
          }
          value += text.slice(from, quote);
          lines += countLineBreaks(text, from, quote);
          if (text.charCodeAt(quote + 1) === QUOTE) {
            value += '"';
            from = quote + 2;
            continue;
          }
          i = quote + 1;
          break;
        }
        const c = text.charCodeAt(i);
        if (i < text.length && c !== delimiter && c !== LF && c !== CR) {
          error ??= englishOf(issueText('csvTextAfterQuote', fields.length + 1));
          const stop = fieldEnd(text, i, delimiter);
          value += text.slice(i, stop);
          i = stop;
        }
        fields.push(value);
      } else {
        const stop = fieldEnd(text, i, delimiter);
        fields.push(text.slice(i, stop));
        i = stop;
      }
      // What ends the field.
      if (i >= text.length) {
        if (!final) return null;
        return { fields, end: i, lines, error };
      }
      const c = text.charCodeAt(i);
      if (c === delimiter) {
        i++;
        continue;
      }
      if (c === CR) {
        // A CR at the end of a chunk may be the first half of a CRLF.
        if (i + 1 >= text.length && !final) return null;
        return { fields, end: text.charCodeAt(i + 1) === LF ? i + 2 : i + 1, lines: lines + 1, error };
      }
      return { fields, end: i + 1, lines: lines + 1, error };
    }
  }
}

/** Where an unquoted field ends: the next delimiter, line break or the end of the text. */
function fieldEnd(text: string, from: number, delimiter: number): number {
  let i = from;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === delimiter || c === LF || c === CR) break;
  }
  return i;
}

function nextLineStart(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === LF) return i + 1;
    if (c === CR) return text.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
  }
  return -1;
}

function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === LF) count++;
    else if (c === CR && text.charCodeAt(i + 1) !== LF) count++;
  }
  return count;
}

/** The sample cut into records (line breaks inside quotes kept), blank lines dropped. */
function logicalLines(sample: string): string[] {
  const lines: string[] = [];
  let inQuotes = false;
  let start = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === QUOTE) inQuotes = !inQuotes;
    else if (!inQuotes && (c === LF || c === CR)) {
      if (i > start) lines.push(sample.slice(start, i));
      start = i + 1;
    }
  }
  // The last line may be cut short by the sample's end, so it is only used when it is all there is.
  if (lines.length === 0 && start < sample.length) lines.push(sample.slice(start));
  return lines;
}

function countOutsideQuotes(line: string, delimiter: string): number {
  let count = 0;
  let inQuotes = false;
  const code = delimiter.charCodeAt(0);
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === QUOTE) inQuotes = !inQuotes;
    else if (c === code && !inQuotes) count++;
  }
  return count;
}
