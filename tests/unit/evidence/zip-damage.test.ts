// @vitest-environment node
/**
 * The reader on damaged and tampered bundles: a truncated file or a broken central directory is
 * refused with a clear error; damage to one entry is reported against that entry by name while
 * the others stay readable.
 */
import { describe, expect, it } from 'vitest';
import { zipStream } from '@/utils/evidence/bundle/zip-writer';
import { entryBytes, openEntry, readZipDirectory, ZipEntryError, ZipFormatError, type ZipDirectoryEntry } from '@/utils/evidence/bundle/zip-reader';
import { bytesSource, collect, utf8 } from '../../support/evidence/zip-helpers';

const names = ['a.txt', 'ab/c.txt', 'b.txt'];
const sample = () => collect(zipStream(names.map((name) => ({ name, data: utf8(`contents of ${name}`) }))));

const view = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
const directoryOffset = (archive: Uint8Array) => view(archive).getUint32(archive.length - 22 + 16, true);

/** Offsets of each central directory header (our archives carry no extra fields or comments). */
function centralHeaders(archive: Uint8Array): number[] {
  const offsets: number[] = [];
  for (let at = directoryOffset(archive); view(archive).getUint32(at, true) === 0x02014b50; at += 46 + view(archive).getUint16(at + 28, true)) {
    offsets.push(at);
  }
  return offsets;
}

async function formatError(archive: Uint8Array): Promise<string> {
  const error = await readZipDirectory(bytesSource(archive)).then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(ZipFormatError);
  return (error as Error).message;
}

const problemsByName = (entries: ZipDirectoryEntry[]) => Object.fromEntries(entries.map((entry) => [entry.name, entry.problems.map((problem) => problem.kind)]));

describe('readZipDirectory refuses an unreadable archive', () => {
  it('refuses a truncated file at every length, with a clear message', async () => {
    const archive = await sample();
    for (let length = 0; length < archive.length; length++) {
      const message = await formatError(archive.subarray(0, length));
      expect(message).toMatch(/not a ZIP archive|truncated/);
    }
    expect(await formatError(archive.subarray(0, 10))).toBe('not a ZIP archive: only 10 bytes');
    expect(await formatError(archive.subarray(0, archive.length - 1))).toContain('no end of central directory record');
  });

  it('refuses a file with bytes cut from its middle', async () => {
    const archive = await sample();
    const cut = new Uint8Array([...archive.subarray(0, 40), ...archive.subarray(50)]);
    expect(await formatError(cut)).toContain('the central directory runs past its end record');
  });

  it('refuses bytes slipped in before the end record', async () => {
    const archive = await sample();
    const end = archive.length - 22;
    const padded = new Uint8Array([...archive.subarray(0, end), 0, 0, 0, ...archive.subarray(end)]);
    expect(await formatError(padded)).toBe('3 unexplained bytes between the central directory and its end record');
  });

  it('refuses a central directory header without its signature', async () => {
    const archive = await sample();
    archive[centralHeaders(archive)[1]!] = 0x51;
    expect(await formatError(archive)).toBe('central directory entry 2 of 3 has no valid signature: the directory is corrupted');
  });

  it('refuses an entry count that does not match the directory', async () => {
    const more = await sample();
    view(more).setUint16(more.length - 22 + 8, 4, true);
    view(more).setUint16(more.length - 22 + 10, 4, true);
    expect(await formatError(more)).toMatch(/entry 4 of 4 is cut short|claims 4 entries/);
    const fewer = await sample();
    view(fewer).setUint16(fewer.length - 22 + 8, 2, true);
    view(fewer).setUint16(fewer.length - 22 + 10, 2, true);
    expect(await formatError(fewer)).toMatch(/^\d+ bytes of the central directory belong to no entry$/);
  });

  it('refuses a name length that runs past the directory', async () => {
    const archive = await sample();
    view(archive).setUint16(centralHeaders(archive)[2]! + 28, 500, true);
    expect(await formatError(archive)).toBe('central directory entry 3 of 3 runs past the end of the directory');
  });

  it('refuses an end record pointing to a ZIP64 record that is not there', async () => {
    const archive = await sample();
    view(archive).setUint32(archive.length - 22 + 16, 0xffffffff, true);
    expect(await formatError(archive)).toBe('the end record refers to a ZIP64 record that is missing');
  });

  it('refuses more entries than the limit allows', async () => {
    const error = await readZipDirectory(bytesSource(await sample()), { maxEntries: 2 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ZipFormatError);
    expect((error as Error).message).toBe('3 entries: more than the 2 allowed');
  });

  it('refuses a source that returns fewer bytes than asked', async () => {
    const archive = await sample();
    const shrinking = { size: archive.length, read: async (offset: number, length: number) => archive.slice(offset, offset + length - 1) };
    const error = await readZipDirectory(shrinking).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ZipFormatError);
    expect((error as Error).message).toContain('the file is shorter than it claims');
  });
});

describe('readZipDirectory names each tampered entry', () => {
  it('reports a local header whose name differs from the directory, and keeps the other entries', async () => {
    const archive = await sample();
    const entries = await readZipDirectory(bytesSource(archive));
    const b = entries[2]!;
    archive[b.localHeaderOffset + 30] = 'x'.charCodeAt(0);
    const source = bytesSource(archive);
    const tampered = await readZipDirectory(source);
    expect(problemsByName(tampered)).toEqual({ 'a.txt': [], 'ab/c.txt': [], 'b.txt': ['local-header'] });
    expect(tampered[2]!.problems[0]!.message).toBe('its local header names it "x.txt"');
    expect(() => openEntry(source, tampered[2]!)).toThrow(new ZipEntryError('b.txt', 'its local header names it "x.txt"'));
    expect(new TextDecoder().decode(await entryBytes(source, tampered[0]!))).toBe('contents of a.txt');
  });

  it('reports an entry renamed in the directory only', async () => {
    const archive = await sample();
    archive[centralHeaders(archive)[0]! + 46] = 'z'.charCodeAt(0);
    const entries = await readZipDirectory(bytesSource(archive));
    expect(entries[0]!.name).toBe('z.txt');
    expect(entries[0]!.problems).toEqual([{ kind: 'local-header', message: 'its local header names it "a.txt"' }]);
  });

  it('names the entry whose data had a byte flipped, in both ways of reading it', async () => {
    const archive = await sample();
    const clean = await readZipDirectory(bytesSource(archive));
    archive[clean[1]!.dataOffset! + 3]! ^= 0x01;
    const source = bytesSource(archive);
    const entries = await readZipDirectory(source);
    expect(entries.every((entry) => entry.problems.length === 0)).toBe(true);
    await expect(entryBytes(source, entries[1]!)).rejects.toThrow(/^"ab\/c\.txt": CRC-32 mismatch: the directory says [0-9a-f]{8}, the data gives [0-9a-f]{8}$/);
    await expect(collect(openEntry(source, entries[1]!))).rejects.toBeInstanceOf(ZipEntryError);
    expect((await collect(openEntry(source, entries[1]!, { verifyCrc: false }))).length).toBe(clean[1]!.size);
    expect(new TextDecoder().decode(await entryBytes(source, entries[2]!))).toBe('contents of b.txt');
  });

  it('refuses a compression method other than STORE, naming the entry', async () => {
    const archive = await sample();
    const entries = await readZipDirectory(bytesSource(archive));
    view(archive).setUint16(centralHeaders(archive)[1]! + 10, 8, true);
    view(archive).setUint16(entries[1]!.localHeaderOffset + 8, 8, true);
    const source = bytesSource(archive);
    const deflated = await readZipDirectory(source);
    expect(problemsByName(deflated)).toEqual({ 'a.txt': [], 'ab/c.txt': ['unsupported-method'], 'b.txt': [] });
    expect(() => openEntry(source, deflated[1]!)).toThrow('"ab/c.txt": compression method 8 is not supported (bundles are stored uncompressed)');
  });

  it('reports unsafe, duplicate and encrypted entries', async () => {
    const archive = await sample();
    const entries = await readZipDirectory(bytesSource(archive));
    const [first, second, third] = centralHeaders(archive) as [number, number, number];
    const rename = (at: number, name: string) => archive.set(utf8(name), at);
    rename(second + 46, '../c.txt');
    rename(entries[1]!.localHeaderOffset + 30, '../c.txt');
    rename(third + 46, 'A.txt');
    rename(entries[2]!.localHeaderOffset + 30, 'A.txt');
    view(archive).setUint16(first + 8, view(archive).getUint16(first + 8, true) | 1, true);
    const tampered = await readZipDirectory(bytesSource(archive));
    expect(problemsByName(tampered)).toEqual({ 'a.txt': ['encrypted'], '../c.txt': ['unsafe-name'], 'A.txt': ['duplicate-name'] });
    expect(tampered[2]!.problems[0]!.message).toBe('it is the same file as "a.txt" on case-insensitive disks');
  });

  it('reports entries whose bytes overlap, and a local header offset outside the archive', async () => {
    const archive = await sample();
    const entries = await readZipDirectory(bytesSource(archive));
    const [, second, third] = centralHeaders(archive) as [number, number, number];
    view(archive).setUint32(second + 42, entries[0]!.localHeaderOffset + 4, true);
    view(archive).setUint32(third + 42, 0xfffffff0, true);
    const tampered = await readZipDirectory(bytesSource(archive));
    expect(tampered[1]!.problems.map((problem) => problem.kind)).toEqual(['local-header']);
    expect(tampered[2]!.problems).toEqual([{ kind: 'out-of-bounds', message: "its local header offset 4294967280 lies outside the entries' area" }]);
    // Both entries now share one local header: the second would read the first's bytes.
    view(archive).setUint32(second + 42, entries[0]!.localHeaderOffset, true);
    const shared = await readZipDirectory(bytesSource(archive));
    expect(shared[0]!.problems).toEqual([{ kind: 'overlap', message: 'its bytes overlap those of "ab/c.txt"' }]);
    expect(shared[1]!.problems.map((problem) => problem.kind)).toEqual(['local-header', 'overlap']);
  });

  it('refuses to read at once an entry larger than asked for', async () => {
    const source = bytesSource(await sample());
    const [first] = await readZipDirectory(source);
    await expect(entryBytes(source, first!, 4)).rejects.toThrow('"a.txt": 17 bytes is too large to read at once; stream it');
  });
});
