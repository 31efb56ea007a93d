import { describe, expect, it } from 'vitest';
import { backoffDefaults, delayFor, maxRetryAfterMs, nextAttemptDelay, parseHttpDate, retryAfterMs } from '@/utils/sync/backoff';

/** mulberry32: a small seeded generator, so a failing draw can be replayed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hour = 60 * 60 * 1000;

describe('nextAttemptDelay', () => {
  it('draws within [0, base·2^attempt) and spreads over that range', () => {
    const random = seeded(42);
    for (const attempt of [0, 1, 2, 5, 10]) {
      const ceiling = 2_000 * 2 ** attempt;
      const draws = Array.from({ length: 500 }, () => nextAttemptDelay(attempt, random));
      for (const delay of draws) {
        expect(Number.isInteger(delay)).toBe(true);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThan(ceiling);
      }
      // Full jitter: draws reach both the bottom and the top quarter of the range.
      expect(Math.min(...draws)).toBeLessThan(ceiling / 4);
      expect(Math.max(...draws)).toBeGreaterThan((ceiling * 3) / 4);
    }
  });

  it('maps the ends of random onto the ends of the range', () => {
    expect(nextAttemptDelay(0, () => 0)).toBe(0);
    expect(nextAttemptDelay(0, () => 0.5)).toBe(1_000);
    expect(nextAttemptDelay(3, () => 0.999999)).toBe(15_999);
  });

  it('doubles its ceiling per attempt until the cap of six hours', () => {
    // The largest number Math.random may return.
    const top = () => 1 - 2 ** -53;
    expect(nextAttemptDelay(0, top)).toBe(1_999);
    expect(nextAttemptDelay(1, top)).toBe(3_999);
    expect(nextAttemptDelay(2, top)).toBe(7_999);
    expect(backoffDefaults.capMs).toBe(6 * hour);
    // 2 s · 2^13 = 4.55 h is still under the cap; 2^14 is past it.
    expect(nextAttemptDelay(13, top)).toBe(2_000 * 2 ** 13 - 1);
    expect(nextAttemptDelay(14, top)).toBe(6 * hour - 1);
    expect(nextAttemptDelay(10_000, top)).toBe(6 * hour - 1);
  });

  it('keeps an offline week to a few dozen attempts', () => {
    const random = seeded(7);
    let elapsed = 0;
    let attempts = 0;
    while (elapsed < 7 * 24 * hour) elapsed += nextAttemptDelay(attempts++, random);
    expect(attempts).toBeLessThan(100);
    expect(attempts).toBeGreaterThan(20);
  });

  it('takes other bases and caps, and refuses a bad attempt number', () => {
    expect(nextAttemptDelay(4, () => 0.9999999, { baseMs: 100, capMs: 1_000 })).toBe(999);
    expect(nextAttemptDelay(2, () => 0.9999999, { baseMs: 100 })).toBe(399);
    expect(() => nextAttemptDelay(-1, Math.random)).toThrow(RangeError);
    expect(() => nextAttemptDelay(1.5, Math.random)).toThrow(RangeError);
  });
});

describe('delayFor', () => {
  it('waits at least as long as Retry-After asks', () => {
    expect(delayFor({ attempt: 0, retryAfter: 120_000, random: () => 0.5 })).toBe(120_000);
    expect(delayFor({ attempt: 10, retryAfter: 1_000, random: () => 0.5 })).toBe(1_024_000);
    expect(delayFor({ attempt: 2, retryAfter: null, random: () => 0.25 })).toBe(2_000);
  });
});

describe('retryAfterMs', () => {
  const now = Date.UTC(2026, 10, 28, 12, 0, 0);

  it('reads delay-seconds', () => {
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs(' 0 ', now)).toBe(0);
  });

  it('reads each HTTP-date form as UTC', () => {
    expect(retryAfterMs('Sat, 28 Nov 2026 12:01:30 GMT', now)).toBe(90_000);
    expect(retryAfterMs('Saturday, 28-Nov-26 12:00:05 GMT', now)).toBe(5_000);
    expect(retryAfterMs('Sat Nov 28 12:10:00 2026', now)).toBe(600_000);
    expect(parseHttpDate('Sun Nov  6 08:49:37 1994', now)).toBe(Date.UTC(1994, 10, 6, 8, 49, 37));
  });

  it('puts a two-digit year within 50 years of now', () => {
    expect(parseHttpDate('Sunday, 06-Nov-94 08:49:37 GMT', now)).toBe(Date.UTC(1994, 10, 6, 8, 49, 37));
    expect(parseHttpDate('Friday, 01-Jan-27 00:00:00 GMT', now)).toBe(Date.UTC(2027, 0, 1));
  });

  it('is zero for a date already past', () => {
    expect(retryAfterMs('Sun, 06 Nov 1994 08:49:37 GMT', now)).toBe(0);
    expect(retryAfterMs('Sat, 28 Nov 2026 11:59:59 GMT', now)).toBe(0);
  });

  it('caps the wait at a day', () => {
    expect(retryAfterMs('999999999', now)).toBe(maxRetryAfterMs);
    expect(retryAfterMs('1'.repeat(400), now)).toBe(maxRetryAfterMs);
    expect(retryAfterMs('Fri, 01 Jan 2027 00:00:00 GMT', now)).toBe(24 * hour);
  });

  it('is null when absent or unreadable', () => {
    for (const header of [null, '', '  ', '-5', '1.5', '1e3', 'soon', 'Sat, 28 Nov 2026 12:01:30 UTC', '2026-11-28T12:01:30Z', 'Sat, 31 Feb 2026 12:00:00 GMT', 'Sat, 28 Nov 2026 25:00:00 GMT', 'Sat, 28 Foo 2026 12:00:00 GMT']) {
      expect(retryAfterMs(header, now), String(header)).toBeNull();
    }
  });
});
