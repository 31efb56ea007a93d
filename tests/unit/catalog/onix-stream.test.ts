// @vitest-environment node
/** Encodings, entities and the streaming contract (batches, progress, cancelling) of the ONIX importer. */
import { describe, expect, it } from 'vitest';
import { lineOf, onixMessage, product, runOnix } from './onix-input';

const declared = (encoding: string, text: string) => text.replace('encoding="UTF-8"', `encoding="${encoding}"`);
const utf16 = (text: string, endian: 'le' | 'be') => {
  const bytes = Buffer.from(`\ufeff${text}`, 'utf16le');
  if (endian === 'be') bytes.swap16();
  return new Uint8Array(bytes);
};

describe('encodings', () => {
  const chinese = onixMessage(product({ title: '电力电子学基础' }));

  it.each([
    ['UTF-8 with a BOM', new Uint8Array(Buffer.from(`\ufeff${chinese}`, 'utf8'))],
    ['UTF-16LE with a BOM', utf16(declared('UTF-16', chinese), 'le')],
    ['UTF-16BE with a BOM', utf16(declared('UTF-16', chinese), 'be')],
  ])('reads %s', async (_, bytes) => {
    const { summary, entries } = await runOnix(bytes, { chunkSize: 5 });
    expect(summary.issues).toEqual([]);
    expect(entries[0]?.title).toBe('电力电子学基础');
  });

  it.each([
    ['ISO-8859-1', 'Sj\xf6wall \xe9t\xe9', 'Sjöwall été'],
    // windows-1252 puts curly quotes at 0x91–0x94; ISO-8859-1 files from Windows usually mean it too.
    ['windows-1252', 'Kerry Packer\x92s \x93World\x94', 'Kerry Packer’s “World”'],
    ['iso-8859-1', 'Packer\x92s', 'Packer’s'],
  ])('reads a file declared %s', async (encoding, raw, title) => {
    const bytes = new Uint8Array(Buffer.from(declared(encoding, onixMessage(product({ title: raw }))), 'latin1'));
    const { summary, entries } = await runOnix(bytes, { chunkSize: 3 });
    expect(summary.issues).toEqual([]);
    expect(entries[0]?.title).toBe(title);
  });

  it('rejects a file that says UTF-8 but is not, at the line of the first bad byte', async () => {
    const text = onixMessage(product({ reference: 'a' }) + product({ reference: 'b', title: 'Caf\xe9' }));
    const { summary, entries } = await runOnix(new Uint8Array(Buffer.from(text, 'latin1')), { chunkSize: 16 });
    expect(summary.issues).toMatchObject([
      {
        severity: 'error',
        line: lineOf(text, 'Caf\xe9'),
        message: 'the file is not valid UTF-8 here (saved as windows-1252, ISO-8859-1 or GBK?): save it as UTF-8 or name its encoding in the XML declaration',
      },
    ]);
    expect(entries).toEqual([]);
  });

  it.each([
    ['an unknown encoding', declared('x-klingon', onixMessage(product())), 'the XML declaration names an encoding Colophon does not know: "x-klingon"'],
    ['UTF-16 declared in a single-byte file', declared('UTF-16', onixMessage(product())), 'the XML declaration says "UTF-16", but the file has no byte-order mark and is written in a single-byte encoding'],
  ])('rejects %s', async (_, text, message) => {
    expect((await runOnix(text)).summary.issues).toMatchObject([{ severity: 'error', line: 1, message }]);
  });
});

describe('entities and markup', () => {
  it('reads HTML entities as HTML does, with one warning for the file', async () => {
    const text = onixMessage(product({ reference: 'a', title: 'Caf&eacute; &ndash; &Eacute;t&eacute;' }) + product({ reference: 'b', title: 'Na&iuml;ve&nbsp;Art' }));
    const { summary, entries } = await runOnix(text);
    expect(entries.map((entry) => entry.title)).toEqual(['Café – Été', 'Naïve Art']);
    expect(summary.issues).toMatchObject([
      { severity: 'warning', line: lineOf(text, '&eacute;'), message: '&eacute; is an HTML entity, which XML does not define: read as "é", as are the file\'s other HTML 4 entities' },
    ]);
  });

  it('reads numeric references, CDATA, comments, processing instructions and a DOCTYPE with an internal subset', async () => {
    const text = onixMessage(product({ title: '<![CDATA[Tom & Jerry <Vol. 1>]]> &#x2013; &#8220;x&#8221;<!-- a > comment --><?pi data?>' })).replace(
      '<ONIXMessage',
      '<!DOCTYPE ONIXMessage [\n<!ENTITY x "y">\n]>\n<ONIXMessage',
    );
    const { summary, entries } = await runOnix(text, { chunkSize: 2 });
    expect(summary.issues).toEqual([]);
    expect(entries[0]?.title).toBe('Tom & Jerry <Vol. 1> – “x”');
  });

  it('counts lines the same with Windows line ends', async () => {
    const text = onixMessage(product({ reference: 'a' }) + product({ reference: 'b', isbn: '9780306406158' })).replace(/\n/g, '\r\n');
    const { summary } = await runOnix(text, { chunkSize: 7 });
    expect(summary.issues).toMatchObject([{ line: lineOf(text, '<ProductIdentifier>', text.indexOf('>b<')), message: 'ISBN 9780306406158 fails its checksum' }]);
  });
});

describe('the streaming contract', () => {
  const feed = (count: number) => onixMessage(Array.from({ length: count }, (_, i) => product({ reference: `r${i}` })).join(''));

  it('hands entries to the sink about 200 at a time, awaiting each batch', async () => {
    let writing = false;
    const sizes: number[] = [];
    const { summary } = await runOnix(feed(450), {
      chunkSize: 1024,
      sink: async (batch) => {
        expect(writing).toBe(false);
        writing = true;
        await new Promise((resolve) => setTimeout(resolve, 2));
        sizes.push(batch.length);
        writing = false;
      },
    });
    expect(summary).toMatchObject({ records: 450, entries: 450, issues: [] });
    expect(sizes.reduce((a, b) => a + b)).toBe(450);
    // A batch closes after the chunk that fills it: a few over 200 at most, the rest at the end.
    expect(sizes.slice(0, -1).every((size) => size >= 200 && size < 210)).toBe(true);
  });

  it('stops when the user cancels, rejecting with the reason', async () => {
    const controller = new AbortController();
    const reason = new DOMException('the user cancelled', 'AbortError');
    let batches = 0;
    const run = runOnix(feed(1000), {
      chunkSize: 1024,
      signal: controller.signal,
      sink: async () => {
        if (++batches === 1) controller.abort(reason);
      },
    });
    await expect(run).rejects.toBe(reason);
    expect(batches).toBe(1);
  });

  it('passes on a failing sink (the store could not write)', async () => {
    const failure = new Error('QuotaExceededError');
    await expect(runOnix(feed(300), { sink: () => Promise.reject(failure) })).rejects.toBe(failure);
  });
});
