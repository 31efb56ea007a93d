// @vitest-environment node
// (real captures in fake-indexeddb need Node's Blob, store-helpers.ts; Node's fetch talks to the loopback intake.)
/**
 * The outbox run end to end against the intake double: captured items reach it whole, in several
 * chunks, with receipts stored back; a lost answer is recovered by reconciliation without a
 * duplicate; a worker stopped mid-upload is resumed with the same keys; a deleted item is not sent.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { deleteItem } from '@/utils/evidence/store';
import { checkReceipt } from '@/utils/protocol/intake';
import { runOutbox } from '@/utils/sync/outbox-runner';
import { outboxEntries, outboxEntry } from '@/utils/sync/outbox-store';
import { chunkRequest, itemRequest } from '@/utils/sync/outbox-state';
import { heldDigests, isChunkOf, isItemPut, itemsHeld, outboxBench, testChunkBytes, type OutboxBench } from './outbox-helpers';

let bench: OutboxBench;
afterEach(async () => bench?.intake.close());

const digestsOf = (bench: OutboxBench, index: number) => bench.items[index]!.artifacts.map((artifact) => artifact.sha256);

describe('a run', () => {
  it('brings every captured item to the intake in chunks, and stores each checked receipt', async () => {
    bench = await outboxBench(3);
    const run = await runOutbox(bench.deps());
    expect(run).toMatchObject({ outcome: 'done', summary: { queued: 0, uploading: 0, stored: 3, parked: 0 }, nextDueAt: null, stoppedBy: null });

    expect(itemsHeld(bench.intake)).toEqual(bench.items.map((item) => item.id).sort());
    const keys = bench.intake.holdings.serverKeys().keys;
    for (const [index, item] of bench.items.entries()) {
      expect(heldDigests(bench.intake, item.id)).toEqual(digestsOf(bench, index));
      const entry = (await outboxEntry(bench.db, item.id))!;
      expect(entry).toMatchObject({ state: 'stored', lastError: null });
      expect(await checkReceipt(entry.receipt, keys)).toMatchObject({ ok: true });
      expect(entry.receipt).toMatchObject({ itemId: item.id, link: item.link, artifacts: item.artifacts.map(({ sha256 }) => expect.objectContaining({ sha256 })) });
      const chunks = bench.intake.requests.filter(isChunkOf(item.id));
      const chunksNeeded = item.artifacts.reduce((sum, artifact) => sum + Math.ceil(artifact.size / testChunkBytes), 0);
      expect(chunks).toHaveLength(chunksNeeded);
      expect(chunks.length).toBeGreaterThan(item.artifacts.length);
      expect(Math.max(...chunks.map((chunk) => chunk.bodyBytes))).toBeLessThanOrEqual(testChunkBytes);
    }
    // The server's keys are fetched once and kept for the receipts after.
    expect(bench.intake.requests.filter((request) => request.path === '/v1/server-keys')).toHaveLength(1);
  });

  it('sends nothing when there is nothing to send, and nothing twice', async () => {
    bench = await outboxBench(1);
    await runOutbox(bench.deps());
    const sent = bench.intake.requests.length;
    expect(await runOutbox(bench.deps())).toMatchObject({ outcome: 'done', summary: { stored: 1 } });
    expect(bench.intake.requests).toHaveLength(sent);
  });

  it('does not start twice at once; a run asked for meanwhile makes the running one look again', async () => {
    bench = await outboxBench(2);
    const [first, second] = await Promise.all([runOutbox(bench.deps()), runOutbox(bench.deps())]);
    expect([first.outcome, second.outcome].sort()).toEqual(['busy', 'done']);
    for (const item of bench.items) expect(bench.intake.requests.filter(isItemPut(item.id))).toHaveLength(1);
    expect((await outboxEntries(bench.db)).map((entry) => entry.state)).toEqual(['stored', 'stored']);
  });
});

describe('a lost answer', () => {
  it('to the last chunk: reconciliation stores the receipt, and nothing is sent again', async () => {
    bench = await outboxBench(1);
    const [item] = bench.items;
    const lastChunk = Math.ceil(item!.artifacts[1]!.size / testChunkBytes) - 1;
    bench.intake.faults.push({ when: (request) => isChunkOf(item!.id, 1)(request) && request.headers['content-range']!.startsWith(`bytes ${lastChunk * testChunkBytes}-`), action: 'drop-answer' });

    const first = await runOutbox(bench.deps());
    expect(first.stoppedBy).toMatchObject({ kind: 'network' });
    const waiting = (await outboxEntry(bench.db, item!.id))!;
    expect(waiting).toMatchObject({ state: 'queued', resume: true, lastError: { code: 'network' } });
    expect(heldDigests(bench.intake, item!.id)).toEqual(digestsOf(bench, 0));

    bench.clock.advance(waiting.nextAttemptAt - bench.clock.now());
    const sentBefore = bench.intake.requests.length;
    const second = await runOutbox(bench.deps());
    expect(second.summary).toMatchObject({ stored: 1, queued: 0 });
    const after = bench.intake.requests.slice(sentBefore).map((request) => `${request.method} ${request.path}`);
    // The server's keys, to check the receipt with, and the item's status for its duplicate notice: nothing of the item is sent.
    expect(after).toEqual(['POST /v1/reconcile', 'GET /v1/server-keys', `GET /v1/items/${item!.id}`]);
    expect((await outboxEntry(bench.db, item!.id))!.duplicate).toEqual({ reportedByOtherMembers: false, otherMembers: 0 });
    expect(itemsHeld(bench.intake)).toEqual([item!.id]);
  });

  it('to the record: the next run resumes from what the intake holds, and the item is created once', async () => {
    bench = await outboxBench(1);
    const [item] = bench.items;
    bench.intake.faults.push({ when: isItemPut(item!.id), action: 'drop-answer' });
    await runOutbox(bench.deps());
    const waiting = (await outboxEntry(bench.db, item!.id))!;
    expect(waiting).toMatchObject({ state: 'queued', resume: true });

    // Not before its backoff is over.
    await runOutbox(bench.deps());
    expect(await outboxEntry(bench.db, item!.id)).toMatchObject({ state: 'queued' });
    bench.clock.advance(waiting.nextAttemptAt - bench.clock.now());
    await runOutbox(bench.deps());
    expect(await outboxEntry(bench.db, item!.id)).toMatchObject({ state: 'stored' });
    expect(bench.intake.requests.filter(isItemPut(item!.id))).toHaveLength(1);
    expect(bench.intake.requests.map((request) => `${request.method} ${request.path}`)).toContain(`GET /v1/items/${item!.id}`);
    expect(heldDigests(bench.intake, item!.id)).toEqual(digestsOf(bench, 0));
  });
});

describe('a worker stopped mid-upload', () => {
  it('leaves the entry uploading with its keys; the next worker resumes it with the same keys', async () => {
    bench = await outboxBench(1);
    const [item] = bench.items;
    const stopAt = `bytes ${testChunkBytes * 2}-`;
    let stopped = false;
    let endStoppedWorker = () => undefined as void;
    // The third chunk reaches the intake (and is committed), but the worker never hears back: it was stopped.
    const stoppingFetch: typeof fetch = async (input, init) => {
      const range = new Headers(init?.headers).get('Content-Range');
      if (range?.startsWith(stopAt)) {
        await fetch(input, init);
        stopped = true;
        return new Promise<Response>((_resolve, reject) => (endStoppedWorker = () => reject(new Error('the worker is gone'))));
      }
      return fetch(input, init);
    };
    const stoppedRun = runOutbox(bench.deps({ fetch: stoppingFetch, timeoutMs: 60_000 }));
    await vi.waitFor(() => expect(stopped).toBe(true));

    const left = (await outboxEntry(bench.db, item!.id))!;
    expect(left).toMatchObject({ state: 'uploading', attempts: 1 });
    const stoppedKey = left.idempotencyKeys[chunkRequest(0, testChunkBytes * 2)];
    expect(stoppedKey).toBeDefined();
    expect(Object.keys(left.idempotencyKeys)).toContain(itemRequest);

    // A new worker: a fresh module, as a restarted service worker has, sharing only IndexedDB.
    vi.resetModules();
    const restarted = await import('@/utils/sync/outbox-runner');
    const run = await restarted.runOutbox(bench.deps());
    expect(run.summary).toMatchObject({ stored: 1, uploading: 0 });
    const after = (await outboxEntry(bench.db, item!.id))!;
    for (const [request, key] of Object.entries(left.idempotencyKeys)) expect(after.idempotencyKeys[request as never]).toBe(key);
    // The committed chunk is not sent again: the intake was asked what it holds.
    expect(bench.intake.requests.filter((request) => request.headers['idempotency-key'] === stoppedKey)).toHaveLength(1);
    expect(heldDigests(bench.intake, item!.id)).toEqual(digestsOf(bench, 0));
    expect(bench.intake.requests.filter(isItemPut(item!.id))).toHaveLength(1);

    // Had the old worker lived on, its attempt finds the entry moved on and leaves it be.
    endStoppedWorker();
    await stoppedRun;
    expect(await outboxEntry(bench.db, item!.id)).toEqual(after);
  });
});

describe('a deleted item', () => {
  it('leaves the outbox with its bytes, and is never sent', async () => {
    bench = await outboxBench(2);
    const [kept, deleted] = bench.items;
    await deleteItem(bench.db, deleted!.id, { confirmed: true, reason: 'captured the wrong page' });
    expect(await outboxEntry(bench.db, deleted!.id)).toBeUndefined();
    const run = await runOutbox(bench.deps());
    expect(run.summary).toEqual({ queued: 0, uploading: 0, stored: 1, parked: 0 });
    expect(itemsHeld(bench.intake)).toEqual([kept!.id]);
    expect(bench.intake.requests.some((request) => request.path.includes(deleted!.id))).toBe(false);
  });

  it('deleted during its upload stops the upload, and the deletion stands', async () => {
    bench = await outboxBench(1);
    const [item] = bench.items;
    let deleting: Promise<unknown> | null = null;
    const deletingFetch: typeof fetch = async (input, init) => {
      if (new Headers(init?.headers).get('Content-Range')?.startsWith('bytes 0-') && !deleting) {
        deleting = deleteItem(bench.db, item!.id, { confirmed: true, reason: 'personal data on the page' });
        await deleting;
      }
      return fetch(input, init);
    };
    const run = await runOutbox(bench.deps({ fetch: deletingFetch }));
    expect(run.summary).toEqual({ queued: 0, uploading: 0, stored: 0, parked: 0 });
    expect(await outboxEntry(bench.db, item!.id)).toBeUndefined();
    expect(bench.intake.requests.filter(isChunkOf(item!.id))).toHaveLength(1);
  });
});
