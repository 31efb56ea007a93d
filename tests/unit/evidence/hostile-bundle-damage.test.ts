// @vitest-environment node
/**
 * Damage at every place rather than one chosen defect: a real bundle cut short at every length, cut
 * at the front, and with single bytes flipped across every record and through the data. Whatever
 * the place, the bundle must be refused with a finding (never an exception, never "OK"), and a cut
 * bundle for the reason it was cut.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { FindingCode } from '@/utils/evidence/bundle/verify';
import { flipByte, verifyBytes } from '../../support/evidence/bundle-helpers';
import { hostileBase, type HostileBase } from '../../support/evidence/hostile-bundle-corpus';

let base: HostileBase;

beforeAll(async () => {
  base = await hostileBase();
});

/** Every offset from `from` to `to`, and every `stride`-th one before `from`: all of the records, a sample of the data. */
function offsets(from: number, to: number, stride: number): number[] {
  const chosen: number[] = [];
  for (let at = 0; at < from; at += stride) chosen.push(at);
  for (let at = from; at < to; at++) chosen.push(at);
  return chosen;
}

describe('a bundle cut short', () => {
  it('is refused at every length across its last entry, directory and end record, and at every 7th before, as having no end record', async () => {
    const codes = new Map<FindingCode, number>();
    const lengths = offsets(base.at(base.entries.at(-1)!.name).offset, base.bundle.length, 7);
    for (const length of lengths) {
      const { failures } = await verifyBytes(base.bundle.subarray(0, length));
      expect(failures.length, `cut at ${length}`).toBe(1);
      codes.set(failures[0]!.code, (codes.get(failures[0]!.code) ?? 0) + 1);
    }
    expect(Object.fromEntries(codes)).toEqual({ 'no-end-record': lengths.length });
  });

  it('is refused when its first bytes are cut off, as end records that place the directory where it is not', async () => {
    for (let cut = 1; cut < base.bundle.length - 22; cut += 37) {
      const { failures } = await verifyBytes(base.bundle.subarray(cut));
      expect(failures.map((failure) => failure.code), `${cut} bytes cut`).toEqual(['end-record']);
    }
  });
});

describe('a bundle with one byte flipped', () => {
  /** Every byte of the first entry's records, of the directory's first and last headers and of the end record; every 211th elsewhere. */
  function places(): number[] {
    const first = base.at(base.entries[0]!.name);
    const ranges: [number, number][] = [
      [first.offset, first.dataOffset],
      [first.descriptorOffset, first.end],
      [first.recordOffset, base.at(base.entries[1]!.name).recordOffset],
      [base.at(base.entries.at(-1)!.name).recordOffset, base.bundle.length],
    ];
    const chosen = new Set<number>(offsets(base.bundle.length, base.bundle.length, 211));
    for (const [from, to] of ranges) for (let at = from; at < to; at++) chosen.add(at);
    return [...chosen].sort((a, b) => a - b);
  }

  it('is refused wherever the byte is, with a finding', async () => {
    const accepted: number[] = [];
    for (const at of places()) {
      const verification = await verifyBytes(flipByte(base.bundle, at));
      if (verification.ok || verification.failures.length === 0) accepted.push(at);
    }
    expect(accepted).toEqual([]);
  }, 60_000);
});
