/**
 * ISBNs, as catalogue files and marketplace listings write them.
 *
 * Two jobs with opposite temperaments:
 * - `checkIsbn` reads one catalogue cell and is strict: a cell that is not exactly one valid ISBN
 *   is an import error whose reason the user reads ("line 1 204, Print ISBN: ISBN
 *   978-0-306-48048-4 fails its checksum"), so every reason completes "ISBN <cell> …".
 * - `isbnsInText` reads a listing's title or description and is forgiving: sellers glue ISBNs to
 *   other numbers ("现货9780134685991正版", "20239780134685991"), so it slides a 13-digit window
 *   over every run of digits and keeps what starts with 978/979 and passes the checksum. A stray
 *   hit costs little (it only matters if the catalogue holds that exact ISBN); a missed ISBN is
 *   the strongest signal lost.
 */

export type IsbnCheck = { ok: true; isbn13: string } | { ok: false; reason: string };

/** "ISBN", "ISBN:", "ISBN-13:", "ISBN 10 ", "eISBN" before the number itself. */
const prefix = /^e?-?isbn(?:[-\s]?1[03])?\s*:?\s*/i;
/** Hyphens, dashes and spaces people put between the groups of an ISBN (after NFKC). */
const groupSeparators = /[\s\-\u2010-\u2015\u2212_]+/g;
/** What Excel makes of a 13-digit number: 9.78043902348e+12 (the last digits are gone). */
const scientific = /^\d(?:[.,]\d+)?e\+?\d+$/i;
const floatTail = /^(\d+)\.0+$/;

export function checkIsbn(raw: string): IsbnCheck {
  // NFKC: full-width digits, hyphens and colons from Chinese input methods become ASCII.
  const cell = raw.normalize('NFKC').trim();
  if (cell === '') return fail('is empty');
  if (scientific.test(cell)) {
    return fail(`is in scientific notation (${cell}): its last digits are lost`);
  }
  // "9780306480485.0": a spreadsheet stored the number as a float; the digits are intact.
  const written = cell.replace(prefix, '').replace(groupSeparators, '').replace(floatTail, '$1');
  if (written === '') return fail('has no digits');
  const stray = /[^0-9Xx]/.exec(written);
  if (stray) return fail(`contains "${stray[0]}", which is not part of an ISBN`);
  const compact = written.toUpperCase();
  const x = compact.indexOf('X');
  if (x !== -1 && !(compact.length === 10 && x === 9)) {
    return fail('has an X where only an ISBN-10 can have one, as its last character');
  }
  if (compact.length === 13) {
    if (!compact.startsWith('978') && !compact.startsWith('979')) {
      return fail('does not start with 978 or 979, as every ISBN-13 does');
    }
    return isValid13(compact) ? { ok: true, isbn13: compact } : fail('fails its checksum');
  }
  if (compact.length === 10) {
    return isValid10(compact) ? { ok: true, isbn13: from10(compact) } : fail('fails its checksum');
  }
  return fail(`has ${compact.length} digits, an ISBN has 10 or 13${lengthHint(compact)}`);
}

/** The checked ISBN-13 of a cell, or null when it is not a valid ISBN-10 or ISBN-13. */
export function isbn13(raw: string): string | null {
  const check = checkIsbn(raw);
  return check.ok ? check.isbn13 : null;
}

/** The ISBN-10 of a 978 ISBN-13 (older listings and editions print only that); 979s have none. */
export function isbn10(isbn13: string): string | null {
  if (!/^978\d{10}$/.test(isbn13) || !isValid13(isbn13)) return null;
  const body = isbn13.slice(3, 12);
  return body + check10(body);
}

/**
 * "978-0306480485": the prefix set apart so people can read it. Full hyphenation needs the
 * ISBN agency's range tables, which change; this is enough to read and compare by eye.
 */
export function formatIsbn13(isbn13: string): string {
  return /^97[89]\d{10}$/.test(isbn13) ? `${isbn13.slice(0, 3)}-${isbn13.slice(3)}` : isbn13;
}

/** Every ISBN-13 a listing's text contains (ISBN-10s converted), each once, in order of appearance. */
export function isbnsInText(text: string): string[] {
  const found = new Set<string>();
  // Most listing titles hold no digit at all: skip them without building anything.
  if (!/[0-9\uFF10-\uFF19]/.test(text)) return [];
  let i = 0;
  while (i < text.length) {
    if (digitAt(text, i) === -1) {
      i++;
      continue;
    }
    i = readRun(text, i, found);
  }
  return [...found];
}

// ---- Scanning listing text -------------------------------------------------------------------

/** 0–9 for ASCII and full-width digits, -1 otherwise. Char codes, not regexes: this runs per character. */
function digitAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 0xff10 && c <= 0xff19) return c - 0xff10;
  return -1;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0 || c === 0x3000;
}

function isDash(c: number): boolean {
  return c === 45 || c === 0xff0d || (c >= 0x2010 && c <= 0x2015) || c === 0x2212;
}

/** An X that ends an ISBN-10 ("030648048X"), not one that begins a word ("0306480484 Xerox"). */
function isCheckX(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  const isX = c === 88 || c === 120 || c === 0xff38 || c === 0xff58;
  return isX && !isLatinLetter(text.charCodeAt(i + 1));
}

/** Latin letters, ASCII or full-width: a number glued to one is a code ("SKU1234567890"), not an ISBN. */
function isLatinLetter(c: number): boolean {
  const lower = c | 0x20;
  if (lower >= 97 && lower <= 122) return true;
  return (c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a);
}

/** Spaces or dashes between two digit groups: "978 - 7 - 302" has three. */
const maxSeparatorRun = 3;

/**
 * Reads one run of digits starting at `start` (digit groups joined by spaces and dashes), records
 * the ISBNs in it and returns where the run ends. Within the run, tokens are the groups joined by
 * dashes only: an ISBN-10 must be a whole token, since its weak checksum (1 in 11 numbers pass)
 * would otherwise find "ISBNs" inside prices, phone numbers and SKU ids.
 */
function readRun(text: string, start: number, found: Set<string>): number {
  let run = '';
  let token = '';
  let tokenStart = start;
  let tokenGroups = 1;
  let i = start;
  const endToken = (end: number, withX: boolean) => {
    if (token.length + (withX ? 1 : 0) === 10) {
      const candidate = withX ? `${token}X` : token;
      if (isWholeIsbn10(text, tokenStart, end, tokenGroups) && isValid10(candidate)) {
        found.add(from10(candidate));
      }
    }
  };
  for (;;) {
    const d = digitAt(text, i);
    if (d !== -1) {
      const digit = String.fromCharCode(48 + d);
      run += digit;
      token += digit;
      i++;
      continue;
    }
    // An X ends an ISBN-10 ("030648048X") unless it begins a word ("0306480484 Xerox").
    if (token.length === 9 && isCheckX(text, i)) {
      endToken(i + 1, true);
      break;
    }
    let j = i;
    let spaced = false;
    while (j < text.length && j - i < maxSeparatorRun) {
      const c = text.charCodeAt(j);
      if (isSpace(c)) spaced = true;
      else if (!isDash(c)) break;
      j++;
    }
    if (j === i || digitAt(text, j) === -1) {
      // "0-8044-2957-X": the check character is a group of its own.
      if (j > i && !spaced && token.length === 9 && isCheckX(text, j)) {
        tokenGroups++;
        endToken(j + 1, true);
      } else {
        endToken(i, false);
      }
      break;
    }
    if (spaced) {
      endToken(i, false);
      token = '';
      tokenStart = j;
      tokenGroups = 1;
    } else {
      tokenGroups++;
    }
    i = j;
  }
  for (let w = 0; w + 13 <= run.length; w++) {
    if (run.charCodeAt(w) !== 57 || run.charCodeAt(w + 1) !== 55) continue;
    const third = run.charCodeAt(w + 2);
    if (third !== 56 && third !== 57) continue;
    const window = run.slice(w, w + 13);
    if (isValid13(window)) found.add(window);
  }
  return Math.max(i, start + 1);
}

/**
 * An ISBN-10 token stands alone: no Latin letter or digit glued to it (CJK text around it is
 * fine, Chinese has no spaces), and if hyphenated, in the four groups an ISBN-10 is printed in
 * ("0-306-48048-4"), not the two of a phone number ("021-5556789"). "ISBN" right before it
 * vouches for it whatever its shape.
 */
function isWholeIsbn10(text: string, start: number, end: number, groups: number): boolean {
  if (/isbn(?:[-\s]?10)?\s*[:：]?\s*$/i.test(text.slice(Math.max(0, start - 12), start))) {
    return true;
  }
  if (start > 0 && isLatinLetter(text.charCodeAt(start - 1))) return false;
  if (end < text.length && isLatinLetter(text.charCodeAt(end))) return false;
  // A decimal point joins it to a longer number ("1234567890.50" is a price).
  if (text[start - 1] === '.' || (text[end] === '.' && digitAt(text, end + 1) !== -1)) return false;
  return groups === 1 || groups === 4;
}

// ---- Checksums -------------------------------------------------------------------------------

/** ISBN-13 (EAN-13): digits weighted 1, 3, 1, 3 … sum to a multiple of 10. */
function isValid13(digits: string): boolean {
  let sum = 0;
  for (let k = 0; k < 13; k++) sum += (digits.charCodeAt(k) - 48) * (k % 2 === 0 ? 1 : 3);
  return sum % 10 === 0;
}

/** ISBN-10: digits weighted 10 down to 1 sum to a multiple of 11; X stands for 10, last only. */
function isValid10(chars: string): boolean {
  let sum = 0;
  for (let k = 0; k < 10; k++) {
    const value = chars[k] === 'X' ? 10 : chars.charCodeAt(k) - 48;
    sum += value * (10 - k);
  }
  return sum % 11 === 0;
}

function check10(body9: string): string {
  let sum = 0;
  for (let k = 0; k < 9; k++) sum += (body9.charCodeAt(k) - 48) * (10 - k);
  const check = (11 - (sum % 11)) % 11;
  return check === 10 ? 'X' : String(check);
}

function from10(isbn10: string): string {
  const body = `978${isbn10.slice(0, 9)}`;
  let sum = 0;
  for (let k = 0; k < 12; k++) sum += (body.charCodeAt(k) - 48) * (k % 2 === 0 ? 1 : 3);
  return body + ((10 - (sum % 10)) % 10);
}

function fail(reason: string): IsbnCheck {
  return { ok: false, reason };
}

/** The two spreadsheet accidents that give a wrong length, named so the user knows what to fix. */
function lengthHint(compact: string): string {
  if (compact.length < 10 && !compact.includes('X')) {
    const padded = compact.padStart(10, '0');
    if (isValid10(padded)) return ` (a spreadsheet may have dropped its leading zeros: ${padded})`;
  }
  if (compact.length === 20 || compact.length === 23 || compact.length === 26) {
    return ' (several ISBNs in one cell?)';
  }
  return '';
}
