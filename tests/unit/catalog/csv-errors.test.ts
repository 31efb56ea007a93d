// @vitest-environment node
/**
 * Deliberately broken CSV files, rejected with line-numbered errors and nothing
 * written: each gives the exact message a user reads, and a summary that is complete, so the
 * caller can discard whatever was staged.
 */
import { describe, expect, it } from 'vitest';
import { maxIssues } from '@/utils/catalog/import/types';
import { isbn13For, lineOf, runCsv } from './csv-input';

const header = 'Book Title,Author,Print ISBN,Electronic ISBN,Copyright Year';
const row = (n: number) => `Book ${n},Author ${n},${isbn13For(2 * n)},${isbn13For(2 * n + 1)},2001`;
const rows = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => row(from + i));

describe('a wrong checksum', () => {
  // The issue's own example: line 1 204.
  const lines = [header, ...rows(1, 1203), 'Fundamentals of Power Electronics,Robert W. Erickson,978-0-306-48048-4,,2001', ...rows(1203, 1600)];
  const text = `${lines.join('\n')}\n`;

  it('is an error naming its line and column, quoting the cell as written', async () => {
    const run = await runCsv(text);
    expect(lineOf(text, '978-0-306-48048-4')).toBe(1204);
    expect(run.errors).toEqual(['line 1\u202f204, Print ISBN: ISBN 978-0-306-48048-4 fails its checksum']);
    expect(run.summary.issues[0]).toMatchObject({ severity: 'error', line: 1204, where: 'Print ISBN', message: 'ISBN 978-0-306-48048-4 fails its checksum' });
  });

  it('stops staging at the first error, and the summary counts exactly what the sink got', async () => {
    const run = await runCsv(text);
    expect(run.summary.records).toBe(1600);
    // Two full batches went before line 1 204; the rest would be discarded, so it was never staged.
    expect(run.batches).toEqual([500, 500]);
    expect(run.summary.entries).toBe(1000);
  });

  it('with skipInvalidRecords, leaves out that row only, still listing it as an error', async () => {
    const run = await runCsv(text, { skipInvalidRecords: true });
    expect(run.errors).toHaveLength(1);
    expect(run.summary.entries).toBe(1599);
    expect(run.entries.some((entry) => entry.title === 'Fundamentals of Power Electronics')).toBe(false);
    expect(run.batches.every((size) => size <= 500)).toBe(true);
  });
});

describe('broken files', () => {
  it.each([
    ['a 0-byte file', '', 'line 1: the file is empty'],
    ['a file of blank lines and empty cells', '\r\n\r\n  \n,,\n', 'line 1: the file is empty'],
    ['a header-only file', `${header}\r\n`, 'line 1: the file has a header but no rows of books'],
    ['a file without a title column', 'Name,Price\nPython,99\n', 'line 1: no column holds titles: “Name”, “Price”'],
    ['a file whose header is malformed', '"Title,ISBN\n', 'line 1: the header row is malformed: a quoted field in column 1 opens on this line and never closes: is a quote missing?'],
  ])('%s: %s', async (_, text, message) => {
    const run = await runCsv(text);
    expect(run.errors).toEqual([message]);
    expect(run.summary.entries).toBe(0);
    expect(run.batches).toEqual([]);
  });

  it('names every row without a title, and reads on', async () => {
    const text = `${header}\n${row(1)}\n,Anonymous,${isbn13For(900)},,1999\n"   ",Nobody,,,\n${row(2)}\n`;
    const run = await runCsv(text, { skipInvalidRecords: true });
    expect(run.errors).toEqual(['line 3, Book Title: the row has no title', 'line 4, Book Title: the row has no title']);
    expect(run.entries.map((entry) => entry.title)).toEqual(['Book 1', 'Book 2']);
  });

  it('reports an unterminated quote at its line, and every later problem too', async () => {
    const text = `${header}\n${row(1)}\n"Unclosed title,Someone,${isbn13For(901)},,2001\n${row(2)}\nBook 3,Someone,978-0-306-48048-4,,2001\n`;
    const run = await runCsv(text, { skipInvalidRecords: true });
    expect(run.errors).toEqual([
      'line 3: a quoted field in column 1 opens on this line and never closes: is a quote missing?',
      'line 5, Print ISBN: ISBN 978-0-306-48048-4 fails its checksum',
    ]);
    expect(run.entries.map((entry) => entry.title)).toEqual(['Book 1', 'Book 2']);
    expect(run.summary.records).toBe(4);
  });

  it('catches a row shifted by an unquoted delimiter', async () => {
    const run = await runCsv(`Title,Author,ISBN\nCats, Dogs and Mice,Someone,${isbn13For(7)}\n`);
    expect(run.errors).toEqual(['line 2: the row has 4 cells where the header has 3: is a delimiter inside an unquoted cell, or a quote missing?']);
  });

  it('lists at most maxIssues issues, the last counting the rest as errors', async () => {
    const bad = Array.from({ length: 1500 }, (_, i) => `Book ${i},Someone,978-0-306-48048-4`);
    const run = await runCsv(`Title,Author,ISBN\n${bad.join('\n')}\n`);
    expect(run.summary.issues).toHaveLength(maxIssues);
    expect(run.summary.issues.at(-1)).toMatchObject({
      severity: 'error',
      line: 1501,
      message: '501 more issues are not listed (501 errors, 0 warnings): is this the right file?',
    });
  });
});

describe('what the importer decides for the user', () => {
  it('leaves out a later row whose ISBNs all came before, and keeps the new ISBNs of a partial duplicate', async () => {
    const [a, b, c] = [isbn13For(1), isbn13For(2), isbn13For(3)];
    const text = `Title,ISBN\nFirst,${a} ${b}\nAgain,${b}\nPartly,${b};${c}\n`;
    const run = await runCsv(text);
    expect(run.errors).toEqual([]);
    expect(run.warnings).toEqual([
      `line 3: ISBN ${b} is already on line 2: this row is left out as a duplicate`,
      `line 4: ISBN ${b} is already on line 2: it stays with that row and is left out of this one`,
    ]);
    expect(run.entries.map((entry) => [entry.id, entry.title, entry.isbns])).toEqual([
      [a, 'First', [a, b]],
      [c, 'Partly', [c]],
    ]);
  });

  it('keeps formula-looking cells as plain text and decodes unambiguous entities', async () => {
    const text = 'Title,Author,Publisher\n"=HYPERLINK(""http://evil.example"",""Click"")",@Someone,Simon &amp; Schuster\n+Plus,-Minus,John Wiley &amp Sons\n';
    const run = await runCsv(text);
    expect(run.entries.map((entry) => [entry.id, entry.title, entry.contributors[0]?.name, entry.publisher])).toEqual([
      ['row-2', '=HYPERLINK("http://evil.example","Click")', '@Someone', 'Simon & Schuster'],
      ['row-3', '+Plus', '-Minus', 'John Wiley &amp Sons'],
    ]);
  });

  it('uses the mapping the user chose instead of its guess', async () => {
    const text = 'Name,Code,Writer\nPython for Data Analysis,9781491957660,Wes McKinney\n';
    const guessed = await runCsv(text);
    expect(guessed.errors).toEqual(['line 1: no column holds titles: “Name”, “Code”, “Writer”']);
    expect(guessed.summary.mapping).toEqual([null, null, { field: 'authors' }]);
    const run = await runCsv(text, { mapping: [{ field: 'title' }, { field: 'isbn' }, { field: 'authors' }] });
    expect(run.messages).toEqual([]);
    expect(run.entries).toMatchObject([{ id: '9781491957660', title: 'Python for Data Analysis', contributors: [{ name: 'Wes McKinney' }] }]);
    const other = await runCsv(text, { mapping: [{ field: 'title' }] });
    expect(other.errors).toEqual(['line 1: the column mapping has 1 columns and this file 3: it was made for another file']);
  });

  it('stops when the user cancels, rejecting with the signal’s reason', async () => {
    const controller = new AbortController();
    const reason = new Error('cancelled by the user');
    const text = `${header}\n${rows(1, 3000).join('\n')}\n`;
    const importing = runCsv(text, {
      chunkSize: 4096,
      signal: controller.signal,
      sink: async () => controller.abort(reason),
    });
    await expect(importing).rejects.toBe(reason);
  });

  it('reports progress in bytes, ending with the whole file', async () => {
    const text = `${header}\n${rows(1, 2000).join('\n')}\n`;
    const progress: number[] = [];
    await runCsv(text, { onProgress: (bytes) => progress.push(bytes) });
    expect(progress.at(-1)).toBe(new TextEncoder().encode(text).length);
  });
});
