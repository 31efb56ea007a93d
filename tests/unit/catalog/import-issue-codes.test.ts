/**
 * Import issues in English and Simplified Chinese: every code has a message in both
 * locales, the English one says exactly what the importers' English says, and real broken files
 * read the same in English through the locale catalogue as on the command line, and in Chinese
 * with the file's own values kept and no English sentence left.
 */
import { h, render } from 'preact';
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { IssueList } from '@/components/catalogue/IssueList';
import english from '@/public/_locales/en/messages.json';
import chinese from '@/public/_locales/zh_CN/messages.json';
import type { ColumnMapping } from '@/utils/catalog/import/csv-columns';
import { importJson } from '@/utils/catalog/import/json';
import { importIssueCodes, issueEnglish, type ImportIssueCode } from '@/utils/catalog/import/issue-codes';
import { describeIssueLocalised, type Translate } from '@/utils/catalog/import/issue-locale';
import { addRepeats, groupDigits, importIssue, issueItems, issueText, type IssueParam } from '@/utils/catalog/import/issue-text';
import { describeIssue, type ImportIssue } from '@/utils/catalog/import/types';
import { isbn13For, runCsv } from './csv-input';
import { byteStream, inputOf, powerElectronics } from './entries';
import { onixMessage, product, runOnix } from './onix-input';

interface Message {
  message: string;
  placeholders?: Record<string, { content: string }>;
}
type Catalogue = Record<string, Message>;

/** A message as chrome.i18n.getMessage fills it: named placeholders → $1…$9 → the substitutions. */
const speaker =
  (catalogue: Catalogue): Translate =>
  (key, ...substitutions) => {
    const entry = catalogue[key];
    if (!entry) throw new Error(`no message ${key}`);
    return entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (_, name: string) =>
      (entry.placeholders?.[name.toLowerCase()]?.content ?? '').replace(/\$(\d)/g, (__, n: string) => substitutions[Number(n) - 1] ?? ''),
    );
  };
const inEnglish = speaker(english as Catalogue);
const inChinese = speaker(chinese as Catalogue);

/** Keys that put an issue together rather than say one. */
const frameKeys = ['importIssueLine', 'importIssueLineWhere', 'importIssueRepeated', 'importIssueRepeatedOnce', 'importIssueListComma', 'importIssueListSemicolon'];
/** Messages made of their parameters only, the same in every language. */
const structural = new Set<ImportIssueCode>(['quoted', 'untranslated', 'isbnInvalid', 'csvSchemaProblem', 'onixSchemaProblem']);

/** Latin words a Chinese message may hold: acronyms, ONIX element names, file formats and JSON keys. */
const technical = new Set(['Excel', 'gzip', 'xlsx', 'xls', 'http', 's', 'Colophon', 'format', 'colophon-catalogue', 'entries', 'windows-1252', 'release', 'lt', 'amp', 'ONIXMessage', 'IDValue', 'Product']);
const foreignWords = (text: string) =>
  (text.match(/[A-Za-z][A-Za-z0-9-]*/g) ?? []).filter((word) => !/^[A-Z0-9-]+$/.test(word) && !/^(?:[A-Z][a-z]+){2,}$/.test(word) && !technical.has(word));

describe('the import issue codes', () => {
  const sample = (code: ImportIssueCode) => Array.from({ length: issueEnglish[code].length }, (_, i) => `‹${code}:${i + 1}›`);

  it('each have a message in English and Chinese, and the locales have no other importIssue keys', () => {
    const keys = [...frameKeys, ...importIssueCodes.map((code) => `importIssue_${code}`)].sort();
    for (const catalogue of [english, chinese]) expect(Object.keys(catalogue).filter((key) => key.startsWith('importIssue')).sort()).toEqual(keys);
  });

  it.each(importIssueCodes)('%s reads in English exactly as the importers write it', (code) => {
    const params = sample(code);
    expect(params.length).toBeLessThanOrEqual(9); // chrome.i18n takes at most nine substitutions
    const write = issueEnglish[code] as (...params: string[]) => string;
    expect(inEnglish(`importIssue_${code}`, ...params)).toBe(write(...params));
  });

  it.each(importIssueCodes.filter((code) => !structural.has(code)))('%s is said in Chinese, keeping every parameter', (code) => {
    const params = sample(code);
    const said = inChinese(`importIssue_${code}`, ...params);
    for (const param of params) expect(said).toContain(param);
    const rest = params.reduce((text, param) => text.replaceAll(param, ''), said);
    expect(rest).toMatch(/[\u4e00-\u9fff]/);
    expect(foreignWords(rest)).toEqual([]);
  });
});

/** The values an issue quotes from the file (and its numbers): said as they are in every language. */
function leaves(params: readonly IssueParam[]): string[] {
  return params.flatMap((param): string[] => {
    if (typeof param === 'string') return [param];
    if (typeof param === 'number') return [String(param)];
    return leaves('items' in param ? param.items : param.params);
  });
}

const read = async (text: string | Uint8Array) => (await importJson(typeof text === 'string' ? inputOf(text, 'catalogue.json') : { stream: byteStream(text), fileName: 'catalogue.json' }, { sink: async () => {} })).issues;
const csv = async (text: string | Uint8Array, mapping?: ColumnMapping) => (await runCsv(text, mapping ? { mapping } : {})).summary.issues;
const onix = async (text: string | Uint8Array) => (await runOnix(text)).summary.issues;

const csvHeader = 'Title,Author,ISBN,Year,Cover,Type,Publisher,Notes';
const csvRows = [
  'Good Book,Someone,9780306406157,2001,,,Springer,',
  'A Part,Someone,9780306406157,2001,,chapter,,',
  'Bad Checksum,Someone,978-0-306-48048-4,,,,,',
  'Rounded,Someone,9.78031E+12,,,,,',
  'Rounded Again,Someone,9.78032E+12,,,,,',
  'Zeros Lost,Someone,306406152,,,,,',
  'Zeros Lost Badly,Someone,306406153,,,,,',
  ...['Zero A', 'Zero B', 'Zero C'].map((title) => `${title},Someone,,0,,,,`),
  'Too Old,Someone,,1200,,,,',
  'Undated,Someone,,soon,,,,',
  'No Cover,Someone,,,ftp://example.com/c.jpg,,,',
  ',Nobody,,,,,,',
  `${'Long '.repeat(201)},Someone,,,,,,`,
  `Long Publisher,Someone,,,,,${'P'.repeat(301)},`,
  `Long Name,${'Ab'.repeat(151)},,,,,,`,
  `Many ISBNs,Someone,${Array.from({ length: 51 }, (_, i) => isbn13For(100 + i)).join(';')},,,,,`,
  `Many People,${Array.from({ length: 101 }, (_, i) => `Person${i} Surname`).join('; ')},,,,,,`,
  'Bad Bytes \uFFFD,Someone,,,,,,',
  'a,b,c,d,e,f,g,h,i',
  '"Quoted"after,Someone,,,,,,',
  'Again,Someone,9780306406157,,,,,',
  'Partly Again,Someone,9780306406157;9781491957660,,,,,',
];

const onixIsbns = ['978-0-306-48048-4', '12345678901', '306406152', '97803064061579781491957660', '1234567890128', '978030640615a', '97803064X6157', '9.78E+12', 'ISBN'];
const onixProducts = [
  product({ reference: 'gone', notification: '05' }),
  product({ reference: '', notification: '05', isbn: '9781491957660' }),
  ...onixIsbns.map((isbn, i) => product({ reference: `isbn-${i}`, isbn })),
  product({ reference: 'untitled', title: null }),
  product({ reference: '', title: null, isbn: '9781491957660' }),
  product({ reference: '', isbn: null }),
  product({ reference: 'no-isbn', isbn: null }),
  product({ reference: 'twice' }),
  product({ reference: 'twice' }),
  product({ reference: 'caf&eacute;' }),
  product({ reference: 'long', title: 'T'.repeat(1001) }),
  product({ reference: 'related', after: '<RelatedMaterial><RelatedProduct><ProductRelationCode>06</ProductRelationCode><ProductIdentifier><ProductIDType>15</ProductIDType><IDValue>9780134686005</IDValue></ProductIdentifier></RelatedProduct></RelatedMaterial>' }),
  '<Product>\n<RecordReference>update</RecordReference>\n<NotificationType>04</NotificationType>\n<ProductIdentifier><ProductIDType>15</ProductIDType></ProductIdentifier>\n</Product>\n',
  '<Product>\n<NotificationType>04</NotificationType>\n<ProductIdentifier><ProductIDType>15</ProductIDType><IDValue>9781491957660</IDValue></ProductIdentifier>\n</Product>\n',
];
const onixRoot = '<ONIXMessage release="3.0">';
const latin1 = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));
const entryFile = (entries: unknown[]) => JSON.stringify({ format: 'colophon-catalogue', version: 1, name: 'Test', entries }, null, 1);

/** Broken files, and the codes each must give. */
const samples: Array<[string, () => Promise<ImportIssue[]>, ImportIssueCode[]]> = [
  ['a CSV file with a problem on every row', () => csv(`${csvHeader}\n${csvRows.join('\n')}\n`), [
    'csvColumnsUnused', 'csvPartOfBook', 'isbnInvalid', 'isbnChecksum', 'csvIsbnScientific', 'csvIsbnPadded', 'isbnPaddedChecksum', 'csvYearZero', 'csvYearOutOfRange',
    'csvYearUnreadable', 'csvCoverInvalid', 'csvNoTitle', 'csvTitleTooLong', 'csvTextTooLong', 'csvNameTooLong', 'csvTooManyIsbns', 'csvTooManyPeople', 'csvBadBytes',
    'csvRowTooManyCells', 'csvTextAfterQuote', 'csvDuplicateRow', 'csvDuplicateIsbn', 'quoted',
  ]],
  ['a CSV file with an unnamed column', () => csv('Title,,ISBN\nBook,978-0-306-48048-4,\n', [{ field: 'title' }, { field: 'isbn' }, null]), ['isbnInvalid', 'column']],
  ['a CSV file without a title column', () => csv('Name,,Price\nPython,1,99\n'), ['csvNoTitleColumn', 'column']],
  ['a CSV file with 31 columns and no title', () => csv(`${Array.from({ length: 31 }, (_, i) => `C${i}`).join(',')}\n1\n`), ['csvNoTitleColumn']],
  ['a CSV file whose header never closes a quote', () => csv('"Title,ISBN\n'), ['csvHeaderMalformed', 'csvQuoteNeverCloses']],
  ['a CSV file with only a header', () => csv('Title,ISBN\n'), ['csvHeaderOnly']],
  ['an empty CSV file', () => csv(''), ['fileEmpty']],
  ['a CSV file with another file’s mapping', () => csv('Title,ISBN\nA,1\n', [{ field: 'title' }]), ['csvMappingMismatch']],
  // Past a million characters without a line end, a record is taken for a runaway.
  ['a CSV record that never ends', () => csv(`Title\nA\n${'x'.repeat(1_200_000)}\n`), ['csvRecordTooLong']],
  ['a CSV quote that never closes', () => csv(`Title\nA\n"${'x'.repeat(1_200_000)}\n`), ['csvQuoteNotClosedWithin']],
  ['1 500 bad CSV rows', () => csv(`Title,ISBN\n${Array.from({ length: 1500 }, (_, i) => `Book ${i},978-0-306-48048-4`).join('\n')}\n`), ['csvMoreNotListed']],
  ...([
    ['an .xlsx', [0x50, 0x4b, 0x03, 0x04, 0x14, 0x06, 0x08, 0x08], 'csvNotTextXlsx'],
    ['an .xls', [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 'csvNotTextXls'],
    ['a PDF', [0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x34], 'csvNotTextPdf'],
    ['a gzip archive', [0x1f, 0x8b, 0x08, 0x08, 0x12, 0x34, 0x56, 0x78], 'csvNotTextGzip'],
    ['binary bytes', [0x54, 0x69, 0x00, 0x00, 0x00, 0x74, 0x6c, 0x65, 0x0a, 0x00], 'csvNotTextBinary'],
  ] as const).map(([name, bytes, code]): (typeof samples)[number] => [`${name} named .csv`, () => csv(new Uint8Array(bytes)), [code]]),

  ['an ONIX feed with a problem in every product', () => onix(onixMessage(onixProducts.join(''))), [
    'onixDeletion', 'onixDeletionNamed', 'isbnInvalid', 'isbnChecksum', 'isbnLength', 'isbnLengthZerosDropped', 'isbnLengthSeveral', 'isbnNotBookland', 'isbnStrayCharacter',
    'isbnMisplacedX', 'isbnScientific', 'isbnNoDigits', 'onixNoTitle', 'onixNoTitleNamed', 'onixNoRecordReference', 'onixNoIsbn', 'onixRecordAgain',
    'onixHtmlEntity', 'onixSchemaProblem', 'schemaStringTooLong', 'isbnInvalidLeftOut', 'onixBlockUpdate', 'onixBlockUpdateNamed', 'onixIdentifierWithoutValue',
  ]],
  ['an ONIX feed without products', () => onix(onixMessage('')), ['onixNoProduct']],
  ['an empty ONIX file', () => onix(new Uint8Array(0)), ['fileEmpty']],
  ['an ONIX feed cut inside a product', () => onix(`${onixRoot}\n${product().slice(0, 60)}`), ['onixTruncatedProduct']],
  ['1 005 products with bad ISBNs', () => onix(onixMessage(Array.from({ length: 1005 }, (_, i) => product({ reference: `r${i}`, isbn: '978-0-306-48048-4' })).join(''))), ['onixMoreNotListed']],
  ...([
    ['another XML format', '<catalog/>', 'onixWrongRoot'],
    ['ONIX 2.1', '<ONIXMessage release="2.1"/>', 'onixOldRelease'],
    ['ONIX without a release', '<ONIXMessage/>', 'onixNoRelease'],
    ['XML cut inside the header', `${onixRoot}\n<Header>\n`, 'xmlTruncated'],
    ['XML cut inside a tag', `${onixRoot}\n<Header`, 'xmlTruncatedTag'],
    ['XML without a root', '<?xml version="1.0"?>\n<!-- nothing -->\n', 'xmlNoRoot'],
    ['mismatched tags', `${onixRoot}\n<Header></Sender>`, 'xmlMismatchedTags'],
    ['an end tag after the root', `${onixRoot}</ONIXMessage>\n</Extra>`, 'xmlClosesNothing'],
    ['a second root', `${onixRoot}</ONIXMessage>\n<ONIXMessage>`, 'xmlSecondRoot'],
    ['an attribute twice', '<ONIXMessage release="3.0" release="3.0">', 'xmlDuplicateAttribute'],
    ['an unquoted attribute', '<ONIXMessage release=3.0>', 'xmlMalformedStartTag'],
    ['text before the root', 'isbn,title\n', 'xmlTextBeforeRoot'],
    ['text after the root', `${onixRoot}</ONIXMessage>\ntrailing`, 'xmlTextAfterRoot'],
    ['CDATA outside the root', `${onixRoot}</ONIXMessage>\n<![CDATA[x]]>`, 'xmlCdataOutsideRoot'],
    ['a DOCTYPE inside the root', `${onixRoot}\n<!DOCTYPE x>\n</ONIXMessage>`, 'xmlDoctypeAfterRoot'],
    ['a stray "<"', `${onixRoot}\n<Header>a < b</Header>`, 'xmlStrayLessThan'],
    ['a "<" inside a tag', `${onixRoot}\n<Header a="1" <b>`, 'xmlLessThanInTag'],
    ['unknown markup', `${onixRoot}\n<!ELEMENT x>`, 'xmlUnexpectedMarkup'],
    ['a stray "&"', `${onixRoot}\n<Header>Fish & Chips</Header>`, 'xmlStrayAmpersand'],
    ['an unknown entity', `${onixRoot}\n<Header>&bogus;</Header>`, 'xmlUnknownEntity'],
    ['a forbidden character', `${onixRoot}\n<Header>&#1;</Header>`, 'xmlForbiddenCharacter'],
    ['a comment that never ends', `${onixRoot}\n<!--${'x'.repeat(8.5 * 1024 * 1024)}`, 'xmlMarkupNeverEnds'],
    ['UTF-16 declared without a BOM', '<?xml version="1.0" encoding="UTF-16"?><ONIXMessage/>', 'xmlUtf16WithoutBom'],
    ['an unknown encoding', '<?xml version="1.0" encoding="x-klingon"?><ONIXMessage/>', 'xmlUnknownEncoding'],
  ] as const).map(([name, text, code]): (typeof samples)[number] => [name, () => onix(text), [code]]),
  ['windows-1252 bytes in a UTF-8 file', () => onix(latin1(onixMessage(product({ title: 'Café' })))), ['xmlNotValidUtf8']],
  ['a broken UTF-16 file', () => onix(new Uint8Array([0xff, 0xfe, 0x3c, 0, 0x41, 0, 0x00, 0xd8, 0x41, 0])), ['xmlNotValidEncoding']],

  ['an empty JSON file', () => read(''), ['fileEmpty']],
  ['broken JSON', () => read('{"format": "colophon-catalogue",\n"entries": [}'), ['jsonInvalid']],
  ['JSON that is not UTF-8', () => read(new Uint8Array([0x7b, 0xc3, 0x28, 0x7d])), ['jsonNotUtf8']],
  ['another JSON file', () => read('{"format": "other"}'), ['jsonNotColophon']],
  ['a later version', () => read('{"format": "colophon-catalogue", "version": 2}'), ['jsonVersion']],
  ['no entries', () => read('{"format": "colophon-catalogue", "version": 1}'), ['jsonNoEntries']],
  ['entries that do not fit the schema', () => read(entryFile([
    { ...powerElectronics, title: 5, version: 2, year: 3000 },
    { ...powerElectronics, title: '', year: 1000, subtitle: undefined },
    { ...powerElectronics, title: 'T'.repeat(1001), isbns: ['abc'] },
    { ...powerElectronics, isbns: Array.from({ length: 51 }, (_, i) => isbn13For(i)), coverUrl: 'ftp://example.com/c.jpg', contributors: [{ name: 'A', role: 'boss' }] },
  ])), [
    'schemaInvalidType', 'schemaInvalidValue', 'schemaTooBig', 'schemaStringTooShort', 'schemaTooSmall', 'schemaStringTooLong', 'schemaPattern', 'isbnChecksum',
    'schemaTooManyItems', 'schemaUrl', 'schemaInvalidOption',
  ]],
];

/** Codes no file in `samples` gives, and why. */
const unreached: Partial<Record<ImportIssueCode, string>> = {
  untranslated: 'only for an English text Colophon does not recognise',
  csvNotAnEntry: 'rows become valid entries by construction; checked as a safeguard',
  csvSchemaProblem: 'inside csvNotAnEntry',
  isbnEmpty: 'importers never check an empty cell',
  jsonUnreadable: 'a file over 64 MB, or a failing disk',
  jsonTooLarge: 'a file over 64 MB',
  schemaTooFewItems: 'no list in an entry has a minimum length',
};

const codesOf = (issue: ImportIssue): ImportIssueCode[] => {
  const inner = (params: readonly IssueParam[]): ImportIssueCode[] =>
    params.flatMap((param) => (typeof param !== 'object' ? [] : 'items' in param ? inner(param.items) : [param.code, ...inner(param.params)]));
  return [issue.code!, ...inner(issue.params ?? []), ...(issue.place ? [issue.place.code] : [])];
};

describe('real broken files', () => {
  const seen = new Set<ImportIssueCode>();

  it.each(samples)('%s: reads the same in English, and in Chinese', async (_, run, expected) => {
    const issues = await run();
    expect(issues.length).toBeGreaterThan(0);
    const codes = issues.flatMap(codesOf);
    expect(codes).toEqual(expect.arrayContaining(expected));
    expect(codes).not.toContain('untranslated');
    codes.forEach((code) => seen.add(code));
    for (const issue of issues) {
      expect(describeIssueLocalised(issue, inEnglish)).toBe(describeIssue(issue));
      const said = describeIssueLocalised(issue, inChinese);
      expect(said.startsWith(`第 ${groupDigits(issue.line)} 行`)).toBe(true);
      const kept = [...leaves(issue.params!), ...(issue.where && !issue.place ? [issue.where] : [])];
      for (const value of kept) expect(said).toContain(value);
      const rest = kept.reduce((text, value) => text.replaceAll(value, ''), said);
      expect([issue.message, foreignWords(rest)]).toEqual([issue.message, []]);
    }
  }, 30_000);

  it('give every code but those no file can reach', () => {
    const missing = importIssueCodes.filter((code) => !seen.has(code) && !(code in unreached));
    expect(missing).toEqual([]);
    expect(Object.keys(unreached).filter((code) => seen.has(code as ImportIssueCode))).toEqual([]);
  });
});

describe('issues on the options page', () => {
  it('carry their code and parameters beside the English, and keep them through a structured clone', async () => {
    const [issue] = await csv('Title,ISBN\nA,978-0-306-48048-4\n');
    expect(issue).toMatchObject({ severity: 'error', line: 2, where: 'ISBN', message: 'ISBN 978-0-306-48048-4 fails its checksum' });
    expect([issue!.code, issue!.params]).toEqual(['isbnInvalid', ['978-0-306-48048-4', { code: 'isbnChecksum', params: [] }]]);
    expect(structuredClone(issue)).toEqual(issue);
  });

  it('say an issue made elsewhere, without a code, in its English', () => {
    const issue: ImportIssue = { severity: 'warning', line: 1204, message: 'something' };
    expect(describeIssueLocalised(issue, inChinese)).toBe('line 1\u202f204: something');
  });

  it('are listed in the browser’s language', async () => {
    vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(((key: string, substitutions?: string | string[]) =>
      inChinese(key as never, ...(substitutions === undefined ? [] : [substitutions].flat()))) as typeof fakeBrowser.i18n.getMessage);
    const issues = await csv('Title,Year,Notes\nA,0\nB,0\nC,0\n');
    const container = document.createElement('div');
    render(h(IssueList, { issues }), container);
    expect([...container.querySelectorAll('[data-testid="import-issue"]')].map((item) => item.textContent)).toEqual([
      '警告第 1 行：未使用的列：“Notes”',
      '警告第 2 行，Year：年份为 0（文件以此表示“未知”）：留空（另有 2 行同样如此）',
    ]);
    render(null, container);
  });
});

describe('how an issue is put together', () => {
  it('reads the same in English for every frame: place, list of either kind, repeats', () => {
    const problems = issueItems([issueText('csvSchemaProblem', 'title', issueText('schemaStringTooShort', '>=1')), issueText('csvSchemaProblem', 'year', issueText('schemaTooSmall', 'number', '>=1400'))], 'semicolon');
    const issue = importIssue('error', 12_345, issueText('csvNotAnEntry', problems), issueText('column', 3));
    addRepeats(issue, 1);
    expect(issue.message).toBe('the row could not become a catalogue entry: title Too small: expected string to have >=1 characters; year Too small: expected number to be >=1400 (and 1 more row like this)');
    expect(describeIssueLocalised(issue, inEnglish)).toBe(describeIssue(issue));
    expect(describeIssueLocalised(issue, inChinese)).toBe('第 12\u202f345 行，第 3 列：此行无法转换为书目条目：title：过短：字符数应 >=1；year：过小：number 应 >=1400（另有 1 行同样如此）');
  });
});
