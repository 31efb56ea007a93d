import { describe, expect, it } from 'vitest';
import {
  chunkRequest,
  dueEntries,
  enqueue,
  fail,
  idempotencyKeyFor,
  itemRequest,
  nextDueAt,
  OutboxTransitionError,
  parseOutboxEntry,
  recoverAfterRestart,
  startAttempt,
  succeed,
  syncNow,
  unpark,
  type OutboxEntry,
} from '@/utils/sync/outbox-state';

const itemA = 'a'.repeat(64);
const itemB = 'b'.repeat(64);
const t0 = Date.UTC(2026, 10, 28, 12);
const half = () => 0.5;
let keyCounter = 0;
const newKey = () => `key-${String(++keyCounter).padStart(16, '0')}`;
const receipt = { receiptId: 'r-1', receivedAt: '2026-11-28T12:00:01Z' };

/** An entry with its first attempt under way and a key kept for the item's record. */
function uploading(itemId = itemA): { entry: OutboxEntry; key: string } {
  const { entry, key } = idempotencyKeyFor(enqueue(itemId, t0), itemRequest, newKey, t0);
  return { entry: startAttempt(entry, t0 + 10), key };
}

describe('enqueue and startAttempt', () => {
  it('queues a captured item due at once, then marks it uploading', () => {
    const queued = enqueue(itemA, t0);
    expect(queued).toMatchObject({ schemaVersion: 1, itemId: itemA, state: 'queued', attempts: 0, nextAttemptAt: t0, lastError: null, parkedReason: null, receipt: null, idempotencyKeys: {} });
    expect(dueEntries([queued], t0)).toEqual([queued]);
    const started = startAttempt(queued, t0 + 5);
    expect(started).toMatchObject({ state: 'uploading', attempts: 1, updatedAt: t0 + 5 });
    expect(dueEntries([started], t0 + 5)).toEqual([]);
  });

  it('refuses an item id that is not a digest', () => {
    expect(() => enqueue('not-a-digest', t0)).toThrow();
  });

  it('refuses transitions from the wrong state', () => {
    const queued = enqueue(itemA, t0);
    expect(() => succeed(queued, receipt, t0)).toThrow(OutboxTransitionError);
    expect(() => fail(queued, { status: 500 }, t0, half)).toThrow(OutboxTransitionError);
    expect(() => unpark(queued, t0)).toThrow(OutboxTransitionError);
    expect(() => startAttempt(startAttempt(queued, t0), t0)).toThrow(OutboxTransitionError);
  });
});

describe('idempotency keys', () => {
  it('chooses a key once per request and returns the same one after', () => {
    const first = idempotencyKeyFor(enqueue(itemA, t0), itemRequest, newKey, t0);
    const again = idempotencyKeyFor(first.entry, itemRequest, () => 'never-used-key-000000', t0 + 1);
    expect(again.key).toBe(first.key);
    expect(again.entry).toBe(first.entry);
    const chunk = idempotencyKeyFor(again.entry, chunkRequest(0, 8_388_608), newKey, t0 + 2);
    expect(chunk.key).not.toBe(first.key);
    expect(chunk.entry.idempotencyKeys).toEqual({ item: first.key, 'artifact/0/8388608': chunk.key });
  });

  it('refuses a key the intake would refuse', () => {
    expect(() => idempotencyKeyFor(enqueue(itemA, t0), itemRequest, () => 'short', t0)).toThrow();
  });

  it('keeps keys through a retry, a resume, a restart and sync now', () => {
    const { entry, key } = uploading();
    const retried = fail(entry, { status: 503, retryAfter: 1_000 }, t0 + 20, half);
    const resumed = fail(startAttempt(syncNow(retried, t0 + 30), t0 + 30), { problemCode: 'truncated', status: 400 }, t0 + 40, half);
    const recovered = recoverAfterRestart(startAttempt(syncNow(resumed, t0 + 50), t0 + 50), t0 + 60);
    for (const later of [retried, resumed, recovered]) {
      expect(idempotencyKeyFor(later, itemRequest, newKey, t0 + 70).key).toBe(key);
    }
  });
});

describe('succeed', () => {
  it('stores the receipt and clears the last error', () => {
    const failed = fail(uploading().entry, { status: 500, message: 'boom' }, t0 + 20, half);
    const stored = succeed(startAttempt(syncNow(failed, t0 + 30), t0 + 30), receipt, t0 + 40);
    expect(stored).toMatchObject({ state: 'stored', receipt, lastError: null, resume: false, updatedAt: t0 + 40 });
    expect(dueEntries([stored], t0 + 1e9)).toEqual([]);
    expect(() => succeed(uploading().entry, null, t0)).toThrow(TypeError);
  });
});

describe('fail', () => {
  it('retries a server error after a backoff that grows with the attempts', () => {
    let entry = uploading().entry;
    const delays: number[] = [];
    let now = t0;
    for (let i = 0; i < 4; i++) {
      entry = fail(entry, { problemCode: 'internal', status: 500 }, now, () => 0.999999);
      expect(entry).toMatchObject({ state: 'queued', parkedReason: null, lastError: { code: 'internal', status: 500 } });
      delays.push(entry.nextAttemptAt - now);
      now = entry.nextAttemptAt;
      entry = startAttempt(entry, now);
    }
    expect(delays).toEqual([1_999, 3_999, 7_999, 15_999]);
  });

  it('honours Retry-After when it is later than the backoff', () => {
    const entry = fail(uploading().entry, { problemCode: 'rate-limited', status: 429, retryAfter: 90_000 }, t0 + 20, half);
    expect(entry.nextAttemptAt).toBe(t0 + 20 + 90_000);
    expect(entry.lastError).toEqual({ code: 'rate-limited', message: '', status: 429 });
  });

  it('resumes after a problem whose action is resume, and after no answer at all', () => {
    const truncated = fail(uploading().entry, { problemCode: 'chunk-out-of-order', status: 409 }, t0 + 20, half);
    expect(truncated).toMatchObject({ state: 'queued', resume: true, nextAttemptAt: t0 + 20 + 1_000 });
    const offline = fail(uploading().entry, { message: 'Failed to fetch' }, t0 + 20, half);
    expect(offline).toMatchObject({ state: 'queued', resume: true, lastError: { code: 'network', status: null, message: 'Failed to fetch' } });
    const retried = fail(uploading().entry, { status: 502 }, t0 + 20, half);
    expect(retried).toMatchObject({ state: 'queued', resume: false, lastError: { code: 'http-502', status: 502 } });
  });

  it.each([401, 403, 422])('parks on %i without a problem body, with a visible reason, and never schedules it', (status) => {
    const parked = fail(uploading().entry, { status, message: 'Forbidden' }, t0 + 20, half);
    expect(parked).toMatchObject({ state: 'parked', parkedReason: `http-${status}`, lastError: { code: `http-${status}`, status, message: 'Forbidden' } });
    expect(dueEntries([parked], t0 + 1e12)).toEqual([]);
    expect(nextDueAt([parked])).toBeNull();
    expect(syncNow(parked, t0 + 30)).toBe(parked);
    expect(() => startAttempt(parked, t0 + 30)).toThrow(OutboxTransitionError);
  });

  it.each(['unauthenticated', 'forbidden', 'hash-mismatch', 'item-conflict', 'too-large'] as const)('parks on the problem %s', (problemCode) => {
    const parked = fail(uploading().entry, { problemCode, message: 'refused' }, t0 + 20, half);
    expect(parked).toMatchObject({ state: 'parked', parkedReason: problemCode, lastError: { code: problemCode } });
    expect(parked.lastError?.status).toBeGreaterThanOrEqual(400);
  });

  it('lets the problem code decide over the status', () => {
    // 409 is not permanent by status, but `item-conflict` is a park.
    expect(fail(uploading().entry, { problemCode: 'item-conflict', status: 409 }, t0, half).state).toBe('parked');
    // 404 `unknown-item` means: send the record again.
    expect(fail(uploading().entry, { problemCode: 'unknown-item', status: 404 }, t0, half)).toMatchObject({ state: 'queued', resume: true });
  });
});

describe('unpark', () => {
  it('queues a parked entry due at once, with fresh keys and attempts', () => {
    const parked = fail(uploading().entry, { problemCode: 'unauthenticated', status: 401 }, t0 + 20, half);
    const queued = unpark(parked, t0 + 100);
    expect(queued).toMatchObject({ state: 'queued', parkedReason: null, attempts: 0, nextAttemptAt: t0 + 100, idempotencyKeys: {}, resume: true });
    expect(queued.lastError).toEqual(parked.lastError);
    expect(dueEntries([queued], t0 + 100)).toEqual([queued]);
  });
});

describe('syncNow', () => {
  it('makes a waiting entry due at once and leaves other entries alone', () => {
    const waiting = fail(uploading().entry, { status: 500 }, t0 + 20, () => 0.999);
    expect(waiting.notBefore).toBeNull();
    expect(dueEntries([waiting], t0 + 30)).toEqual([]);
    const now = syncNow(waiting, t0 + 30);
    expect(now).toMatchObject({ state: 'queued', nextAttemptAt: t0 + 30, attempts: waiting.attempts, idempotencyKeys: waiting.idempotencyKeys });
    expect(dueEntries([now], t0 + 30)).toEqual([now]);
    const busy = uploading().entry;
    expect(syncNow(busy, t0 + 30)).toBe(busy);
    const stored = succeed(uploading().entry, receipt, t0);
    expect(syncNow(stored, t0 + 30)).toBe(stored);
  });

  it("skips Colophon's own backoff but never the intake's Retry-After", () => {
    const limited = fail(uploading().entry, { problemCode: 'rate-limited', status: 429, retryAfter: 3_000 }, t0 + 20, () => 0.999);
    expect(limited.notBefore).toBe(t0 + 3_020);
    expect(limited.nextAttemptAt).toBeGreaterThanOrEqual(t0 + 3_020);
    expect(syncNow(limited, t0 + 30).nextAttemptAt).toBe(t0 + 3_020);
    expect(dueEntries([syncNow(limited, t0 + 30)], t0 + 3_019)).toEqual([]);
    // Past the intake's time, "sync now" makes it due at once again.
    expect(dueEntries([syncNow(limited, t0 + 5_000)], t0 + 5_000)).toHaveLength(1);
    // Once stored, or unparked, nothing holds it back any more.
    expect(succeed(startAttempt(syncNow(limited, t0 + 5_000), t0 + 5_000), receipt, t0 + 5_001).notBefore).toBeNull();
  });
});

describe('recoverAfterRestart', () => {
  it('puts an entry stopped mid-upload back in the queue, due now, asking the intake first', () => {
    const { entry, key } = uploading();
    const recovered = recoverAfterRestart(entry, t0 + 1e6);
    expect(recovered).toMatchObject({ state: 'queued', nextAttemptAt: t0 + 1e6, resume: true, attempts: 1 });
    expect(recovered.idempotencyKeys).toEqual({ item: key });
    expect(dueEntries([recovered], t0 + 1e6)).toEqual([recovered]);
  });

  it('leaves entries in other states as they are', () => {
    const queued = fail(uploading().entry, { status: 500 }, t0, half);
    const parked = fail(uploading().entry, { status: 401 }, t0, half);
    const stored = succeed(uploading().entry, receipt, t0);
    for (const entry of [queued, parked, stored]) expect(recoverAfterRestart(entry, t0 + 1e6)).toBe(entry);
  });
});

describe('dueEntries and nextDueAt', () => {
  it('lists due queued entries, longest-waiting first, and says when the next falls due', () => {
    const later = { ...enqueue(itemA, t0 + 500) };
    const earlier = enqueue(itemB, t0 + 100);
    const sameTime = enqueue('c'.repeat(64), t0 + 100);
    const future = enqueue('d'.repeat(64), t0 + 10_000);
    const entries = [later, sameTime, future, earlier, uploading('e'.repeat(64)).entry];
    expect(dueEntries(entries, t0 + 1_000).map((entry) => entry.itemId)).toEqual([itemB, 'c'.repeat(64), itemA]);
    expect(nextDueAt(entries)).toBe(t0 + 100);
    expect(nextDueAt([future])).toBe(t0 + 10_000);
    expect(nextDueAt([])).toBeNull();
  });
});

describe('the stored shape', () => {
  it('round-trips through JSON as it is stored', () => {
    const entries = [enqueue(itemA, t0), uploading().entry, fail(uploading().entry, { status: 403 }, t0, half), succeed(uploading().entry, receipt, t0)];
    for (const entry of entries) expect(parseOutboxEntry(JSON.parse(JSON.stringify(entry)))).toEqual(entry);
  });

  it('refuses unknown versions and unknown members', () => {
    const entry = enqueue(itemA, t0);
    expect(() => parseOutboxEntry({ ...entry, schemaVersion: 2 })).toThrow();
    expect(() => parseOutboxEntry({ ...entry, schemaVersion: undefined })).toThrow();
    expect(() => parseOutboxEntry({ ...entry, extra: true })).toThrow();
  });

  it('refuses inconsistent entries', () => {
    const entry = enqueue(itemA, t0);
    expect(() => parseOutboxEntry({ ...entry, state: 'parked' })).toThrow(/parked reason/);
    expect(() => parseOutboxEntry({ ...entry, parkedReason: 'http-401' })).toThrow(/parked reason/);
    expect(() => parseOutboxEntry({ ...entry, state: 'stored' })).toThrow(/receipt/);
    expect(() => parseOutboxEntry({ ...entry, idempotencyKeys: { 'artifact/x': 'key-0000000000000001' } })).toThrow();
  });
});
