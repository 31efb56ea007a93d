import { describe, expect, it } from 'vitest';
import { checkIsbn, formatIsbn13, isbn10, isbn13, isbnsInText } from '@/utils/catalog/isbn';
import { sharedColumn } from '../../support/catalog/shared-data';

const springer = 'catalog-springer-free-textbooks-2020.csv';
const bookcrossing = 'catalog-bookcrossing.csv';
const goodbooks = 'catalog-goodbooks10k.csv';
const dangdang = 'listings-dangdang-bestsellers.csv';

describe('checkIsbn: a catalogue cell', () => {
  it.each([
    ['978-0-306-48048-5', '9780306480485'],
    ['9780306480485', '9780306480485'],
    ['978 0 306 48048 5', '9780306480485'],
    ['  ISBN 978-0-306-48048-5 ', '9780306480485'],
    ['ISBN-13: 978-0-306-48048-5', '9780306480485'],
    ['isbn13 9780306480485', '9780306480485'],
    ['ISBN：９７８－０３０６４８０４８５', '9780306480485'], // full-width, from a Chinese input method
    ['978\u20130\u2013306\u201348048\u20135', '9780306480485'], // en dashes
    ['978\u00a00306\u00a048048\u00a05', '9780306480485'], // no-break spaces
    ['9780306480485.0', '9780306480485'], // a spreadsheet float, digits intact
    ['979-10-90636-07-1', '9791090636071'], // 979: has no ISBN-10
    ['0306480484', '9780306480485'], // ISBN-10 → 978 + 9 digits + new check digit
    ['0-306-48048-4', '9780306480485'],
    ['ISBN 10: 0-306-48048-4', '9780306480485'],
    ['0-8044-2957-X', '9780804429573'],
    ['080442957x', '9780804429573'],
    ['０８０４４２９５７Ｘ', '9780804429573'],
  ])('reads %j as %s', (cell, expected) => {
    expect(checkIsbn(cell)).toEqual({ ok: true, isbn13: expected });
  });

  it.each([
    ['978-0-306-48048-4', 'fails its checksum'],
    ['0-306-48048-5', 'fails its checksum'],
    ['978030648048', 'has 12 digits, an ISBN has 10 or 13'],
    ['9.78043902348e+12', 'is in scientific notation (9.78043902348e+12): its last digits are lost'],
    ['9.79E+12', 'is in scientific notation (9.79E+12): its last digits are lost'],
    ['439023483', 'has 9 digits, an ISBN has 10 or 13 (a spreadsheet may have dropped its leading zeros: 0439023483)'],
    ['9781552388655 9781552388662', 'has 26 digits, an ISBN has 10 or 13 (several ISBNs in one cell?)'],
    ['978-0-306-48048-5 (pbk)', 'contains "(", which is not part of an ISBN'],
    ['B00009EF82', 'contains "B", which is not part of an ISBN'],
    ['978030648048X', 'has an X where only an ISBN-10 can have one, as its last character'],
    ['03064804X4', 'has an X where only an ISBN-10 can have one, as its last character'],
    ['9770306480484', 'does not start with 978 or 979, as every ISBN-13 does'],
    ['', 'is empty'],
    ['   ', 'is empty'],
    ['ISBN:', 'has no digits'],
  ])('rejects %j: it %s', (cell, reason) => {
    expect(checkIsbn(cell)).toEqual({ ok: false, reason });
  });

  it('reads every Print and Electronic ISBN of the Springer list, hyphens and all', () => {
    for (const column of ['Print ISBN', 'Electronic ISBN']) {
      const cells = sharedColumn(springer, column);
      expect(cells).toHaveLength(407);
      for (const cell of cells) expect(isbn13(cell), cell).toBe(cell.replaceAll('-', ''));
    }
  });

  it('converts every Book-Crossing ISBN-10 to the ISBN-13 derived beside it, and rejects the 9 invalid ones', () => {
    const isbns = sharedColumn(bookcrossing, 'isbn');
    const derived = sharedColumn(bookcrossing, 'isbn13_derived');
    const converted = isbns.map((cell) => isbn13(cell) ?? '');
    expect(converted).toEqual(derived);
    expect(converted.filter((isbn) => isbn === '')).toHaveLength(9);
  });

  it('names the Excel damage in the Douban and goodbooks columns instead of importing garbage', () => {
    const reasons = (cells: string[]) => {
      const counts: Record<string, number> = {};
      for (const cell of cells) {
        const check = checkIsbn(cell);
        const kind = check.ok ? 'ok' : check.reason.replace(/\(.*?\)/, '(…)').replace(/\d+ digits/, 'N digits');
        counts[kind] = (counts[kind] ?? 0) + 1;
      }
      return counts;
    };
    // SOURCES.md: 2,793 valid, 1,829 mangled to 9.79E+12, 85 empty.
    expect(reasons(sharedColumn('listings-douban-academic.csv', 'ISBN'))).toEqual({
      ok: 2793,
      'is in scientific notation (…): its last digits are lost': 1829,
      'is empty': 85,
    });
    const goodbooksIsbn13 = reasons(sharedColumn(goodbooks, 'isbn13'));
    expect(goodbooksIsbn13.ok ?? 0).toBe(0);
    expect(goodbooksIsbn13['is in scientific notation (…): its last digits are lost']).toBe(9410);
    // Leading zeros lost: the reason offers the padded ISBN-10 whenever padding makes a valid one.
    const goodbooksIsbn = reasons(sharedColumn(goodbooks, 'isbn'));
    expect(goodbooksIsbn['has N digits, an ISBN has 10 or 13 (…)']).toBeGreaterThan(6000);
  });
});

describe('isbn10 and formatIsbn13', () => {
  it('gives back every Book-Crossing ISBN-10 from its ISBN-13', () => {
    const derived = sharedColumn(bookcrossing, 'isbn13_derived');
    const isbns = sharedColumn(bookcrossing, 'isbn').filter((_, row) => derived[row] !== '');
    expect(derived.filter((isbn) => isbn !== '').map(isbn10)).toEqual(isbns.map((isbn) => isbn.toUpperCase()));
  });

  it.each([
    ['9780804429573', '080442957X'],
    ['9791090636071', null], // 979 ISBNs never had an ISBN-10
    ['9780306480484', null], // bad checksum
    ['978-0-306-48048-5', null], // takes the checked ISBN-13, not a cell
  ])('isbn10(%s) is %s', (isbn, expected) => {
    expect(isbn10(isbn)).toBe(expected);
  });

  it('sets the prefix apart', () => {
    expect(formatIsbn13('9780306480485')).toBe('978-0306480485');
    expect(formatIsbn13('9791090636071')).toBe('979-1090636071');
  });
});

describe('isbnsInText: a listing title or description', () => {
  it.each([
    ['现货9780134685991正版', ['9780134685991']],
    ['20239780134685991', ['9780134685991']],
    ['ISBN9780134685991 2023版', ['9780134685991']],
    ['978-7-302-60917-9', ['9787302609179']],
    ['978 - 7 - 302 - 60917 - 9 清华', ['9787302609179']],
    ['978 7 302 60917 9', ['9787302609179']],
    ['ＩＳＢＮ：９７８－７－３０２－６０９１７－９', ['9787302609179']],
    ['实战Python网络爬虫(黄永祥;9787302524892;清华大学出版社;99.00)', ['9787302524892']],
    ['9787302524892 + 9780134685991 套装 9787302524892', ['9787302524892', '9780134685991']],
    ['97873025248929780134685991', ['9787302524892', '9780134685991']], // two glued together
    ['英文原版 0306480484 现货', ['9780306480485']],
    ['现货0306480484正版', ['9780306480485']],
    ['ISBN 0-306-48048-4', ['9780306480485']],
    ['ISBN:030-648048-4', ['9780306480485']], // "ISBN" vouches for an odd grouping
    ['ISBN 0-8044-2957-X', ['9780804429573']],
    ['080442957x.', ['9780804429573']],
    ['0306480484 Xerox', ['9780306480485']],
  ])('finds the ISBNs in %j', (text, expected) => {
    expect(isbnsInText(text)).toEqual(expected);
  });

  it.each([
    ['Fundamentals of Power Electronics 第2版', 'no digits that could be one'],
    ['9780134685992', 'a checksum that fails'],
    ['9.78013468599e+12', 'scientific notation'],
    ['SKU0306480484', 'a valid ISBN-10 glued to a code'],
    ['QQ0306480484', 'a valid ISBN-10 glued to letters'],
    ['80306480484', 'a valid ISBN-10 inside a longer digit run'],
    ['03064804841', 'a valid ISBN-10 followed by another digit'],
    ['¥0306480484.50', 'a valid ISBN-10 that is the whole part of a price'],
    ['电话 0306-480484', 'a phone number in two groups'],
    ['030-648048-4 号', 'three groups without "ISBN" before them'],
    ['080442957xyz', 'an X that begins a word'],
    ['2023 7302 6091 79', 'numbers that only spaces join into ten digits'],
  ])('finds nothing in %j (%s)', (text) => {
    expect(isbnsInText(text)).toEqual([]);
  });

  it('finds the ISBN in every Dangdang product record that holds a valid one', () => {
    const records = sharedColumn(dangdang, 'keys');
    let found = 0;
    sharedColumn(dangdang, 'isbn_derived').forEach((derived, row) => {
      const isbns = isbnsInText(records[row] ?? '');
      if (isbn13(derived) === null) return expect(isbns).toEqual([]);
      expect(isbns).toEqual([derived]);
      found++;
    });
    expect(found).toBe(930);
  });

  it('finds every ISBN of a multi-ISBN DOAB cell, whatever separates them', () => {
    expect(isbnsInText('9783319586878 / 9783319586892')).toEqual(['9783319586878', '9783319586892']);
    expect(isbnsInText('157233617X 9781572336179')).toEqual(['9781572336179']);
    expect(isbnsInText('978 1 86365 433 3')).toEqual(['9781863654333']);
  });

  it('stays linear on hostile input (a megabyte of digits, separators and Xs)', () => {
    const started = performance.now();
    for (const unit of ['9', '97 ', '1-X', '9-', '现货9780134685991正版 ']) {
      isbnsInText(unit.repeat(Math.ceil(1_000_000 / unit.length)));
    }
    // About 1 s on a busy laptop; a backtracking regex would take minutes.
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});
