/**
 * The real catalogues and listings in ../shared/data (see its SOURCES.md), read for tests with a
 * deliberately small CSV reader of their own, so the tests do not lean on the importer they check.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The repository's sibling `shared/data`, where every session and CI find the shared files. */
export const sharedDataRoot = join(import.meta.dirname, '../../../../shared/data');

/**
 * RFC 4180 rows: quoted fields may hold commas, doubled quotes and line breaks. Fields are sliced,
 * not built a character at a time: the shared files are 13 MB.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  const delimiter = /[,\r\n]/g;
  let i = 0;
  while (i < text.length) {
    let value = '';
    if (text[i] === '"') {
      let from = i + 1;
      for (;;) {
        const quote = text.indexOf('"', from);
        const end = quote === -1 ? text.length : quote;
        value += text.slice(from, end);
        if (quote !== -1 && text[quote + 1] === '"') {
          value += '"';
          from = quote + 2;
          continue;
        }
        i = end + 1;
        break;
      }
    }
    // The unquoted field, or whatever follows a closing quote up to the delimiter.
    delimiter.lastIndex = i;
    const next = delimiter.exec(text);
    const end = next ? next.index : text.length;
    value += text.slice(i, end);
    row.push(value);
    i = end + 1;
    if (!next || next[0] !== ',') {
      if (next?.[0] === '\r' && text[i] === '\n') i++;
      rows.push(row);
      row = [];
    } else if (i === text.length) {
      row.push('');
      rows.push(row);
    }
  }
  return rows;
}

const parsedFiles = new Map<string, string[][]>();

/** One column of a shared CSV file by its header name, one value per data row. */
export function sharedColumn(file: string, column: string): string[] {
  let parsed = parsedFiles.get(file);
  if (!parsed) {
    parsed = parseCsv(readFileSync(join(sharedDataRoot, file), 'utf8').replace(/^\uFEFF/, ''));
    parsedFiles.set(file, parsed);
  }
  const [header, ...rows] = parsed;
  const index = header?.indexOf(column) ?? -1;
  if (index === -1) throw new Error(`${file} has no column "${column}"`);
  return rows.map((row) => row[index] ?? '');
}

/** Every title the shared files hold: catalogue titles (several languages) and listing titles. */
export function sharedTitles(): string[] {
  return [
    ...sharedColumn('catalog-springer-free-textbooks-2020.csv', 'Book Title'),
    ...sharedColumn('catalog-doab-2018.csv', 'Title'),
    ...sharedColumn('catalog-goodbooks10k.csv', 'title'),
    ...sharedColumn('catalog-bookcrossing.csv', 'title'),
    ...sharedColumn('listings-dangdang-bestsellers.csv', '书名'),
    ...sharedColumn('listings-douban-academic.csv', 'title'),
    ...sharedColumn('listings-taobao-python-books.csv', 'name'),
  ].filter((title) => title.trim() !== '');
}
