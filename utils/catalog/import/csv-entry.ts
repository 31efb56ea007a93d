/**
 * One CSV row → one catalogue entry, with the row's issues. Errors make the row unusable (no
 * title, an invalid ISBN, a shifted row); warnings say what was repaired or left out. Warnings
 * that repeat down a column (goodbooks' 9 000 ISBNs in scientific notation, Book-Crossing's 500
 * rows with year 0) carry a `repeatKey`, so the import lists them once, with a count, instead of
 * burying the file's real errors under them.
 */
import { CatalogueEntry, type Contributor, type OtherTitle } from '../schema';
import { cleanText, isbnTokens, readCoverUrl, readIsbn, readYear } from './csv-cells';
import { columnName, type ColumnField, type ColumnMapping } from './csv-columns';
import { PeopleConvention, splitPeople } from './csv-people';
import type { ImportIssue } from './types';

export type RowIssue = Omit<ImportIssue, 'line'> & { repeatKey?: string };

export interface RowReading {
  entry: CatalogueEntry | null;
  issues: RowIssue[];
}

const roleOf = { authors: 'author', editors: 'editor', translators: 'translator' } as const;
/** Record types that are part of a book: they share its ISBN, and a pirate sells the book. */
const partOfBook = /^(?:(?:book )?chapter|article|journal article|section|part|章节|文章)$/i;
const limits = { title: 1000, subtitle: 1000, edition: 200, publisher: 300, imprint: 300, name: 300 };

export class EntryReader {
  private readonly conventions = new Map<number, PeopleConvention>();
  private readonly typeColumn: number;

  constructor(
    private readonly headers: readonly string[],
    private readonly mapping: ColumnMapping,
  ) {
    this.typeColumn = this.firstColumn('recordType');
  }

  read(fields: readonly string[], line: number): RowReading {
    const issues: RowIssue[] = [];
    const error = (message: string, column?: number) =>
      issues.push({ severity: 'error', message, ...(column === undefined ? {} : { where: this.where(column) }) });
    const warn = (message: string, column: number, repeat: string) =>
      issues.push({ severity: 'warning', message, where: this.where(column), repeatKey: `${repeat}:${column}` });

    const extra = fields.slice(this.headers.length);
    if (extra.some((field) => field.trim() !== '')) {
      error(
        `the row has ${fields.length} cells where the header has ${this.headers.length}: ` +
          'is a delimiter inside an unquoted cell, or a quote missing?',
      );
      return { entry: null, issues };
    }

    const recordType = this.typeColumn === -1 ? null : cleanText(fields[this.typeColumn] ?? '');
    if (recordType && partOfBook.test(recordType)) {
      warn(`a ${recordType}, not a book: left out`, this.typeColumn, 'part of book');
      return { entry: null, issues };
    }

    const single = new Map<ColumnField, { text: string; column: number }>();
    const isbns: string[] = [];
    const otherTitles: OtherTitle[] = [];
    const contributors: Contributor[] = [];
    this.mapping.forEach((target, column) => {
      const cell = fields[column] ?? '';
      if (!target || cell === '') return;
      if (cell.includes('\uFFFD')) {
        warn('holds bytes that are not valid in the file’s encoding (shown as �): was the file saved as UTF-8?', column, 'encoding');
      }
      const field = target.field;
      if (field === 'isbn') {
        for (const token of isbnTokens(cell)) {
          const reading = readIsbn(token);
          if (reading.kind === 'scientific') {
            const why = 'a spreadsheet rounded it and its last digits are lost, so it is ignored (keep ISBNs in a text column)';
            warn(`ISBN ${token} is in scientific notation: ${why}`, column, 'scientific');
          } else if (reading.kind === 'invalid') {
            error(`ISBN ${token} ${reading.reason}`, column);
          } else {
            if (reading.kind === 'padded') {
              const repair = `read as ${reading.padded}, whose checksum passes`;
              warn(`ISBN ${token} lost its leading zeros (it was stored as a number): ${repair}`, column, 'padded');
            }
            if (!isbns.includes(reading.isbn13)) isbns.push(reading.isbn13);
          }
        }
      } else if (field === 'authors' || field === 'editors' || field === 'translators') {
        for (const person of splitPeople(cell, roleOf[field], this.convention(column))) {
          if (person.name.length > limits.name) warn(`a name of over ${limits.name} characters is left out`, column, 'long name');
          else contributors.push(person);
        }
      } else if (field === 'otherTitle') {
        const title = cleanText(cell);
        if (title) otherTitles.push({ language: target.language, title: title.slice(0, limits.title) });
      } else if (!single.has(field) && cleanText(cell) !== null) {
        single.set(field, { text: cell, column });
      }
    });

    const titleCell = single.get('title');
    const title = titleCell ? cleanText(titleCell.text)! : null;
    if (!title) {
      error('the row has no title', this.firstColumn('title'));
    } else if (title.length > limits.title) {
      error(`the title is longer than ${limits.title} characters: are the columns shifted?`, titleCell!.column);
    }
    if (issues.some((issue) => issue.severity === 'error')) return { entry: null, issues };

    const text = (field: 'subtitle' | 'edition' | 'publisher' | 'imprint') => {
      const found = single.get(field);
      const value = found ? cleanText(found.text) : null;
      if (!value || value.length <= limits[field]) return value;
      warn(`longer than ${limits[field]} characters: cut`, found!.column, 'long');
      return value.slice(0, limits[field]);
    };
    const entry: CatalogueEntry = {
      version: 1,
      id: isbns[0] ?? `row-${line}`,
      isbns: isbns.slice(0, 50),
      title: title!,
      subtitle: text('subtitle'),
      otherTitles: uniqueTitles(title!, otherTitles),
      contributors: contributors.slice(0, 100),
      edition: text('edition'),
      publisher: text('publisher'),
      imprint: text('imprint'),
      year: this.year(single.get('year'), warn),
      coverUrl: this.cover(single.get('coverUrl'), warn),
    };
    if (isbns.length > 50) warn(`${isbns.length} ISBNs: only the first 50 are kept`, this.firstColumn('isbn'), 'many isbns');
    if (contributors.length > 100) {
      const people = this.mapping.findIndex((target) => target && target.field in roleOf);
      warn(`${contributors.length} people: only the first 100 are kept`, people, 'many people');
    }
    // By construction entries fit the schema; checked anyway, since a stored entry that does not would break every later read.
    const checked = CatalogueEntry.safeParse(entry);
    if (!checked.success) {
      const problems = checked.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
      error(`the row could not become a catalogue entry: ${problems.join('; ')}`);
      return { entry: null, issues };
    }
    return { entry, issues };
  }

  private year(cell: { text: string; column: number } | undefined, warn: (message: string, column: number, repeat: string) => void) {
    if (!cell) return null;
    const reading = readYear(cell.text);
    const written = cell.text.trim();
    if (reading.problem === 'zero') warn('year 0 (the file’s way of saying “unknown”): left empty', cell.column, 'year 0');
    if (reading.problem === 'out of range') warn(`year ${written} is not between 1400 and 2200: left empty`, cell.column, 'year range');
    if (reading.problem === 'unreadable') warn(`“${written}” is not a year: left empty`, cell.column, 'year unreadable');
    return reading.year;
  }

  private cover(cell: { text: string; column: number } | undefined, warn: (message: string, column: number, repeat: string) => void) {
    if (!cell) return null;
    const url = readCoverUrl(cell.text);
    if (url !== 'invalid') return url;
    warn(`“${cell.text.trim().slice(0, 100)}” is not an http(s) address: no cover`, cell.column, 'cover');
    return null;
  }

  private convention(column: number): PeopleConvention {
    let convention = this.conventions.get(column);
    if (!convention) this.conventions.set(column, (convention = new PeopleConvention()));
    return convention;
  }

  /** -1 when no column holds the field. */
  private firstColumn(field: ColumnField): number {
    return this.mapping.findIndex((target) => target?.field === field);
  }

  private where(column: number): string {
    return columnName(this.headers, column);
  }
}

/** Other titles that say something the title does not, each once. */
function uniqueTitles(title: string, others: OtherTitle[]): OtherTitle[] {
  const seen = new Set([title.toLowerCase()]);
  return others
    .filter((other) => {
      const key = other.title.toLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, 20);
}
