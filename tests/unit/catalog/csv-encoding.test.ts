// @vitest-environment node
/**
 * Encodings the CSV importer meets: Excel's "CSV UTF-8" (with a BOM), "Unicode text" (UTF-16),
 * Chinese Excel's GBK, Western Excel's windows-1252, and files that are not text at all. The
 * non-UTF-8 bytes are built here from one small catalogue, so every encoding must give the same
 * entries.
 */
import { describe, expect, it } from 'vitest';
import { detectEncoding, NotTextError } from '@/utils/catalog/import/encoding';
import { runCsv } from './csv-input';

const catalogue = [
  '书名,中文书名,作者,ISBN,出版社,出版年',
  'Fundamentals of Power Electronics,电力电子学基础,"Robert W. Erickson, Dragan Maksimovic",978-0-306-48048-5,Springer,2001',
  '数据分析,,黄永祥,9787302524892,清华大学出版社,2019',
  '',
].join('\r\n');

const utf8 = (text: string) => new TextEncoder().encode(text);
const utf16le = (text: string) => new Uint8Array(Buffer.from(text, 'utf16le'));
const utf16be = (text: string) => utf16le(text).map((_, i, bytes) => bytes[i ^ 1]!);
const withBom = (bom: number[], bytes: Uint8Array) => new Uint8Array([...bom, ...bytes]);

/**
 * GBK bytes for `text`: the reverse of the platform's GBK decoder over the two-byte code space
 * (lead 0x81–0xFE, trail 0x40–0xFE but 0x7F), so no encoder table is shipped or trusted.
 */
function gbk(text: string): Uint8Array {
  const decoder = new TextDecoder('gbk');
  const bytesOf = new Map<string, number[]>();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const character = decoder.decode(new Uint8Array([lead, trail]));
      if (character.length === 1 && !bytesOf.has(character)) bytesOf.set(character, [lead, trail]);
    }
  }
  const out: number[] = [];
  for (const character of text) {
    const code = character.charCodeAt(0);
    if (code < 0x80) out.push(code);
    else if (bytesOf.has(character)) out.push(...bytesOf.get(character)!);
    else throw new Error(`${character} is not in GBK`);
  }
  return new Uint8Array(out);
}

const expectedEntries = [
  {
    id: '9780306480485',
    title: 'Fundamentals of Power Electronics',
    otherTitles: [{ language: 'zh', title: '电力电子学基础' }],
    contributors: [
      { name: 'Robert W. Erickson', role: 'author' },
      { name: 'Dragan Maksimovic', role: 'author' },
    ],
    publisher: 'Springer',
    year: 2001,
  },
  { id: '9787302524892', title: '数据分析', contributors: [{ name: '黄永祥', role: 'author' }], publisher: '清华大学出版社' },
];

describe('CSV encodings', () => {
  it.each([
    ['UTF-8', utf8(catalogue), 'utf-8'],
    ['UTF-8 with BOM', withBom([0xef, 0xbb, 0xbf], utf8(catalogue)), 'utf-8'],
    ['UTF-16 LE with BOM', withBom([0xff, 0xfe], utf16le(catalogue)), 'utf-16le'],
    ['UTF-16 BE with BOM', withBom([0xfe, 0xff], utf16be(catalogue)), 'utf-16be'],
    ['UTF-16 LE without BOM', utf16le(catalogue), 'utf-16le'],
    ['UTF-16 BE without BOM', utf16be(catalogue), 'utf-16be'],
    ['GBK (Chinese Excel)', gbk(catalogue), 'gb18030'],
  ])('%s gives the same entries', async (_, bytes, encoding) => {
    for (const chunkSize of [65536, 3]) {
      const run = await runCsv(bytes, { chunkSize });
      expect(run.errors).toEqual([]);
      expect(run.summary.encoding).toBe(encoding);
      // The BOM never sticks to the first header, so 书名 is still found as the title column.
      expect(run.summary.headers[0]).toBe('书名');
      expect(run.entries).toMatchObject(expectedEntries);
    }
  });

  it('switches to GBK where the first Chinese character comes after thousands of ASCII rows', async () => {
    const ascii = Array.from({ length: 3000 }, (_, i) => `Book ${i},Author ${i},,Press,2001`).join('\n');
    const text = `书名,作者,ISBN,出版社,出版年\n${ascii}\n电力电子学,黄永祥,9787302524892,清华大学出版社,2019\n`;
    const bytes = new Uint8Array([...utf8('Title,Author,ISBN,Publisher,Year\n'), ...gbk(text.slice(text.indexOf('\n') + 1))]);
    const run = await runCsv(bytes, { chunkSize: 4096 });
    expect(run.errors).toEqual([]);
    expect(run.summary.encoding).toBe('gb18030');
    expect(run.entries).toHaveLength(3001);
    expect(run.entries.at(-1)).toMatchObject({ title: '电力电子学', contributors: [{ name: '黄永祥', role: 'author' }], publisher: '清华大学出版社' });
  });

  it('reads a Western Excel export (windows-1252) without mojibake', async () => {
    const bytes = new Uint8Array(Buffer.from('Title;Author;ISBN\nLes Misérables;Victor Hugo;9780140444308\nÜber Bücher;Jörg Müller;\n', 'latin1'));
    const run = await runCsv(bytes);
    expect(run.summary).toMatchObject({ encoding: 'windows-1252', delimiter: ';' });
    expect(run.entries.map((entry) => entry.title)).toEqual(['Les Misérables', 'Über Bücher']);
    expect(run.entries[1]!.contributors).toEqual([{ name: 'Jörg Müller', role: 'author' }]);
  });

  it('warns, per column, about bytes that are not UTF-8 in a UTF-8 file', async () => {
    const bytes = new Uint8Array([...utf8('Title,Author\nÉtudes,Zoë\nBad '), 0xff, ...utf8(' byte,Someone\n')]);
    const run = await runCsv(bytes);
    expect(run.errors).toEqual([]);
    expect(run.warnings).toEqual([expect.stringMatching(/^line 3, Title: holds bytes that are not valid in the file’s encoding \(shown as �\)/)]);
    expect(run.entries.map((entry) => entry.title)).toEqual(['Études', 'Bad � byte']);
  });
});

describe('files that are not text', () => {
  /** Deterministic "random" bytes (a linear congruential generator), so a failure can be replayed. */
  function randomBytes(length: number, seed = 42): Uint8Array {
    const bytes = new Uint8Array(length);
    let state = seed;
    for (let i = 0; i < length; i++) {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      bytes[i] = state >>> 24;
    }
    return bytes;
  }

  it('refuses random bytes with a line-numbered error, staging nothing', async () => {
    const run = await runCsv(randomBytes(200_000));
    expect(run.messages).toEqual(['line 1: this is not a CSV text file: it holds control characters and NUL bytes that text never has']);
    expect(run.summary).toMatchObject({ records: 0, entries: 0, encoding: null, headers: [] });
    expect(run.batches).toEqual([]);
  });

  it('names an Excel workbook saved under a .csv name', async () => {
    const xlsx = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...randomBytes(5000)]);
    const run = await runCsv(xlsx);
    expect(run.errors).toEqual(['line 1: this is not a CSV text file: it looks like an Excel workbook (.xlsx) or another ZIP archive: save it as "CSV UTF-8" first']);
  });

  it('detectEncoding throws NotTextError for NUL bytes outside a UTF-16 pattern', () => {
    expect(() => detectEncoding(new Uint8Array([0x54, 0x69, 0x00, 0x00, 0x00, 0x74, 0x6c, 0x65, 0x0a, 0x00]))).toThrow(NotTextError);
  });
});
