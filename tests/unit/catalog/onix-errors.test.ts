// @vitest-environment node
/**
 * Broken ONIX files: each must be rejected with the line (and element) the user needs to fix it,
 * and with nothing handed to the sink: a bad file changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { lineOf, macmillan, onixMessage, product, runOnix } from './onix-input';

const latin1 = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));

describe('files that are not ONIX 3.0', () => {
  it.each([
    ['a 0-byte file', '', 1, 'the file is empty'],
    ['a file of blank lines', '\n\n  \n', 1, 'the file is empty'],
    ['an HTML page', '<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><title>Books</title></head><body><br></body></html>', 2, 'not an ONIX 3.0 file: the root element is <html>, not <ONIXMessage>'],
    ['a CSV file', 'isbn,title\n9780306406157,A Title\n', 1, 'text before the first tag: this is not an XML file'],
    ['another XML format', '<?xml version="1.0"?>\n<!-- export -->\n<catalog><book/></catalog>', 3, 'not an ONIX 3.0 file: the root element is <catalog>, not <ONIXMessage>'],
    ['ONIX 2.1 (release attribute)', '<ONIXMessage release="2.1"><Header/></ONIXMessage>', 1, 'this is ONIX release 2.1, not 3.0: ask for an ONIX 3.0 export'],
    ['ONIX 2.1 (DOCTYPE, no release)', '<?xml version="1.0"?>\n<!DOCTYPE ONIXMessage SYSTEM "http://www.editeur.org/onix/2.1/reference/onix-international.dtd">\n<ONIXMessage><Header/></ONIXMessage>', 3, 'not an ONIX 3.0 file: <ONIXMessage> has neither release="3.0" nor the ONIX 3.0 namespace (ONIX 2.1?)'],
  ])('rejects %s', async (_, text, line, message) => {
    const { summary, entries } = await runOnix(text);
    expect(summary.issues).toMatchObject([{ severity: 'error', line, message }]);
    expect(summary.records).toBe(0);
    expect(entries).toEqual([]);
  });
});

describe('malformed XML: stops at the first fault, with its line', () => {
  it('names the product a truncated file ends inside', async () => {
    const xml = macmillan();
    const fifth = xml.indexOf('<Product>', xml.indexOf('<RecordReference>9780765396419') - 200);
    const cut = xml.slice(0, xml.indexOf('</Measure>', fifth) + 4);
    const { summary, entries } = await runOnix(latin1(cut));
    const lastLine = cut.split('\n').length;
    expect(summary.issues).toMatchObject([
      { severity: 'error', line: lineOf(xml, '<Product>', fifth), where: 'Product[5]', message: `the file ends inside <Product> (truncated XML; the last line is ${lastLine})` },
    ]);
    expect(summary.records).toBe(4); // the four before it were read, and kept back
    expect(entries).toEqual([]);
  });

  it('reports a file cut between products, after the last one', async () => {
    const text = onixMessage(product()).replace('</ONIXMessage>\n', '');
    const { summary } = await runOnix(text);
    expect(summary.issues).toMatchObject([{ severity: 'error', line: 2, message: 'the file ends inside <ONIXMessage> (truncated XML)' }]);
  });

  it('reports mismatched tags where the wrong end tag is', async () => {
    const xml = macmillan();
    const second = xml.indexOf('<RecordReference>9781509851775');
    const broken = xml.slice(0, second) + xml.slice(second).replace('</KeyNames>', '</KeyName>');
    const { summary, entries } = await runOnix(latin1(broken));
    const line = lineOf(broken, '</KeyName>', second);
    expect(summary.issues).toMatchObject([
      { severity: 'error', line, where: 'Product[2]', message: `</KeyName> where </KeyNames> was expected (mismatched tags: <KeyNames> opened on line ${line})` },
    ]);
    expect(summary.records).toBe(1);
    expect(entries).toEqual([]);
  });

  it.each([
    ['an unknown entity', 'Tom &foo; Jerry', 'unknown entity &foo;'],
    ['a bare ampersand', 'Tom & Jerry', 'a "&" that starts no entity: "& Jerry" (write &amp; for a literal "&")'],
    ['a character XML forbids', 'Bell &#7;', '&#7; is not a character XML allows'],
    ['a "<" in text', 'a < b', 'a "<" that does not start a tag: "< b</TitleText></TitleElement>" (write &lt; for a literal "<")'],
  ])('rejects %s', async (_, title, message) => {
    const text = onixMessage(product({ title }));
    const { summary } = await runOnix(text);
    expect(summary.issues).toMatchObject([{ severity: 'error', line: lineOf(text, '<TitleDetail>'), where: 'Product[1]', message }]);
  });

  it('rejects a second root element and text after the root', async () => {
    expect((await runOnix(`${onixMessage(product())}<ONIXMessage/>`)).summary.issues[0]).toMatchObject({ line: 16, message: 'a second root element <ONIXMessage>: content after the end of the document' });
    expect((await runOnix(`${onixMessage(product())}trailing`)).summary.issues[0]).toMatchObject({ line: 16, message: 'text after the end of the root element' });
  });
});

describe('faulty products: every one reported, reading goes on', () => {
  it('reports a bad ISBN checksum at its ProductIdentifier, in the real feed', async () => {
    const xml = macmillan();
    const broken = xml.replace('<IDValue>9781509886036</IDValue>', '<IDValue>9781509886037</IDValue>');
    const { summary, entries } = await runOnix(latin1(broken));
    const bad = broken.indexOf('<IDValue>9781509886037');
    expect(summary.issues[0]).toMatchObject({
      severity: 'error',
      line: lineOf(broken, '<ProductIdentifier>', broken.lastIndexOf('<ProductIdentifier>', bad)),
      where: 'Product[3]/ProductIdentifier',
      message: 'ISBN 9781509886037 fails its checksum',
    });
    expect(summary.records).toBe(21); // read to the end, to list every error
    expect(entries).toEqual([]);
  });

  it('lists every bad record, and imports the rest only when the user chose to skip them', async () => {
    const text = onixMessage(product({ reference: 'a' }) + product({ reference: 'b', isbn: '9780306406158' }) + product({ reference: 'c', title: null }) + product({ reference: 'd' }));
    const strict = await runOnix(text);
    const issues = [
      { severity: 'error', line: lineOf(text, '<ProductIdentifier>', text.indexOf('>b<')), where: 'Product[2]/ProductIdentifier', message: 'ISBN 9780306406158 fails its checksum' },
      { severity: 'error', line: lineOf(text, '<DescriptiveDetail>', text.indexOf('>c<')), where: 'Product[3]/DescriptiveDetail', message: 'the product has no title (a TitleDetail with TitleType 01 and a TitleText or TitleWithoutPrefix) (RecordReference c)' },
    ];
    expect(strict.summary).toMatchObject({ format: 'onix', records: 4, entries: 0, issues });
    const lenient = await runOnix(text, { skipInvalidRecords: true });
    expect(lenient.summary).toMatchObject({ format: 'onix', records: 4, entries: 2, issues });
    expect(lenient.entries.map((entry) => entry.id)).toEqual(['a', 'd']);
  });

  it('skips deletions and warns about products without an ISBN (still imported: the title matches)', async () => {
    const text = onixMessage(product({ reference: 'gone', notification: '05' }) + product({ reference: 'no-isbn', isbn: null }));
    const { summary, entries } = await runOnix(text);
    expect(summary.issues).toMatchObject([
      { severity: 'warning', line: 4, where: 'Product[1]', message: 'a deletion notice (NotificationType 05) (RecordReference gone): skipped' },
      { severity: 'warning', line: lineOf(text, '<Product>', text.lastIndexOf('<Product>', text.indexOf('no-isbn'))), where: 'Product[2]', message: 'no ISBN (RecordReference no-isbn): imported, matched by title and author only' },
    ]);
    expect(entries).toMatchObject([{ id: 'no-isbn', isbns: [], title: 'A Title' }]);
  });

  it('caps the list at 1000 issues with a closing count', async () => {
    const text = onixMessage(Array.from({ length: 1005 }, (_, i) => product({ reference: `r${i}`, isbn: '9780306406158' })).join(''));
    const { summary } = await runOnix(text);
    expect(summary.issues).toHaveLength(1001);
    expect(summary.issues.at(-1)).toMatchObject({ severity: 'error', message: '… and 5 more (5 errors, 0 warnings) not listed: past 1000, this is most likely the wrong file' });
  });
});
