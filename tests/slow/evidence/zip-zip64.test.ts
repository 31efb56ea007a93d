// @vitest-environment node
/**
 * ZIP64: the records the writer emits once a size, an offset or the entry count outgrows the
 * classic fields, and the reader on an archive whose entries lie beyond 4 GiB. A real 4 GiB export
 * is not streamed here (its CRC alone takes 5–10 s on CI machines); instead the records are
 * checked field by field, a sparse 6 GiB archive built from them is read back, and a real
 * archive of 70,000 entries (ZIP64 end records) goes through the reader and `unzip -t`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { crc32 } from '@/utils/evidence/bundle/crc32';
import type { RandomAccessSource } from '@/utils/evidence/bundle/random-access';
import { entryBytes, readZipDirectory } from '@/utils/evidence/bundle/zip-reader';
import { centralFileHeader, dataDescriptor, dosDateTime, endOfArchive, localFileHeader, type WrittenEntry } from '@/utils/evidence/bundle/zip-records';
import { zipStream } from '@/utils/evidence/bundle/zip-writer';
import { bytesSource, chunkStream, collect, runInfoZip, utf8 } from '../../support/evidence/zip-helpers';

const GiB = 1024 ** 3;
const view = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
const u64 = (bytes: Uint8Array, at: number) => Number(view(bytes).getBigUint64(at, true));
const modified = dosDateTime(new Date('2024-01-01T00:00:00Z'));
const written = (name: string, size: number, offset: number, zip64Local = false): WrittenEntry => ({ name: utf8(name), modified, crc: 0x1234abcd, size, offset, zip64Local });

describe('ZIP64 records', () => {
  it('leave a small entry in classic form', () => {
    const header = centralFileHeader(written('a.png', 10, 100));
    expect(header.length).toBe(46 + 5);
    expect(view(header).getUint16(6, true)).toBe(20);
    expect(view(header).getUint32(24, true)).toBe(10);
    expect(view(header).getUint32(42, true)).toBe(100);
    expect(dataDescriptor(1, 10, false).length).toBe(16);
    expect(endOfArchive({ entryCount: 3, offset: 1000, size: 150 }).length).toBe(22);
  });

  it('move an overflowing size and offset into the ZIP64 extra field, in the order APPNOTE fixes', () => {
    const header = centralFileHeader(written('big.bin', 5 * GiB, 6 * GiB));
    const v = view(header);
    expect(v.getUint16(6, true)).toBe(45);
    expect([v.getUint32(20, true), v.getUint32(24, true), v.getUint32(42, true)]).toEqual([0xffffffff, 0xffffffff, 0xffffffff]);
    expect(v.getUint16(30, true)).toBe(28);
    const extra = 46 + 7;
    expect([v.getUint16(extra, true), v.getUint16(extra + 2, true)]).toEqual([1, 24]);
    expect([u64(header, extra + 4), u64(header, extra + 12), u64(header, extra + 20)]).toEqual([5 * GiB, 5 * GiB, 6 * GiB]);
  });

  it('carry only the fields that overflowed', () => {
    const header = centralFileHeader(written('late.txt', 5, 0xffffffff));
    expect(view(header).getUint32(24, true)).toBe(5);
    expect(view(header).getUint16(46 + 8 + 2, true)).toBe(8);
    expect(u64(header, 46 + 8 + 4)).toBe(0xffffffff);
  });

  it('give a local header known to be large a ZIP64 field and a 24-byte data descriptor', () => {
    const local = localFileHeader(utf8('big.bin'), modified, true);
    expect(view(local).getUint16(4, true)).toBe(45);
    expect([view(local).getUint32(18, true), view(local).getUint32(22, true)]).toEqual([0xffffffff, 0xffffffff]);
    expect([view(local).getUint16(30 + 7, true), view(local).getUint16(30 + 9, true)]).toEqual([1, 16]);
    const descriptor = dataDescriptor(0xcafef00d, 5 * GiB, true);
    expect([view(descriptor).getUint32(0, true), view(descriptor).getUint32(4, true)]).toEqual([0x08074b50, 0xcafef00d]);
    expect([u64(descriptor, 8), u64(descriptor, 16)]).toEqual([5 * GiB, 5 * GiB]);
  });

  it('add a ZIP64 end record and locator for 65,535 entries or more, or a directory beyond 4 GiB', () => {
    const many = endOfArchive({ entryCount: 70_000, offset: 1000, size: 7_000_000 });
    expect(many.length).toBe(56 + 20 + 22);
    expect(view(many).getUint32(0, true)).toBe(0x06064b50);
    expect([u64(many, 24), u64(many, 32), u64(many, 40), u64(many, 48)]).toEqual([70_000, 70_000, 7_000_000, 1000]);
    expect(view(many).getUint32(56, true)).toBe(0x07064b50);
    expect(u64(many, 56 + 8)).toBe(1000 + 7_000_000);
    expect([view(many).getUint16(76 + 10, true), view(many).getUint32(76 + 12, true), view(many).getUint32(76 + 16, true)]).toEqual([0xffff, 7_000_000, 1000]);
    const far = endOfArchive({ entryCount: 2, offset: 6 * GiB, size: 200 });
    expect([view(far).getUint16(76 + 10, true), view(far).getUint32(76 + 16, true)]).toEqual([2, 0xffffffff]);
  });

  it('store DOS times clamped to the years the format holds', () => {
    expect(dosDateTime(new Date('1970-01-01T00:00:00Z'))).toEqual(dosDateTime(new Date('1980-01-01T00:00:00Z')));
    expect(dosDateTime(new Date('2200-01-01T00:00:00Z'))).toEqual({ time: (23 << 11) | (59 << 5) | 29, date: (127 << 9) | (12 << 5) | 31 });
    expect(() => dosDateTime(new Date('not a date'))).toThrow('invalid date');
  });
});

/** A source of `size` bytes, zero except where `parts` put bytes, as a file with holes. */
function sparseSource(size: number, parts: [number, Uint8Array][]): RandomAccessSource {
  return {
    size,
    async read(offset, length) {
      const out = new Uint8Array(length);
      for (const [at, bytes] of parts) {
        const from = Math.max(at, offset);
        const to = Math.min(at + bytes.length, offset + length);
        if (from < to) out.set(bytes.subarray(from - at, to - at), from - offset);
      }
      return out;
    },
  };
}

describe('readZipDirectory beyond 4 GiB', () => {
  it('reads sizes and offsets from ZIP64 fields and records, as the writer lays them out', async () => {
    const bigSize = 5 * GiB;
    const bigHeader = localFileHeader(utf8('big.bin'), modified, true);
    const small = utf8('hello');
    const smallOffset = bigHeader.length + bigSize + 24;
    const smallHeader = localFileHeader(utf8('证据.txt'), modified, false);
    const directoryOffset = smallOffset + smallHeader.length + small.length + 16;
    const directory = [written('big.bin', bigSize, 0, true), { ...written('证据.txt', small.length, smallOffset), crc: crc32(small) }].map(centralFileHeader);
    const directorySize = directory.reduce((sum, header) => sum + header.length, 0);
    const end = endOfArchive({ entryCount: 2, offset: directoryOffset, size: directorySize });
    const parts: [number, Uint8Array][] = [
      [0, bigHeader],
      [bigHeader.length + bigSize, dataDescriptor(0x1234abcd, bigSize, true)],
      [smallOffset, smallHeader],
      [smallOffset + smallHeader.length, small],
      [smallOffset + smallHeader.length + small.length, dataDescriptor(crc32(small), small.length, false)],
      [directoryOffset, directory[0]!],
      [directoryOffset + directory[0]!.length, directory[1]!],
      [directoryOffset + directorySize, end],
    ];
    const source = sparseSource(directoryOffset + directorySize + end.length, parts);
    const entries = await readZipDirectory(source);
    expect(entries.map(({ name, size, compressedSize, localHeaderOffset, dataOffset, problems }) => ({ name, size, compressedSize, localHeaderOffset, dataOffset, problems }))).toEqual([
      { name: 'big.bin', size: bigSize, compressedSize: bigSize, localHeaderOffset: 0, dataOffset: bigHeader.length, problems: [] },
      { name: '证据.txt', size: 5, compressedSize: 5, localHeaderOffset: smallOffset, dataOffset: smallOffset + smallHeader.length, problems: [] },
    ]);
    expect(new TextDecoder().decode(await entryBytes(source, entries[1]!))).toBe('hello');
  });

  it('reports an entry whose ZIP64 field is missing', async () => {
    const header = centralFileHeader(written('big.bin', 5 * GiB, 0));
    const cut = header.slice(0, 46 + 7);
    view(cut).setUint16(30, 0, true);
    const end = endOfArchive({ entryCount: 1, offset: 0, size: cut.length });
    const entries = await readZipDirectory(bytesSource(new Uint8Array([...cut, ...end])));
    expect(entries[0]!.problems).toContainEqual({ kind: 'bad-extra-field', message: 'its ZIP64 extra field is missing or too short' });
  });
});

describe('zipStream and ZIP64', () => {
  it('marks an entry declared larger than 4 GiB as ZIP64 in its local header', async () => {
    const reader = zipStream([{ name: 'big.bin', data: chunkStream([utf8('x')]).stream, size: 5 * GiB }]).getReader();
    const { value: header } = await reader.read();
    expect(view(header!).getUint16(4, true)).toBe(45);
    expect(view(header!).getUint16(30 + 7, true)).toBe(1);
    await reader.cancel();
  });

  it('writes 70,000 entries with ZIP64 end records that the reader and `unzip -t` accept', async () => {
    const count = 70_000;
    const name = (i: number) => `evidence/${String(i).padStart(5, '0')}.txt`;
    const archive = await collect(zipStream((function* () {
      for (let i = 0; i < count; i++) yield { name: name(i), data: utf8(String(i)) };
    })()));
    const source = bytesSource(archive);
    const entries = await readZipDirectory(source);
    expect(entries.length).toBe(count);
    expect(entries.every((entry, i) => entry.name === name(i) && entry.problems.length === 0)).toBe(true);
    expect(new TextDecoder().decode(await entryBytes(source, entries[count - 1]!))).toBe(String(count - 1));
    const dir = mkdtempSync(join(tmpdir(), 'colophon-zip64-'));
    try {
      writeFileSync(join(dir, 'many.zip'), archive);
      expect(runInfoZip('unzip', ['-tq', join(dir, 'many.zip')])).toContain('No errors detected');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
