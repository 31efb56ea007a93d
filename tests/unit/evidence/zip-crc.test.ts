// @vitest-environment node
/** CRC-32 (IEEE): known vectors, incremental use, agreement with a bit-by-bit reference and with zlib. */
import * as zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32 } from '@/utils/evidence/bundle/crc32';
import { noise, utf8 } from '../../support/evidence/zip-helpers';

/** The definition, one bit at a time: slow, but obviously right. */
function referenceCrc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

describe('crc32', () => {
  it.each([
    ['123456789', 0xcbf43926],
    ['', 0],
    ['a', 0xe8b7be43],
    ['The quick brown fox jumps over the lazy dog', 0x414fa339],
  ])('%j → %s', (text, expected) => {
    expect(crc32(utf8(text))).toBe(expected);
  });

  it('agrees with the bitwise definition on every length up to 100 and at odd offsets', () => {
    const bytes = noise(300, 7);
    for (let length = 0; length <= 100; length++) {
      for (const start of [0, 1, 3, 5]) {
        const slice = bytes.subarray(start, start + length);
        expect(crc32(slice)).toBe(referenceCrc32(slice));
      }
    }
  });

  it('continues from a previous value, wherever the data is split', () => {
    const bytes = noise(97, 3);
    const whole = crc32(bytes);
    for (let cut = 0; cut <= bytes.length; cut++) {
      expect(crc32(bytes.subarray(cut), crc32(bytes.subarray(0, cut)))).toBe(whole);
    }
  });

  it('agrees with zlib on a megabyte of noise', () => {
    const bytes = noise(1 << 20, 11);
    const zlibCrc = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;
    expect(crc32(bytes)).toBe(zlibCrc ? zlibCrc(bytes) : referenceCrc32(bytes));
  });

  it('gives over 16 MiB fed 1 MiB at a time, as the writer feeds it, what one call over the whole gives', () => {
    const rounds = 16;
    const whole = noise(rounds << 20, 5);
    let crc = 0;
    for (let round = 0; round < rounds; round++) crc = crc32(whole.subarray(round << 20, (round + 1) << 20), crc);
    expect(crc).toBe(crc32(whole));
  });
});
