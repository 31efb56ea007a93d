/**
 * The bookkeeping of a CSV import that outlives a row: the list of issues (capped, with repeated
 * warnings folded into one) and the ISBNs already imported (to find duplicates).
 */
import type { CatalogueEntry } from '../schema';
import { addRepeats, groupDigits, importIssue, issueText, type IssueText } from './issue-text';
import { maxIssues, type ImportIssue } from './types';

export class IssueLog {
  private readonly issues: ImportIssue[] = [];
  private readonly repeats = new Map<string, { first: ImportIssue | null; more: number }>();
  private omittedErrors = 0;
  private omittedWarnings = 0;

  /** Issues with the same `repeatKey` are listed once; the first says how many more there were. */
  add(issue: ImportIssue, repeatKey?: string) {
    if (repeatKey) {
      const repeat = this.repeats.get(repeatKey);
      if (repeat) {
        repeat.more++;
        return;
      }
      this.repeats.set(repeatKey, { first: this.list(issue) ? issue : null, more: 0 });
      return;
    }
    this.list(issue);
  }

  /** Every issue in file order; past `maxIssues`, one last issue counts the rest. */
  finish(lastLine: number): ImportIssue[] {
    for (const { first, more } of this.repeats.values()) {
      if (!first) this.omittedWarnings += more;
      else if (more > 0) addRepeats(first, more);
    }
    const omitted = this.omittedErrors + this.omittedWarnings;
    if (omitted === 0) return this.issues;
    const counts = [omitted, this.omittedErrors, this.omittedWarnings].map(groupDigits) as [string, string, string];
    // An error when errors are among the unlisted, so that no reader of the summary misses them.
    return [...this.issues, importIssue(this.omittedErrors > 0 ? 'error' : 'warning', lastLine, issueText('csvMoreNotListed', ...counts))];
  }

  private list(issue: ImportIssue): boolean {
    if (this.issues.length < maxIssues - 1) {
      this.issues.push(issue);
      return true;
    }
    if (issue.severity === 'error') this.omittedErrors++;
    else this.omittedWarnings++;
    return false;
  }
}

/**
 * ISBN-13 → the line that brought it, for a whole catalogue in little memory: an open-addressing
 * hash table over two Uint32Arrays. An ISBN-13 fits in 32 bits once its redundant parts are
 * dropped (978 or 979 is one bit, the check digit follows from the rest), so a slot is 8 bytes
 * and 1 000 000 ISBNs take 16 MB, where a Map of strings would take about 80.
 */
export class IsbnLines {
  private keys = new Uint32Array(1024);
  private lines = new Uint32Array(1024);
  private size = 0;

  /**
   * The entry without the ISBNs earlier rows hold (a warning for each), or null when it has none
   * left; its own ISBNs are then remembered with its line.
   */
  keepNew(entry: CatalogueEntry, line: number, warn: (text: IssueText) => void): CatalogueEntry | null {
    if (entry.isbns.length === 0) return entry;
    const fresh = entry.isbns.filter((isbn) => this.lineOf(isbn) === 0);
    if (fresh.length === 0) {
      warn(issueText('csvDuplicateRow', entry.isbns[0]!, groupDigits(this.lineOf(entry.isbns[0]!))));
      return null;
    }
    for (const isbn of entry.isbns) {
      const earlier = this.lineOf(isbn);
      if (earlier !== 0) warn(issueText('csvDuplicateIsbn', isbn, groupDigits(earlier)));
    }
    for (const isbn of fresh) this.set(key(isbn), line);
    return fresh.length === entry.isbns.length ? entry : { ...entry, id: fresh[0]!, isbns: fresh };
  }

  /** 0 when the ISBN has not been seen (lines start at 1). */
  private lineOf(isbn: string): number {
    const wanted = key(isbn);
    const mask = this.keys.length - 1;
    for (let slot = hash(wanted) & mask; ; slot = (slot + 1) & mask) {
      if (this.keys[slot] === 0) return 0;
      if (this.keys[slot] === wanted) return this.lines[slot]!;
    }
  }

  private set(wanted: number, line: number) {
    // At most three quarters full, so that probes stay short.
    if ((this.size + 1) * 4 > this.keys.length * 3) this.grow();
    const mask = this.keys.length - 1;
    let slot = hash(wanted) & mask;
    while (this.keys[slot] !== 0 && this.keys[slot] !== wanted) slot = (slot + 1) & mask;
    if (this.keys[slot] === 0) this.size++;
    this.keys[slot] = wanted;
    this.lines[slot] = line;
  }

  private grow() {
    const { keys, lines } = this;
    this.keys = new Uint32Array(keys.length * 2);
    this.lines = new Uint32Array(keys.length * 2);
    this.size = 0;
    for (let slot = 0; slot < keys.length; slot++) if (keys[slot] !== 0) this.set(keys[slot]!, lines[slot]!);
  }
}

/** 1 + (979 ? 10⁹ : 0) + the nine digits after the prefix: never 0, always below 2³². */
function key(isbn13: string): number {
  return 1 + (isbn13.startsWith('979') ? 1e9 : 0) + Number(isbn13.slice(3, 12));
}

function hash(value: number): number {
  return Math.imul(value ^ (value >>> 16), 0x85ebca6b) >>> 0;
}
