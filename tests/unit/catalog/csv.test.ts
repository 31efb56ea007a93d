// @vitest-environment node
/**
 * The four real catalogues of ../shared/data (see its SOURCES.md) through the CSV importer:
 * counts, spot-checked entries, and the issues each file really has. Expected error lines are
 * computed from the files themselves where SOURCES.md names the quirk.
 */
import { describe, expect, it } from 'vitest';
import { CatalogueEntry } from '@/utils/catalog/schema';
import { runSharedCsv, type CsvRun } from './csv-input';
import { sharedColumn } from '../../support/catalog/shared-data';

const springer = 'catalog-springer-free-textbooks-2020.csv';
const doab = 'catalog-doab-2018.csv';
const bookcrossing = 'catalog-bookcrossing.csv';
const goodbooks = 'catalog-goodbooks10k.csv';

const byTitle = (run: CsvRun, title: string) => run.entries.find((entry) => entry.title === title);

describe('Springer free textbooks (a real publisher catalogue)', () => {
  it('imports all 407 books with print and e-book ISBNs, authors and editions', async () => {
    const run = await runSharedCsv(springer);
    expect(run.errors).toEqual([]);
    expect(run.summary).toMatchObject({ format: 'csv', records: 407, entries: 407, encoding: 'utf-8', delimiter: ',' });
    expect(run.entries[0]).toEqual({
      version: 1,
      id: '9780792372707',
      isbns: ['9780792372707', '9780306480485'],
      title: 'Fundamentals of Power Electronics',
      subtitle: null,
      otherTitles: [],
      contributors: [
        { name: 'Robert W. Erickson', role: 'author' },
        { name: 'Dragan Maksimovic', role: 'author' },
      ],
      edition: '2nd ed. 2001',
      publisher: 'Springer US',
      imprint: 'Springer',
      year: 2001,
      coverUrl: null,
    });
    expect(byTitle(run, 'The Elements of Statistical Learning')?.contributors.map((person) => person.name)).toEqual([
      'Trevor Hastie', 'Robert Tibshirani', 'Jerome Friedman',
    ]);
    for (const entry of run.entries) expect(entry.isbns).toHaveLength(2);
  });

  it('maps its columns by name and reports the ones it does not use', async () => {
    const run = await runSharedCsv(springer);
    const used = run.summary.headers.filter((_, i) => run.summary.mapping[i] !== null);
    expect(used).toEqual(['Book Title', 'Author', 'Edition', 'Copyright Year', 'Print ISBN', 'Electronic ISBN', 'Publisher', 'Imprint']);
    expect(run.warnings).toEqual([expect.stringMatching(/^line 1: columns not used: “Product Type”, .*“Series Title”/)]);
  });
});

describe('DOAB 2018 (several ISBNs a cell, "Surname, Given; …" authors, chapters)', () => {
  it('reads every record and lists its 39 bad ISBNs as errors with their lines', async () => {
    const run = await runSharedCsv(doab);
    expect(run.summary.records).toBe(10_858);
    expect(run.errors).toHaveLength(39);
    expect(run.errors).toContain('line 463, ISBN: ISBN 9780874216230 fails its checksum');
    expect(run.errors).toContain('line 1\u202f716, ISBN: ISBN 971463205768 has 12 digits, an ISBN has 10 or 13');
    // Written with U+2010 hyphens; quoted as written.
    expect(run.errors).toContain('line 1\u202f661, ISBN: ISBN 978‐3‐03842‐672‐2 fails its checksum');
    // The import is bound to be discarded after the first error: nothing more is staged.
    expect(run.summary.entries).toBe(0);
  });

  it('with skipInvalidRecords, imports the rest, leaving out chapters and duplicate rows', async () => {
    const run = await runSharedCsv(doab, { skipInvalidRecords: true });
    expect(run.errors).toHaveLength(39);
    expect(run.summary.entries).toBe(10_695);
    expect(run.entries).toHaveLength(10_695);
    expect(run.warnings).toContain('line 174, Type: a chapter, not a book: left out (and 62 more rows like this)');
    expect(run.warnings).toContain('line 161: ISBN 9788491484219 is already on line 160: this row is left out as a duplicate');
    const lutz = run.entries[0]!;
    expect(lutz.title).toBe('Adolpho Lutz - Entomologia – Tabanídeos - v. 2, Livro 2');
    expect(lutz.contributors).toEqual([
      { name: 'Benchimol, Jaime Larry', role: 'editor' },
      { name: 'Sá, Magali Romero', role: 'editor' },
    ]);
    // "9783319611938 / 9783319611945", "978 1 86365 433 3": several ISBNs, and one written in groups.
    const pair = run.entries.find((entry) => entry.isbns.includes('9783319611938'));
    expect(pair?.isbns).toEqual(['9783319611938', '9783319611945']);
    expect(run.entries.some((entry) => entry.isbns.includes('9781863654333'))).toBe(true);
    // The book keeps its ISBN although a chapter of it comes first in the file (line 815).
    expect(run.entries.find((entry) => entry.id === '9783319305196')?.title).toMatch(/^Brief Interventions for Psychosis/);
  });
});

describe('Book-Crossing (ISBN-10s, mostly valid)', () => {
  it('reports the 9 rows whose ISBN-10 is invalid as errors, on their lines', async () => {
    const run = await runSharedCsv(bookcrossing);
    // SOURCES.md: isbn13_derived is empty exactly where the ISBN-10 is invalid.
    const derived = sharedColumn(bookcrossing, 'isbn13_derived');
    const invalidLines = derived.flatMap((isbn13, row) => (isbn13 === '' ? [row + 2] : []));
    expect(invalidLines).toHaveLength(9);
    expect(run.summary.issues.filter((issue) => issue.severity === 'error').map((issue) => issue.line)).toEqual(invalidLines);
    expect(run.errors[0]).toBe('line 23\u202f325, isbn: ISBN B00009EF82 contains "B", which is not part of an ISBN');
    expect(run.errors[1]).toBe('line 30\u202f422, isbn: ISBN 0060850529 fails its checksum');
    expect(run.summary.records).toBe(30_438);
  });

  it('with skipInvalidRecords, imports the 30 429 valid rows; year 0 is one warning with a count', async () => {
    const run = await runSharedCsv(bookcrossing, { skipInvalidRecords: true });
    expect(run.summary.entries).toBe(30_429);
    expect(run.warnings).toEqual([
      'line 1: columns not used: “source_files”',
      'line 166, year: year 0 (the file’s way of saying “unknown”): left empty (and 543 more rows like this)',
    ]);
    expect(run.entries[0]).toMatchObject({
      id: '9780002005012',
      isbns: ['9780002005012'],
      title: 'Clara Callan',
      contributors: [{ name: 'Richard Bruce Wright', role: 'author' }],
      publisher: 'HarperFlamingo Canada',
      year: 2001,
    });
    // Its odd "Given, Suffix Surname" authors stay one person.
    const vonnegut = run.entries.filter((entry) => entry.contributors.some((person) => person.name === 'Kurt, Jr. Vonnegut'));
    expect(vonnegut.length).toBeGreaterThan(0);
    for (const entry of vonnegut) expect(entry.contributors).toHaveLength(1);
    expect(run.batches.every((size) => size <= 500)).toBe(true);
  });
});

describe('goodbooks-10k (broken ISBN columns)', () => {
  it('explains its broken ISBN columns in one warning each instead of 10 000 garbage ISBNs', async () => {
    const run = await runSharedCsv(goodbooks, { skipInvalidRecords: true });
    expect(run.warnings).toContain(
      'line 2, isbn13: ISBN 9.78043902348e+12 is in scientific notation: a spreadsheet rounded it and its last digits are lost, so it is ignored (keep ISBNs in a text column) (and 9\u202f409 more rows like this)',
    );
    expect(run.warnings).toContain(
      'line 2, isbn: ISBN 439023483 lost its leading zeros (it was stored as a number): read as 0439023483, whose checksum passes (and 6\u202f586 more rows like this)',
    );
    expect(run.warnings).toContain('line 80, original_publication_year: year -720.0 is not between 1400 and 2200: left empty (and 47 more rows like this)');
    expect(run.warnings.length).toBeLessThanOrEqual(6);
    expect(run.entries[0]).toMatchObject({
      id: '9780439023481',
      isbns: ['9780439023481'],
      title: 'The Hunger Games (The Hunger Games, #1)',
      otherTitles: [{ language: 'und', title: 'The Hunger Games' }],
      contributors: [{ name: 'Suzanne Collins', role: 'author' }],
      year: 2008,
      coverUrl: 'https://images.gr-assets.com/books/1447303603m/2767052.jpg',
    });
    // No ISBN comes from the scientific-notation column: each is the padded ISBN-10's ISBN-13.
    for (const entry of run.entries) expect(entry.isbns.length).toBeLessThanOrEqual(1);
  });

  it('lists the ISBN-10s that stay invalid after padding as errors; the 9 974 other rows import', async () => {
    const run = await runSharedCsv(goodbooks, { skipInvalidRecords: true });
    expect(run.errors).toHaveLength(27);
    expect(run.errors[0]).toBe(
      'line 917, isbn: ISBN 812971060 has 9 digits, and fails its checksum even with the leading zeros a spreadsheet drops put back (0812971060)',
    );
    expect(run.errors).toContain('line 959, isbn13: ISBN 76783609419.0 has 11 digits, an ISBN has 10 or 13');
    expect(run.summary).toMatchObject({ records: 10_000, entries: 9_974 });
    // "Plato, Desmond Lee" is two people here: the column writes "Given Surname, Given Surname".
    expect(byTitle(run, 'The Republic')?.contributors.map((person) => person.name)).toEqual(['Plato', 'Desmond Lee']);
    // Goodreads' "no photo" placeholder is not a cover.
    expect(run.entries.filter((entry) => entry.coverUrl?.includes('nophoto'))).toEqual([]);
  });
});

describe('every real catalogue', () => {
  it.each([springer, doab, bookcrossing, goodbooks])('%s gives only entries that fit the schema, with unique ids', async (file) => {
    const run = await runSharedCsv(file, { skipInvalidRecords: true });
    for (const entry of run.entries) CatalogueEntry.parse(entry);
    expect(new Set(run.entries.map((entry) => entry.id)).size).toBe(run.entries.length);
    expect(run.summary.entries).toBe(run.entries.length);
    // Issues are exactly the contract's shape: located, worded, and coded for the options page.
    for (const issue of run.summary.issues) {
      expect(Object.keys(issue).every((key) => ['severity', 'line', 'where', 'message', 'code', 'params', 'place', 'repeats'].includes(key))).toBe(true);
      expect(issue.code).toBeDefined();
    }
  });
});
