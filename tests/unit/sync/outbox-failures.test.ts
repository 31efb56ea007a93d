// @vitest-environment node
// (real captures in fake-indexeddb need Node's Blob, store-helpers.ts; Node's fetch talks to the loopback intake.)
/**
 * What the outbox does when the intake says no: refusals a person must fix park the item with the
 * reason (401, 403, 422), a busy or failing intake holds every item back (429 and 503 with
 * Retry-After, 500 with backoff), a receipt that does not check out parks the item, and nothing
 * is sent without a connection or the browser's permission. Nothing is lost on the way.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { generateInstallationKey, keyFingerprint, publicKeyJwk } from '@/utils/protocol/signing';
import type { ServerKey } from '@/utils/protocol/intake';
import { runOutbox } from '@/utils/sync/outbox-runner';
import { unpark } from '@/utils/sync/outbox-state';
import { changeOutboxEntries, outboxEntries, outboxEntry } from '@/utils/sync/outbox-store';
import { springer } from './intake-double';
import { problem } from './intake-double-items';
import { isChunkOf, isItemPut, itemsHeld, outboxBench, type OutboxBench } from './outbox-helpers';

let bench: OutboxBench;
afterEach(async () => bench?.intake.close());

const states = async () => (await outboxEntries(bench.db)).map((entry) => entry.state);

describe('a refusal a person has to act on', () => {
  it('a token revoked mid-sync parks what is left with the reason; a new token and a retry bring it all, once', async () => {
    bench = await outboxBench(3);
    const [first, second] = bench.items;
    const revoking: typeof fetch = async (input, init) => {
      if (String(input).endsWith(`/v1/items/${second!.id}`)) bench.intake.tokens.clear();
      return fetch(input, init);
    };
    const run = await runOutbox(bench.deps({ fetch: revoking }));
    expect(run.summary).toEqual({ queued: 0, uploading: 0, stored: 1, parked: 2 });
    expect(await outboxEntry(bench.db, first!.id)).toMatchObject({ state: 'stored' });
    for (const item of bench.items.slice(1)) {
      expect(await outboxEntry(bench.db, item.id)).toMatchObject({ state: 'parked', parkedReason: 'unauthenticated', lastError: { code: 'unauthenticated', status: 401 } });
    }

    // Parked stays parked: the next run sends nothing.
    const sent = bench.intake.requests.length;
    await runOutbox(bench.deps());
    expect(bench.intake.requests).toHaveLength(sent);

    const newToken = 'colophon-' + 'b2'.repeat(32);
    bench.intake.tokens.set(newToken, springer);
    await changeOutboxEntries(bench.db, (entry) => (entry.state === 'parked' ? unpark(entry, bench.clock.now()) : entry));
    const retried = await runOutbox(bench.deps({ connection: async () => ({ url: bench.intake.url, token: newToken }) }));
    expect(retried.summary).toEqual({ queued: 0, uploading: 0, stored: 3, parked: 0 });
    expect(itemsHeld(bench.intake)).toEqual(bench.items.map((item) => item.id).sort());
  });

  it.each([
    ['403 forbidden on the record', 'forbidden', 403, problem('forbidden')],
    ['422 hash-mismatch on a chunk', 'hash-mismatch', 422, problem('hash-mismatch')],
    ['409 item-conflict on the record', 'item-conflict', 409, problem('item-conflict')],
    ['422 without a problem body', 'http-422', 422, { status: 422, body: 'Unprocessable' }],
  ])('%s parks the item with that reason, and the others go on', async (_name, reason, status, answer) => {
    bench = await outboxBench(2);
    const [refused, other] = bench.items;
    const when = reason === 'hash-mismatch' ? isChunkOf(refused!.id) : isItemPut(refused!.id);
    bench.intake.faults.push({ when, action: answer, times: 5 });
    const run = await runOutbox(bench.deps());
    expect(run.summary).toEqual({ queued: 0, uploading: 0, stored: 1, parked: 1 });
    expect(await outboxEntry(bench.db, refused!.id)).toMatchObject({ state: 'parked', parkedReason: reason, lastError: { code: reason, status } });
    expect(await outboxEntry(bench.db, other!.id)).toMatchObject({ state: 'stored' });
  });
});

describe('an intake that is busy or failing', () => {
  it('429 with Retry-After holds every item back that long, then they all go', async () => {
    bench = await outboxBench(3);
    bench.intake.faults.push({ when: isItemPut(bench.items[0]!.id), action: { ...problem('rate-limited'), headers: { 'Retry-After': '120' } } });
    const started = bench.clock.now();
    const run = await runOutbox(bench.deps());
    expect(run.stoppedBy).toMatchObject({ kind: 'problem', status: 429, retryAfterMs: 120_000 });
    expect(run.summary).toMatchObject({ queued: 3 });
    for (const entry of await outboxEntries(bench.db)) expect(entry.nextAttemptAt).toBeGreaterThanOrEqual(started + 120_000);
    expect(run.nextDueAt).toBeGreaterThanOrEqual(started + 120_000);
    const putsSent = bench.intake.requests.filter((request) => request.method === 'PUT');
    expect(putsSent).toHaveLength(1);

    bench.clock.advance(60_000);
    const sent = bench.intake.requests.length;
    await runOutbox(bench.deps());
    expect(bench.intake.requests).toHaveLength(sent);

    bench.clock.advance(61_000);
    expect((await runOutbox(bench.deps())).summary).toMatchObject({ stored: 3 });
    expect(itemsHeld(bench.intake)).toHaveLength(3);
  });

  it('500 stops the run and retries that item after its backoff; the others wait untouched', async () => {
    bench = await outboxBench(2);
    const [failing, waiting] = bench.items;
    bench.intake.faults.push({ when: isItemPut(failing!.id), action: problem('internal') });
    const started = bench.clock.now();
    const run = await runOutbox(bench.deps());
    expect(run.stoppedBy).toMatchObject({ status: 500 });
    const entry = (await outboxEntry(bench.db, failing!.id))!;
    expect(entry).toMatchObject({ state: 'queued', attempts: 1, lastError: { code: 'internal', status: 500 } });
    // Full jitter: the first retry within the 2 s ceiling (random() is 0.5 here).
    expect(entry.nextAttemptAt - started).toBeGreaterThan(0);
    expect(entry.nextAttemptAt - started).toBeLessThanOrEqual(2_000);
    expect(await outboxEntry(bench.db, waiting!.id)).toMatchObject({ state: 'queued', attempts: 0 });

    bench.clock.advance(2_000);
    expect((await runOutbox(bench.deps())).summary).toMatchObject({ stored: 2 });
  });

  it('a chunk cut short (truncated) resumes from what the intake committed', async () => {
    bench = await outboxBench(1);
    const [item] = bench.items;
    bench.intake.faults.push({ when: (request) => isChunkOf(item!.id, 0)(request) && request.headers['content-range']!.startsWith('bytes 16-'), action: problem('truncated', { committedOffset: 16 }) });
    await runOutbox(bench.deps());
    expect(await outboxEntry(bench.db, item!.id)).toMatchObject({ state: 'queued', resume: true, lastError: { code: 'truncated' } });
    bench.clock.advance(2_000);
    await runOutbox(bench.deps());
    expect(await outboxEntry(bench.db, item!.id)).toMatchObject({ state: 'stored' });
  });
});

describe('a receipt that does not check out', () => {
  it('parks the item as bad-receipt, after asking the server for its keys once more', async () => {
    bench = await outboxBench(1);
    const pair = await generateInstallationKey();
    const publicKey = await publicKeyJwk(pair.publicKey);
    const strangerKeys: ServerKey[] = [{ keyId: await keyFingerprint(publicKey), publicKey, validFrom: '2020-01-01T00:00:00.000Z', validUntil: null }];
    let refreshed = 0;
    const run = await runOutbox(bench.deps({ keyRing: () => ({ keys: async () => strangerKeys, refresh: async () => (refreshed++, strangerKeys) }) }));
    expect(run.summary).toMatchObject({ parked: 1, stored: 0 });
    expect(refreshed).toBe(1);
    expect(await outboxEntry(bench.db, bench.items[0]!.id)).toMatchObject({ state: 'parked', parkedReason: 'bad-receipt', receipt: null, lastError: { code: 'bad-receipt' } });
  });
});

describe('nothing is sent', () => {
  it('without a connection, or without the permission to reach the intake; the items wait', async () => {
    bench = await outboxBench(2);
    expect(await runOutbox(bench.deps({ connection: async () => null }))).toMatchObject({ outcome: 'not-configured', summary: { queued: 2 } });
    let asked = '';
    const denied = await runOutbox(bench.deps({ mayReach: async (url) => ((asked = url), false) }));
    expect(denied).toMatchObject({ outcome: 'no-permission', summary: { queued: 2 } });
    expect(asked).toBe(bench.intake.url);
    expect(bench.intake.requests).toEqual([]);
    expect(await states()).toEqual(['queued', 'queued']);
  });
});
