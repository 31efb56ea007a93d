/**
 * Reading one CSV cell into the value a catalogue entry holds: text, ISBNs, a year, a cover URL
 * (people: csv-people.ts). Pure functions; csv-entry.ts decides what is an error and what a warning.
 *
 * Cells are data, never formulas: "=HYPERLINK(…)" stays that text and nothing here evaluates
 * anything. (Whatever writes catalogue text back into a spreadsheet must prefix cells starting
 * with = + - @ with an apostrophe; reading, we drop that apostrophe again.)
 */
import { checkIsbn } from '../isbn';
import { englishOf, issueText } from './issue-text';

/** "N/A", "—", "无": a cell that says it is empty. */
const placeholder = /^(?:n\/?a|none|null|nil|-+|—|–|无|暂无)$/i;

/** Anything cleanText would change: entities, controls, spaces other than single ASCII ones inside, a leading apostrophe. */
const needsCleaning = /[&\u0000-\u001f\u007f]|\s\s|^\s|\s$|[^\S ]|^'/;

/** Text as an entry holds it (trimmed, spaces collapsed, entities decoded), or null when empty. */
export function cleanText(cell: string): string | null {
  // Most cells need none of the work below: a scan of native regex code says so.
  if (cell !== '' && !needsCleaning.test(cell)) return placeholder.test(cell) ? null : cell;
  let text = cell;
  // The apostrophe spreadsheets and careful exporters put before formula-like text to keep it text.
  if (/^'[=+\-@]/.test(text)) text = text.slice(1);
  text = decodeEntities(text)
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return text === '' || placeholder.test(text) ? null : text;
}

/**
 * HTML entities some exports leave in text ("Simon &amp; Schuster"). Only complete ones, ending
 * in ";", are decoded: "John Wiley &amp Sons" stays as written, since "&amp" followed by a
 * space could as well be the start of an abbreviation. One pass, so "&amp;lt;" becomes "&lt;".
 */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|(amp|lt|gt|quot|apos|nbsp));/gi, (entity, dec, hex, name) => {
    if (name) return named[String(name).toLowerCase()] ?? entity;
    const code = dec ? Number(dec) : parseInt(String(hex), 16);
    if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return entity;
    // A control character is never meant ("Fines Hominis?&#127;"): the entity is dropped.
    return code < 0x20 || (code >= 0x7f && code < 0xa0) ? '' : String.fromCodePoint(code);
  });
}
const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

// ---- ISBNs -----------------------------------------------------------------------------------

export type IsbnReading =
  | { kind: 'isbn'; isbn13: string }
  /** Digits a spreadsheet stored as a number, which lost their leading zeros (goodbooks' isbn). */
  | { kind: 'padded'; isbn13: string; padded: string }
  /** Excel's 9.78043902348e+12: the last digits are gone, nothing can bring them back. */
  | { kind: 'scientific' }
  | { kind: 'invalid'; reason: string };

/**
 * The ISBNs a cell holds, each as written: one or several, separated by spaces, ; , / or |
 * ("9783319611938 / 9783319611945"), with qualifiers around them ("(Eb)", "ISBN-13:").
 * Digit groups separated by single spaces are one ISBN when together they make one
 * ("978 1 86365 433 3"). Excel's ="…" (written to keep leading zeros) is read as its text.
 */
export function isbnTokens(cell: string): string[] {
  let text = cell.trim();
  const excelText = /^="(.*)"$/.exec(text);
  if (excelText) text = excelText[1]!;
  // A decimal comma would otherwise split "9,78043902348E+12" in two.
  if (/^\d,\d+e\+?\d+$/i.test(text)) return [text];
  const tokens: string[] = [];
  const groups = text
    .replace(/\([^)]*\)|\[[^\]]*\]|（[^）]*）/g, ' ')
    .split(/[;,，；、/|]+/);
  for (const group of groups) {
    const words = group
      .split(/\s+/)
      .map((word) => word.replace(/^(?:[ep]-?)?(?:isbn|ean|gtin)(?:-?1[03])?[:：]?/i, ''))
      .filter((word) => /[0-9０-９]/.test(word));
    for (let i = 0; i < words.length; i++) {
      const joined = joinSpacedGroups(words, i);
      tokens.push(joined.token);
      i = joined.last;
    }
  }
  return tokens;
}

function joinSpacedGroups(words: string[], first: number): { token: string; last: number } {
  const start = words[first]!;
  const digits = (word: string) => (/^[0-9０-９\-‐]+[Xx]?$/.test(word) ? word.replace(/[^0-9０-９Xx]/g, '').length : -1);
  let count = digits(start);
  if (count === -1 || count >= 10) return { token: start, last: first };
  const target = /^(?:978|979)/.test(start) ? 13 : 10;
  for (let i = first + 1; i < words.length; i++) {
    const more = digits(words[i]!);
    if (more === -1) break;
    count += more;
    if (count === target) return { token: words.slice(first, i + 1).join(' '), last: i };
    if (count > target) break;
  }
  return { token: start, last: first };
}

export function readIsbn(token: string): IsbnReading {
  // A spreadsheet float ("195170342.0") is its integer.
  const written = /^\d+\.0+$/.test(token) ? token.replace(/\.0+$/, '') : token;
  if (/^\d(?:[.,]\d+)?e\+?\d+$/i.test(written)) return { kind: 'scientific' };
  // 7 to 9 characters: an ISBN-10 of group 0 whose leading zeros a number column dropped.
  if (/^\d{6,8}[\dX]$/i.test(written)) {
    const padded = written.toUpperCase().padStart(10, '0');
    const check = checkIsbn(padded);
    if (check.ok) return { kind: 'padded', isbn13: check.isbn13, padded };
    return { kind: 'invalid', reason: englishOf(issueText('isbnPaddedChecksum', written.length, padded)) };
  }
  const check = checkIsbn(written);
  return check.ok ? { kind: 'isbn', isbn13: check.isbn13 } : { kind: 'invalid', reason: check.reason };
}

// ---- Year and cover --------------------------------------------------------------------------

export type YearReading = { year: number; problem?: undefined } | { year: null; problem?: 'zero' | 'out of range' | 'unreadable' };

/** "2001", "2008.0" (a float column), "2001-05-01", "2001年5月". Year 0 is how datasets say "unknown". */
export function readYear(cell: string): YearReading {
  const text = cleanText(cell);
  if (!text) return { year: null };
  const number = /^(-?\d+)(?:\.0+)?$/.exec(text);
  const year = number ? Number(number[1]) : Number(/(?<!\d)(\d{4})(?!\d)/.exec(text)?.[1] ?? NaN);
  if (Number.isNaN(year)) return { year: null, problem: 'unreadable' };
  if (year === 0) return { year: null, problem: 'zero' };
  if (year < 1400 || year > 2200) return { year: null, problem: 'out of range' };
  return { year };
}

/** An http(s) URL, null when empty or Goodreads' "no photo" placeholder, 'invalid' otherwise. */
export function readCoverUrl(cell: string): string | null | 'invalid' {
  const text = cleanText(cell);
  if (!text || /\/nophoto\//.test(text)) return null;
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && text.length <= 2000 ? text : 'invalid';
  } catch {
    return 'invalid';
  }
}
