/**
 * The verifier's block cache (random-access.ts): the same bytes as the source gives, for a few
 * reads of the source however many small records are read, walking forwards or backwards, and
 * reads that do not fit a block passed straight through.
 */
import { describe, expect, it } from 'vitest';
import { cachedSource, readRange } from '@/utils/evidence/bundle/random-access';
import { ZipFormatError } from '@/utils/evidence/bundle/zip-errors';
import { bytesSource, noise } from '../../support/evidence/zip-helpers';

const KiB = 1024;

describe('cachedSource', () => {
  const data = noise(256 * KiB, 7);
  /** 100-byte records every 100 bytes, as the verifier reads local headers and descriptors. */
  const records = Array.from({ length: data.length / 100 - 1 }, (_, i) => i * 100);

  it.each([
    ['forwards', records],
    ['backwards', [...records].reverse()],
  ])('reads small records %s with one source read per 64 KiB block', async (_, order) => {
    const source = bytesSource(data);
    const cached = cachedSource(source);
    for (const at of order) expect(await cached.read(at, 100)).toEqual(data.subarray(at, at + 100));
    // Four blocks, plus the records that cross a block's end, read on their own.
    const crossing = records.filter((at) => Math.floor(at / (64 * KiB)) !== Math.floor((at + 99) / (64 * KiB))).length;
    expect(source.reads).toBe(4 + crossing);
  });

  it('passes reads longer than a block straight through, and gives copies the caller may change', async () => {
    const source = bytesSource(data);
    const cached = cachedSource(source);
    expect(await cached.read(1000, 100 * KiB)).toEqual(data.subarray(1000, 1000 + 100 * KiB));
    const first = await cached.read(10, 4);
    first.fill(0);
    expect(await cached.read(10, 4)).toEqual(data.subarray(10, 14));
    expect(source.reads).toBe(2);
  });

  it('lets readRange refuse a source that shrank under it', async () => {
    const shrunk = { size: data.length, read: async (offset: number, length: number) => data.slice(offset, Math.min(offset + length, 1000)) };
    const error = await readRange(cachedSource(shrunk), 900, 200, 'a record').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ZipFormatError);
    expect(error).toMatchObject({ reason: 'outside-file' });
  });
});
