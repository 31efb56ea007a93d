// @vitest-environment node
/** The streaming CSV parser: RFC 4180 quoting, line endings, delimiters, lines, and text cut anywhere. */
import { describe, expect, it } from 'vitest';
import { CsvParser, detectDelimiter, type CsvDelimiter, type CsvRecord } from '@/utils/catalog/import/csv-parse';

/** Parses `text` pushed in pieces of `piece` characters (1: every possible cut). */
function parse(text: string, piece = text.length || 1, delimiter: CsvDelimiter | null = null, maxRecordChars?: number): CsvRecord[] {
  const parser = new CsvParser(delimiter, maxRecordChars);
  const out: CsvRecord[] = [];
  for (let i = 0; i < text.length; i += piece) parser.push(text.slice(i, i + piece), out);
  parser.end(out);
  return out;
}

const tricky = [
  'title,author,isbn',
  '"Fundamentals of Power Electronics","Robert W. Erickson, Dragan Maksimovic",978-0-306-48048-5',
  '"The ""Quoted"" Book",Someone,',
  '"A title over',
  'two lines",Author,9780306406157',
  '12" Ruler,Maker,',
  '',
  'last,row,without newline',
].join('\r\n');

describe('CsvParser', () => {
  it('reads quoted delimiters, doubled quotes and line breaks, with the line each record starts on', () => {
    expect(parse(tricky)).toEqual([
      { line: 1, fields: ['title', 'author', 'isbn'] },
      { line: 2, fields: ['Fundamentals of Power Electronics', 'Robert W. Erickson, Dragan Maksimovic', '978-0-306-48048-5'] },
      { line: 3, fields: ['The "Quoted" Book', 'Someone', ''] },
      { line: 4, fields: ['A title over\r\ntwo lines', 'Author', '9780306406157'] },
      // A quote inside an unquoted field is text, as Excel reads it.
      { line: 6, fields: ['12" Ruler', 'Maker', ''] },
      { line: 8, fields: ['last', 'row', 'without newline'] },
    ]);
  });

  it.each([1, 2, 3, 7, 64])('gives the same records however the text is cut (pieces of %i)', (piece) => {
    expect(parse(tricky, piece)).toEqual(parse(tricky));
  });

  it.each([
    ['LF', '\n'],
    ['CR', '\r'],
    ['CRLF', '\r\n'],
  ])('counts lines with %s line ends, also inside quotes', (_, end) => {
    const text = ['a,b', '"x', 'y",1', 'z,2', ''].join(end);
    expect(parse(text, 1).map((record) => record.line)).toEqual([1, 2, 4]);
  });

  it('reports an unterminated quote at the line it opens on, and reads on from the next line', () => {
    const text = 'title,isbn\n"Unclosed title,9780306406157\nNext Book,9780306406157\n';
    expect(parse(text)).toEqual([
      { line: 1, fields: ['title', 'isbn'] },
      { line: 2, error: 'a quoted field in column 1 opens on this line and never closes: is a quote missing?' },
      { line: 3, fields: ['Next Book', '9780306406157'] },
    ]);
  });

  it('does not hold a runaway quoted field past its limit, and resumes after its first line', () => {
    const text = `title,isbn\n"Runaway,1\n${'filler line,2\n'.repeat(100)}`;
    const records = parse(text, 50, ',', 200);
    expect(records[1]).toEqual({
      line: 2,
      error: 'a quoted field opens on this line and does not close within 200 characters: is a quote missing?',
    });
    expect(records[2]).toEqual({ line: 3, fields: ['filler line', '2'] });
    expect(records).toHaveLength(102);
  });

  it('flags text after a closing quote, keeping the record in step with the lines', () => {
    const records = parse('a,b\n"x"y,1\nc,d\n');
    expect(records[1]).toEqual({ line: 2, error: expect.stringMatching(/^column 1 has text after its closing quote/) });
    expect(records[2]).toEqual({ line: 3, fields: ['c', 'd'] });
  });

  it('skips blank lines but keeps rows of empty cells', () => {
    expect(parse('a,b\n\n\n,\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 4, fields: ['', ''] },
    ]);
  });
});

describe('detectDelimiter', () => {
  it.each<[string, CsvDelimiter]>([
    ['Title,Author,ISBN\nA,B,1\n', ','],
    ['Title;Author;ISBN\n"A, with comma";B;1\n', ';'],
    ['Title\tAuthor\tISBN\nA, B\tC\t1\n', '\t'],
    ['Title|Author|ISBN\nA|B|1\n', '|'],
    // Commas inside quotes do not count.
    ['"Title, long";ISBN\n"A, B, C";1\n', ';'],
    // One column: nothing to split, comma by default.
    ['Title\nA\n', ','],
  ])('%j → %j', (sample, delimiter) => {
    expect(detectDelimiter(sample)).toBe(delimiter);
  });

  it('chooses the delimiter that splits every line alike over the one with most hits on one line', () => {
    expect(detectDelimiter('Title;Author\nA, B, C, D;E\nF;G\n')).toBe(';');
  });

  it('is detected by the parser from the first lines, even when they arrive a character at a time', () => {
    const parser = new CsvParser();
    const out: CsvRecord[] = [];
    for (const character of 'Title;ISBN\nA;1\nB;2\n') parser.push(character, out);
    parser.end(out);
    expect(parser.delimiter).toBe(';');
    expect(out.map((record) => ('fields' in record ? record.fields : record.error))).toEqual([['Title', 'ISBN'], ['A', '1'], ['B', '2']]);
  });
});
