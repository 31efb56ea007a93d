/**
 * The extension's own outbox (utils/sync, over fake-indexeddb in Node) against the reference
 * intake's limits: a 429 rate-limited or a 507 quota-exceeded holds the items back until the
 * intake's Retry-After, every item of the installation alike, and they go once it has passed.
 * Nothing is parked: a person has nothing to fix.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { addCapture, type EvidenceDatabase } from '@/utils/evidence/store';
import { runOutbox, type OutboxRunDeps } from '@/utils/sync/outbox-runner';
import { outboxEntry } from '@/utils/sync/outbox-store';
import { captureOf, freshDatabase } from '../support/evidence/store-helpers';
import { sqliteBackend } from './support/backends';
import { Harness, type HarnessOptions } from './support/harness';

let h: Harness;
/** When the test began, on both clocks: captures enter the outbox due at the real time. */
let t0 = 0;
let db: EvidenceDatabase;
let serverClock = 0;
let clientClock = 0;
afterEach(async () => {
  db.close();
  await h.stop();
});

async function setUp(options: HarnessOptions, captures: number): Promise<string[]> {
  t0 = Date.now() + 60_000;
  serverClock = t0;
  clientClock = t0;
  h = await Harness.start(sqliteBackend, { ...options, now: () => new Date(serverClock) });
  db = await freshDatabase();
  const ids: string[] = [];
  for (let n = 1; n <= captures; n++) ids.push((await addCapture(db, captureOf(n))).id);
  return ids;
}

const deps = (): OutboxRunDeps => ({
  database: async () => db,
  connection: async () => ({ url: h.url, token: h.a.token }),
  now: () => clientClock,
  random: () => 0.5,
});

describe('the outbox and the intake’s limits', () => {
  it('waits out a 429 for every item, then sends them', async () => {
    // The session, then an item's record and its two chunks: the second item's record is the fifth request.
    const [first, second, third] = await setUp({ traffic: { requestsPerMinutePerToken: 4 } }, 3);
    const run = await runOutbox(deps());
    expect(run.stoppedBy).toMatchObject({ status: 429, problem: { code: 'rate-limited' } });
    // One request in 60 s / 4, from the first, which was a moment ago.
    const retryAfter = run.stoppedBy!.retryAfterMs!;
    expect(retryAfter).toBeGreaterThanOrEqual(1000);
    expect(retryAfter).toBeLessThanOrEqual(15_000);
    expect(run.summary).toMatchObject({ stored: 1, queued: 2, parked: 0 });
    expect((await outboxEntry(db, first!))!.state).toBe('stored');
    for (const id of [second!, third!]) expect((await outboxEntry(db, id))!.notBefore).toBe(t0 + retryAfter);

    // Not before the intake said: a run now sends nothing.
    expect((await runOutbox(deps())).summary).toMatchObject({ stored: 1, queued: 2 });
    // Once the outbox's clock passes Retry-After, the intake (restarted with more room, as its own
    // clock cannot be hurried here) takes the rest.
    await h.restart({ traffic: { requestsPerMinutePerToken: 100 } });
    clientClock = t0 + retryAfter;
    expect((await runOutbox(deps())).summary).toMatchObject({ stored: 3, queued: 0, parked: 0 });
  });

  it('waits out a 507 of the daily quota for every item until its Retry-After, then sends them', async () => {
    const [first, second] = await setUp({ quotas: { bytesPerOrganisationPerDay: 150 } }, 2);
    const run = await runOutbox(deps());
    expect(run.stoppedBy).toMatchObject({ status: 507, problem: { code: 'quota-exceeded' } });
    // The first item's hour leaves the day 24 hours after it began.
    const retryAfter = run.stoppedBy!.retryAfterMs!;
    expect(retryAfter).toBeGreaterThan(23 * 60 * 60 * 1000);
    expect(retryAfter).toBeLessThanOrEqual(24 * 60 * 60 * 1000);
    expect(run.summary).toMatchObject({ stored: 1, queued: 1, parked: 0 });
    const waiting = (await outboxEntry(db, second!))!;
    expect(waiting).toMatchObject({ state: 'queued', notBefore: t0 + retryAfter, lastError: { code: 'quota-exceeded', status: 507 } });
    expect((await outboxEntry(db, first!))!.state).toBe('stored');

    serverClock = clientClock = t0 + retryAfter;
    expect((await runOutbox(deps())).summary).toMatchObject({ stored: 2, queued: 0, parked: 0 });
  });

  it('keeps retrying, with backoff, past a 507 of the total quota: an administrator raising it lets the item go', async () => {
    const [, second] = await setUp({ quotas: { bytesPerOrganisation: 150 } }, 2);
    const run = await runOutbox(deps());
    expect(run.stoppedBy).toMatchObject({ status: 507, retryAfterMs: null });
    const waiting = (await outboxEntry(db, second!))!;
    expect(waiting).toMatchObject({ state: 'queued', notBefore: null, parkedReason: null });
    expect(waiting.nextAttemptAt).toBeGreaterThan(t0);

    await h.restart({ quotas: { bytesPerOrganisation: 1000 } });
    clientClock = waiting.nextAttemptAt;
    expect((await runOutbox(deps())).summary).toMatchObject({ stored: 2, queued: 0, parked: 0 });
  });
});
