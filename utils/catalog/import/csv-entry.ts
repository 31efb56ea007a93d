/**
 * One CSV row → one catalogue entry, with the row's issues. Errors make the row unusable (no
 * title, an invalid ISBN, a shifted row); warnings say what was repaired or left out. Warnings
 * that repeat down a column (goodbooks' 9 000 ISBNs in scientific notation, Book-Crossing's 500
 * rows with year 0) carry a `repeatKey`, so the import lists them once, with a count, instead of
 * burying the file's real errors under them.
 */
import { CatalogueEntry, type Contributor, type OtherTitle } from '../schema';
import { cleanText, isbnTokens, readCoverUrl, readIsbn, readYear } from './csv-cells';
import { columnPlace, type ColumnField, type ColumnMapping } from './csv-columns';
import { PeopleConvention, splitPeople } from './csv-people';
import { isbnReasonText, schemaProblemText } from './issue-reasons';
import { issueItems, issueText, type IssueText } from './issue-text';
import type { ImportIssue } from './types';

/** An issue of the row, without its line (csv.ts adds it); `where` is the column. */
export interface RowIssue {
  severity: ImportIssue['severity'];
  text: IssueText;
  where?: string | IssueText;
  repeatKey?: string;
}

type Warn = (text: IssueText, column: number, repeat: string) => void;

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
    const error = (text: IssueText, column?: number) =>
      issues.push({ severity: 'error', text, ...(column === undefined ? {} : { where: this.where(column) }) });
    const warn: Warn = (text, column, repeat) =>
      issues.push({ severity: 'warning', text, where: this.where(column), repeatKey: `${repeat}:${column}` });

    const extra = fields.slice(this.headers.length);
    if (extra.some((field) => field.trim() !== '')) {
      error(issueText('csvRowTooManyCells', fields.length, this.headers.length));
      return { entry: null, issues };
    }

    const recordType = this.typeColumn === -1 ? null : cleanText(fields[this.typeColumn] ?? '');
    if (recordType && partOfBook.test(recordType)) {
      warn(issueText('csvPartOfBook', recordType), this.typeColumn, 'part of book');
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
        warn(issueText('csvBadBytes'), column, 'encoding');
      }
      const field = target.field;
      if (field === 'isbn') {
        for (const token of isbnTokens(cell)) {
          const reading = readIsbn(token);
          if (reading.kind === 'scientific') {
            warn(issueText('csvIsbnScientific', token), column, 'scientific');
          } else if (reading.kind === 'invalid') {
            error(issueText('isbnInvalid', token, isbnReasonText(reading.reason)), column);
          } else {
            if (reading.kind === 'padded') warn(issueText('csvIsbnPadded', token, reading.padded), column, 'padded');
            if (!isbns.includes(reading.isbn13)) isbns.push(reading.isbn13);
          }
        }
      } else if (field === 'authors' || field === 'editors' || field === 'translators') {
        for (const person of splitPeople(cell, roleOf[field], this.convention(column))) {
          if (person.name.length > limits.name) warn(issueText('csvNameTooLong', limits.name), column, 'long name');
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
      error(issueText('csvNoTitle'), this.firstColumn('title'));
    } else if (title.length > limits.title) {
      error(issueText('csvTitleTooLong', limits.title), titleCell!.column);
    }
    if (issues.some((issue) => issue.severity === 'error')) return { entry: null, issues };

    const text = (field: 'subtitle' | 'edition' | 'publisher' | 'imprint') => {
      const found = single.get(field);
      const value = found ? cleanText(found.text) : null;
      if (!value || value.length <= limits[field]) return value;
      warn(issueText('csvTextTooLong', limits[field]), found!.column, 'long');
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
    if (isbns.length > 50) warn(issueText('csvTooManyIsbns', isbns.length), this.firstColumn('isbn'), 'many isbns');
    if (contributors.length > 100) {
      const people = this.mapping.findIndex((target) => target && target.field in roleOf);
      warn(issueText('csvTooManyPeople', contributors.length), people, 'many people');
    }
    // By construction entries fit the schema; checked anyway, since a stored entry that does not would break every later read.
    const checked = CatalogueEntry.safeParse(entry);
    if (!checked.success) {
      const problems = checked.error.issues.map((issue) => issueText('csvSchemaProblem', issue.path.join('.'), schemaProblemText(issue.message)));
      error(issueText('csvNotAnEntry', issueItems(problems, 'semicolon')));
      return { entry: null, issues };
    }
    return { entry, issues };
  }

  private year(cell: { text: string; column: number } | undefined, warn: Warn) {
    if (!cell) return null;
    const reading = readYear(cell.text);
    const written = cell.text.trim();
    if (reading.problem === 'zero') warn(issueText('csvYearZero'), cell.column, 'year 0');
    if (reading.problem === 'out of range') warn(issueText('csvYearOutOfRange', written), cell.column, 'year range');
    if (reading.problem === 'unreadable') warn(issueText('csvYearUnreadable', written), cell.column, 'year unreadable');
    return reading.year;
  }

  private cover(cell: { text: string; column: number } | undefined, warn: Warn) {
    if (!cell) return null;
    const url = readCoverUrl(cell.text);
    if (url !== 'invalid') return url;
    warn(issueText('csvCoverInvalid', cell.text.trim().slice(0, 100)), cell.column, 'cover');
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

  private where(column: number): string | IssueText {
    return columnPlace(this.headers, column);
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
