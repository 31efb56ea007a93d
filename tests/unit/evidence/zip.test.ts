// @vitest-environment node
/** The bundle ZIP writer and reader together: what goes in comes out, in order, byte for byte. */
import { describe, expect, it } from 'vitest';
import { crc32 } from '@/utils/evidence/bundle/crc32';
import { zipStream, type ZipEntry } from '@/utils/evidence/bundle/zip-writer';
import { blobSource, entryBytes, openEntry, readZipDirectory, ZipEntryError } from '@/utils/evidence/bundle/zip-reader';
import { bytesSource, chunkStream, collect, firstDifference, noise, utf8 } from '../../support/evidence/zip-helpers';

const zipBytes = (entries: ZipEntry[], options?: Parameters<typeof zipStream>[1]) => collect(zipStream(entries, options));

describe('zipStream → readZipDirectory', () => {
  it('round-trips names, order and bytes from every kind of data', async () => {
    const screenshot = noise(3_000_001, 2);
    const page = utf8('<html><title>盗版书</title></html>');
    const parts = [noise(1000, 3), noise(1, 4), noise(70_000, 5)];
    const archive = await zipBytes([
      { name: 'manifest.json', data: utf8('{"version":1}') },
      { name: 'evidence/0001/screenshot.png', data: new Blob([screenshot]) },
      { name: 'evidence/0001/page.html', data: chunkStream([page]).stream },
      { name: 'evidence/0001/listing.json', data: () => chunkStream(parts).stream },
      { name: 'evidence/0001/empty.txt', data: new Uint8Array() },
      { name: 'evidence/0001/empty-stream.bin', data: chunkStream([]).stream },
    ]);
    const source = blobSource(new Blob([archive]));
    const entries = await readZipDirectory(source);
    expect(entries.map((entry) => entry.name)).toEqual([
      'manifest.json',
      'evidence/0001/screenshot.png',
      'evidence/0001/page.html',
      'evidence/0001/listing.json',
      'evidence/0001/empty.txt',
      'evidence/0001/empty-stream.bin',
    ]);
    expect(entries.every((entry) => entry.problems.length === 0 && entry.method === 0 && !entry.directory)).toBe(true);
    const expected = [utf8('{"version":1}'), screenshot, page, Uint8Array.from(parts.flatMap((part) => [...part])), new Uint8Array(), new Uint8Array()];
    for (const [i, entry] of entries.entries()) {
      expect(entry.size).toBe(expected[i]!.length);
      expect(entry.crc32).toBe(crc32(expected[i]!));
      expect(firstDifference(await entryBytes(source, entry), expected[i]!)).toBe(-1);
      expect(firstDifference(await collect(openEntry(source, entry, { chunkSize: 65536 })), expected[i]!)).toBe(-1);
    }
  });

  it('writes UTF-8 names, Chinese included, with the UTF-8 flag', async () => {
    const names = ['证据/淘宝/截图 1.png', 'évidence/Ülysses — 初版.json', '📚/书.txt'];
    const archive = await zipBytes(names.map((name) => ({ name, data: utf8(name) })));
    const source = bytesSource(archive);
    const entries = await readZipDirectory(source);
    expect(entries.map((entry) => entry.name)).toEqual(names);
    for (const entry of entries) {
      expect(entry.flags & 0x0800).toBe(0x0800);
      expect(new TextDecoder().decode(await entryBytes(source, entry))).toBe(entry.name);
    }
  });

  it('stores modification times as UTC DOS time, with a fixed default so output is deterministic', async () => {
    const entries = (): ZipEntry[] => [
      { name: 'a.txt', data: utf8('a') },
      { name: 'b.txt', data: utf8('b'), modified: new Date('2024-05-17T13:45:31Z') },
    ];
    const first = await zipBytes(entries());
    expect(await zipBytes(entries())).toEqual(first);
    const read = await readZipDirectory(bytesSource(first));
    expect(read[0]!.modified.toISOString()).toBe('1980-01-01T00:00:00.000Z');
    // DOS time counts in 2-second steps.
    expect(read[1]!.modified.toISOString()).toBe('2024-05-17T13:45:30.000Z');
    const later = await readZipDirectory(bytesSource(await zipBytes(entries(), { modified: new Date('2025-01-02T03:04:06Z') })));
    expect(later[0]!.modified.toISOString()).toBe('2025-01-02T03:04:06.000Z');
  });

  it('writes an empty archive that reads back as no entries', async () => {
    const archive = await zipBytes([]);
    expect(archive.length).toBe(22);
    expect(await readZipDirectory(bytesSource(archive))).toEqual([]);
  });

  it('accepts an async iterable of entries, reading it lazily', async () => {
    const produced: string[] = [];
    async function* entries(): AsyncGenerator<ZipEntry> {
      for (const name of ['one', 'two', 'three']) {
        produced.push(name);
        yield { name, data: utf8(name) };
      }
    }
    const reader = zipStream(entries()).getReader();
    await reader.read(); // the first local header
    expect(produced).toEqual(['one']);
    const rest = await collect(new ReadableStream({ pull: async (controller) => {
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    } }));
    expect(produced).toEqual(['one', 'two', 'three']);
    expect(rest.length).toBeGreaterThan(0);
  });
});

describe('zipStream pulls only what is read', () => {
  it('reads the next chunk of an entry only when the consumer asks', async () => {
    const source = chunkStream([noise(10, 1), noise(10, 2), noise(10, 3)]);
    const reader = zipStream([{ name: 'a.bin', data: source.stream }]).getReader();
    expect(source.pulled()).toBe(0);
    await reader.read(); // local header
    expect(source.pulled()).toBe(0);
    await reader.read(); // first chunk
    expect(source.pulled()).toBe(1);
    await reader.read();
    expect(source.pulled()).toBe(2);
  });

  it('opens a lazily given stream only when its entry comes up', async () => {
    let opened = 0;
    const open = () => {
      opened++;
      return chunkStream([utf8('late')]).stream;
    };
    const reader = zipStream([{ name: 'first', data: utf8('first') }, { name: 'second', data: open }]).getReader();
    await reader.read();
    await reader.read();
    expect(opened).toBe(0);
    await reader.read(); // first's data descriptor
    await reader.read(); // second's local header, then its stream is opened for the data
    await reader.read();
    expect(opened).toBe(1);
  });

  it('cancels the entry being read when the archive is cancelled', async () => {
    const source = chunkStream([noise(10, 1), noise(10, 2), noise(10, 3)]);
    const reader = zipStream([{ name: 'a.bin', data: source.stream }]).getReader();
    await reader.read();
    await reader.read();
    await reader.cancel('user closed the export');
    expect(source.cancelled()).toBe(true);
    expect(source.pulled()).toBe(1);
  });
});

describe('zipStream refuses', () => {
  const refusal = async (entries: ZipEntry[]) => {
    const error = await zipBytes(entries).then(() => undefined, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(ZipEntryError);
    return (error as ZipEntryError).message;
  };

  it.each([
    ['absolute path', '/etc/passwd'],
    ['drive letter', 'C:/Windows/evidence.png'],
    ['".." segment', 'evidence/../../escape.png'],
    ['".." segment', '..'],
    ['backslash', 'evidence\\shot.png'],
    ['NUL', 'shot\u0000.png'],
    ['control character', 'shot\n.png'],
    ['empty', ''],
    ['empty segment', 'evidence//shot.png'],
    ['empty segment', 'evidence/'],
    ['"." segment', './shot.png'],
    ['well-formed Unicode', 'broken\uD800.png'],
    ['longer than 4096 bytes', '证'.repeat(1366)],
  ])('a name with %s', async (reason, name) => {
    const message = await refusal([{ name, data: utf8('x') }]);
    expect(message).toContain(reason);
    expect(message).toContain(JSON.stringify(name));
  });

  it('nothing at the 4096-byte limit itself', async () => {
    const name = '证'.repeat(1365) + 'a';
    const entries = await readZipDirectory(bytesSource(await zipBytes([{ name, data: utf8('x') }])));
    expect(entries.map((entry) => [entry.name, entry.problems])).toEqual([[name, []]]);
  });

  it('duplicate names, including those that differ only in case or Unicode normalisation', async () => {
    expect(await refusal([{ name: 'a.png', data: utf8('1') }, { name: 'a.png', data: utf8('2') }])).toContain('duplicate entry name');
    expect(await refusal([{ name: 'Shot.PNG', data: utf8('1') }, { name: 'shot.png', data: utf8('2') }])).toContain('same file as "Shot.PNG"');
    expect(await refusal([{ name: 'caf\u00e9', data: utf8('1') }, { name: 'cafe\u0301', data: utf8('2') }])).toContain('duplicate entry name');
  });

  it('data whose length differs from the declared size', async () => {
    expect(await refusal([{ name: 'a.bin', data: chunkStream([noise(10)]).stream, size: 11 }])).toBe('"a.bin": expected 11 bytes but the data had 10');
    expect(await refusal([{ name: 'b.bin', data: utf8('abc'), size: 4 }])).toContain('declared size 4 but the data has 3 bytes');
    expect(await refusal([{ name: 'c.bin', data: utf8('abc'), size: -1 }])).toContain('invalid size -1');
  });

  it('an invalid modification date', async () => {
    expect(await refusal([{ name: 'a.txt', data: utf8('a'), modified: new Date('soon') }])).toBe('"a.txt": invalid modification date');
  });

  it('a stream that yields something other than bytes', async () => {
    const strings = new ReadableStream({ start: (controller) => controller.enqueue('text') }) as unknown as ReadableStream<Uint8Array>;
    expect(await refusal([{ name: 'a.txt', data: strings }])).toContain('other than bytes');
  });

  it('nothing of the archive after an entry whose source fails: the stream errors with its error', async () => {
    const failing = new ReadableStream<Uint8Array>({ pull: (controller) => controller.error(new Error('disk gone')) });
    await expect(zipBytes([{ name: 'a', data: failing }])).rejects.toThrow('disk gone');
  });
});
