// @vitest-environment node
/** Reading single CSV cells and headers: ISBN cells, people, years, text, and column names. */
import { describe, expect, it } from 'vitest';
import { cleanText, isbnTokens, readIsbn, readYear } from '@/utils/catalog/import/csv-cells';
import { guessColumn, guessMapping } from '@/utils/catalog/import/csv-columns';
import { PeopleConvention, splitPeople } from '@/utils/catalog/import/csv-people';

const names = (cell: string, convention?: PeopleConvention) => splitPeople(cell, 'author', convention).map((person) => person.name);

describe('isbnTokens and readIsbn', () => {
  it.each([
    ['978-0-306-48048-5', ['978-0-306-48048-5']],
    ['9783319611938 / 9783319611945', ['9783319611938', '9783319611945']],
    ['9783038424840/9783038424857', ['9783038424840', '9783038424857']],
    ['978 1 86365 433 3', ['978 1 86365 433 3']],
    ['0979729270 9780979729270', ['0979729270', '9780979729270']],
    ['9789027295958 (Eb); 9789027217035 (Hb)', ['9789027295958', '9789027217035']],
    ['ISBN-13: 978-0-306-48048-5', ['978-0-306-48048-5']],
    ['="0439023483"', ['0439023483']],
    ['N/A', []],
    ['', []],
  ])('%j → %j', (cell, tokens) => {
    expect(isbnTokens(cell)).toEqual(tokens);
  });

  it('reads ISBN-10s, ISBN-13s, lost leading zeros and scientific notation', () => {
    expect(readIsbn('978-0-306-48048-5')).toEqual({ kind: 'isbn', isbn13: '9780306480485' });
    expect(readIsbn('0306406152')).toEqual({ kind: 'isbn', isbn13: '9780306406157' });
    expect(readIsbn('439023483')).toEqual({ kind: 'padded', isbn13: '9780439023481', padded: '0439023483' });
    expect(readIsbn('80442957X')).toEqual({ kind: 'padded', isbn13: '9780804429573', padded: '080442957X' });
    expect(readIsbn('195170342.0')).toEqual({ kind: 'padded', isbn13: '9780195170344', padded: '0195170342' });
    expect(readIsbn('9.78043902348e+12')).toEqual({ kind: 'scientific' });
    expect(readIsbn('978-0-306-48048-4')).toEqual({ kind: 'invalid', reason: 'fails its checksum' });
    expect(readIsbn('812971060')).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('(0812971060)') });
  });
});

describe('splitPeople', () => {
  it.each([
    ['Robert W. Erickson, Dragan Maksimovic', ['Robert W. Erickson', 'Dragan Maksimovic']],
    ['Trevor Hastie, Robert Tibshirani and Jerome Friedman', ['Trevor Hastie', 'Robert Tibshirani', 'Jerome Friedman']],
    ['Benchimol, Jaime Larry (org.); Sá, Magali Romero (org.)', ['Benchimol, Jaime Larry', 'Sá, Magali Romero']],
    ['Ingram ,Sue; Kent ,Lia', ['Ingram, Sue', 'Kent, Lia']],
    ['Galambos, Imre', ['Galambos, Imre']],
    ['Erickson, R. W.', ['Erickson, R. W.']],
    ['van der Berg, Jan', ['van der Berg, Jan']],
    ['Kurt, Jr. Vonnegut', ['Kurt, Jr. Vonnegut']],
    ['Rush H., III Limbaugh', ['Rush H., III Limbaugh']],
    ['Robert Erickson and Dragan Maksimovic', ['Robert Erickson', 'Dragan Maksimovic']],
    ['Better Homes and Gardens', ['Better Homes and Gardens']],
    ['Mary-Kate & Ashley Olsen', ['Mary-Kate & Ashley Olsen']],
    ['张三、李四', ['张三', '李四']],
    ['张三，李四', ['张三', '李四']],
  ])('%j → %j', (cell, people) => {
    expect(names(cell)).toEqual(people);
  });

  it('reads roles written after names', () => {
    expect(splitPeople('Tredy, Dennis (Editor); Duperray, Annick (eds.); Doe, Jane (trans.)', 'author')).toEqual([
      { name: 'Tredy, Dennis', role: 'editor' },
      { name: 'Duperray, Annick', role: 'editor' },
      { name: 'Doe, Jane', role: 'translator' },
    ]);
    expect(splitPeople('[美] 罗伯特 主编; 张三 译', 'author')).toEqual([
      { name: '罗伯特', role: 'editor' },
      { name: '张三', role: 'translator' },
    ]);
  });

  it('reads "Plato, Desmond Lee" by the column’s own convention', () => {
    const lists = new PeopleConvention();
    names('J.K. Rowling, Mary GrandPré', lists);
    expect(names('Plato, Desmond Lee', lists)).toEqual(['Plato', 'Desmond Lee']);
    const surnames = new PeopleConvention();
    names('Georgi, Claudia; Glaser, Brigitte Johanna', surnames);
    expect(names('Cardoso, Fernando Henrique', surnames)).toEqual(['Cardoso, Fernando Henrique']);
  });
});

describe('readYear and cleanText', () => {
  it.each([
    ['2001', { year: 2001 }],
    ['2008.0', { year: 2008 }],
    ['2001-05-01', { year: 2001 }],
    ['2019年5月', { year: 2019 }],
    ['', { year: null }],
    ['0', { year: null, problem: 'zero' }],
    ['-720.0', { year: null, problem: 'out of range' }],
    ['10-1', { year: null, problem: 'unreadable' }],
  ])('year %j → %j', (cell, reading) => {
    expect(readYear(cell)).toEqual(reading);
  });

  it('decodes complete entities only, once', () => {
    expect(cleanText('Simon &amp; Schuster')).toBe('Simon & Schuster');
    expect(cleanText('John Wiley &amp Sons')).toBe('John Wiley &amp Sons');
    expect(cleanText('&amp;lt;b&amp;gt;')).toBe('&lt;b&gt;');
    expect(cleanText('Fines Hominis?&#127; Zur Geschichte')).toBe('Fines Hominis? Zur Geschichte');
    expect(cleanText('Caf&#xE9; &#233;t&eacute;')).toBe('Café ét&eacute;');
  });

  it('keeps formula-looking text as text, dropping only the apostrophe that guarded it', () => {
    expect(cleanText('=HYPERLINK("http://evil.example","Click")')).toBe('=HYPERLINK("http://evil.example","Click")');
    expect(cleanText("'=1+1")).toBe('=1+1');
    expect(cleanText("'Tis the Season")).toBe("'Tis the Season");
    expect(cleanText('  two\n lines  ')).toBe('two lines');
    expect(cleanText('N/A')).toBeNull();
  });
});

describe('guessColumn and guessMapping', () => {
  it.each([
    ['Book Title', { field: 'title' }],
    ['书名', { field: 'title' }],
    ['题名', { field: 'title' }],
    ['Chinese Title', { field: 'otherTitle', language: 'zh' }],
    ['中文书名', { field: 'otherTitle', language: 'zh' }],
    ['Title (zh)', { field: 'otherTitle', language: 'zh' }],
    ['original_title', { field: 'otherTitle', language: 'und' }],
    ['ISBN-13', { field: 'isbn' }],
    ['Electronic ISBN', { field: 'isbn' }],
    ['eISBN', { field: 'isbn' }],
    ['isbn13_derived', { field: 'isbn' }],
    ['ISBN编号', { field: 'isbn' }],
    ['EAN', { field: 'isbn' }],
    ['Contributor(s)', { field: 'authors' }],
    ['作者', { field: 'authors' }],
    ['Editors', { field: 'editors' }],
    ['original_publication_year', { field: 'year' }],
    ['Copyright Year', { field: 'year' }],
    ['image_url', { field: 'coverUrl' }],
    ['Series Title', null],
    ['small_image_url', null],
    ['Added on date', null],
  ])('%j → %j', (header, target) => {
    expect(guessColumn(header)).toEqual(target);
  });

  it('lets an English title stand in when no column is the plain title', () => {
    expect(guessMapping(['中文书名', 'English Title', 'ISBN'])).toEqual([
      { field: 'otherTitle', language: 'zh' },
      { field: 'title' },
      { field: 'isbn' },
    ]);
  });
});
