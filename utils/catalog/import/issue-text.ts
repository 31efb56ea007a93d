/**
 * What an import issue says, apart from the language it is said in: a code (issue-codes.ts) and
 * its parameters. Importers build every issue from one (`importIssue`), which gives it its English
 * `message` and keeps the code and parameters on it for the options page to say in the user's
 * language (issue-locale.ts).
 */
import { issueEnglish, type ImportIssueCode } from './issue-codes';
import type { ImportIssue } from './types';

export interface IssueText {
  readonly code: ImportIssueCode;
  readonly params: readonly IssueParam[];
}

/** Several values in a row ("“Name”, “Price”"), joined as the user's language joins them. */
export interface IssueItems {
  readonly items: readonly IssueParam[];
  readonly separator: 'comma' | 'semicolon';
}

/** A value from the file as written (never translated), a number, or a text of its own. */
export type IssueParam = string | number | IssueText | IssueItems;

type English = typeof issueEnglish;
type Args<P extends unknown[]> = { [K in keyof P]: P[K] extends number ? number : IssueParam };
/** A code's parameters: numbers where its English has a number, any parameter elsewhere. */
export type IssueArgs<C extends ImportIssueCode> = Args<Parameters<English[C]>>;

export function issueText<C extends ImportIssueCode>(code: C, ...params: IssueArgs<C>): IssueText {
  return { code, params: params as readonly IssueParam[] };
}

export function englishOf(param: IssueParam): string {
  if (typeof param === 'string') return param;
  if (typeof param === 'number') return String(param);
  if ('items' in param) return param.items.map(englishOf).join(param.separator === 'comma' ? ', ' : '; ');
  const english = issueEnglish[param.code] as (...params: string[]) => string;
  return english(...param.params.map(englishOf));
}

export function issueItems(items: readonly IssueParam[], separator: IssueItems['separator'] = 'comma'): IssueItems {
  return { items, separator };
}

/** "9 414": digits grouped by thin spaces, as issues write line numbers and counts. */
export function groupDigits(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
}

/**
 * An issue for the summary. `where` is a column or element path as the file names it, or a text
 * when Colophon names the place itself ("column 3").
 *
 * `code` and `params` (and `place`, `repeats`) say the same as `message` in a form the options
 * page words in the user's language; the command line prints `message`.
 */
export function importIssue(severity: ImportIssue['severity'], line: number, text: IssueText, where?: string | IssueText): ImportIssue {
  const issue: ImportIssue = { severity, line, ...(where !== undefined && { where: englishOf(where) }), message: englishOf(text) };
  return withText(issue, text, typeof where === 'object' ? where : undefined);
}

/** A copy of `issue`, its strings detached from the chunk of the file they may be slices of. */
export function copyIssue(issue: ImportIssue): ImportIssue {
  return structuredClone(issue);
}

/** Records that `count` more rows had the same issue, in the message and for the options page. */
export function addRepeats(issue: ImportIssue, count: number): void {
  issue.message += ` (and ${groupDigits(count)} more ${count === 1 ? 'row' : 'rows'} like this)`;
  setField(issue, 'repeats', count);
}

function withText(issue: ImportIssue, text: IssueText | undefined, place: IssueText | undefined): ImportIssue {
  if (text) {
    setField(issue, 'code', text.code);
    setField(issue, 'params', text.params);
  }
  if (place) setField(issue, 'place', place);
  return issue;
}

function setField(issue: ImportIssue, key: 'code' | 'params' | 'place' | 'repeats', value: unknown): void {
  (issue as Record<typeof key, unknown>)[key] = value;
}

/**
 * The text of an English message another module hands over as a string (an ISBN's fault, a zod
 * message, a CSV record's), found among `codes` by its English: each code's English with its
 * parameters left open is a pattern. List the more specific codes first ("expected X, received
 * Y" before "expected X"). Null when none fits.
 */
export function textFromEnglish(english: string, codes: readonly ImportIssueCode[]): IssueText | null {
  for (const code of codes) {
    const { pattern, groups } = patternOf(code);
    const match = pattern.exec(english);
    if (match) return { code, params: groups.map((group) => match[group] ?? '') };
  }
  return null;
}

/** A code's English as a pattern, and the group that captures each parameter. */
const patterns = new Map<ImportIssueCode, { pattern: RegExp; groups: number[] }>();

function patternOf(code: ImportIssueCode): { pattern: RegExp; groups: number[] } {
  const known = patterns.get(code);
  if (known) return known;
  const english = issueEnglish[code] as (...params: string[]) => string;
  // A marker no message holds stands for each parameter; what lies between markers is literal.
  const parts = english(...Array.from({ length: english.length }, (_, i) => `\u0000${i}\u0000`)).split(/\u0000(\d+)\u0000/);
  const groups: number[] = Array.from({ length: english.length }, () => 0);
  let source = '';
  let count = 0;
  parts.forEach((part, i) => {
    if (i % 2 === 0) source += part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else {
      const param = Number(part);
      // A parameter said twice ("</a> where </b> was expected (… <b> opened …)") is the same text both times.
      if (groups[param]) source += `\\${groups[param]}`;
      else {
        groups[param] = ++count;
        source += '([\\s\\S]*?)';
      }
    }
  });
  const found = { pattern: new RegExp(`^${source}$`), groups };
  patterns.set(code, found);
  return found;
}
