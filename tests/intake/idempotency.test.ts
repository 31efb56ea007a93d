/**
 * Idempotency keys, exactly as intake/README.md says: a replay gets the first answer and changes
 * nothing; the same key with another request is 422 idempotency-key-reused; a replay while the
 * first is still being answered is 409 idempotency-key-in-flight; keys are per organisation and
 * kept at least 24 hours.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { contentRange, type EvidenceItem } from '@/utils/protocol/intake';
import { fingerprintOf, idempotencyRetentionMs } from '../../intake/src/store/idempotency';
import { tokenHash, type Caller } from '../../intake/src/store/members';
import { backends } from './support/backends';
import { Harness } from './support/harness';
import { capturedItem } from './support/items';

const chunkBytes = 4096;

describe.each(backends)('idempotency keys ($name)', (backend) => {
  let h: Harness;
  let item: EvidenceItem;
  let bytes: Uint8Array[];
  let clock: number;
  beforeAll(() => backend.setup?.(), 60_000);
  afterAll(() => backend.teardown?.());
  beforeEach(async () => {
    clock = Date.parse('2025-06-01T10:00:00.000Z');
    h = await Harness.start(backend, { limits: { maxChunkBytes: chunkBytes }, now: () => new Date(clock), inFlightTimeoutMs: 30_000 });
    ({ item, bytes } = await capturedItem(1, { screenshotBytes: 10_000 }));
  });
  afterEach(() => h.stop());

  const callerA = (): Caller => ({ organisation: { id: h.a.organisation, name: '' }, representative: { id: h.a.representative, name: '' }, tokenHash: tokenHash(h.a.token) });

  it('answers a replayed item with its first answer, changing nothing, even once the item has moved on', async () => {
    const key = randomUUID();
    const first = await h.putItem(item, { key });
    expect(first.status).toBe(201);
    await h.upload(item, bytes, chunkBytes);
    const before = await h.snapshot();
    const replay = await h.putItem(item, { key });
    expect(replay.status).toBe(201);
    expect(replay.text).toBe(first.text);
    expect(await h.snapshot()).toEqual(before);
    // A new key for the item held: its status as it is now.
    const fresh = await h.putItem(item);
    expect(fresh.status).toBe(200);
    expect(fresh.json.state).toBe('complete');
  });

  it('applies a replayed chunk once', async () => {
    await h.putItem(item);
    const key = randomUUID();
    const first = await h.putChunk(item.id, 0, bytes[0]!.subarray(0, chunkBytes), 0, bytes[0]!.length, { key });
    const before = await h.snapshot();
    const replay = await h.putChunk(item.id, 0, bytes[0]!.subarray(0, chunkBytes), 0, bytes[0]!.length, { key });
    expect([replay.status, replay.text]).toEqual([200, first.text]);
    expect(replay.json.artifacts[0].received).toBe(chunkBytes);
    expect(await h.snapshot()).toEqual(before);
  });

  it('refuses a key reused for another request: 422 idempotency-key-reused, changing nothing', async () => {
    const key = randomUUID();
    await h.putItem(item, { key });
    const before = await h.snapshot();
    const other = await capturedItem(2);
    const reused = [
      await h.putItem(other.item, { key }),
      await h.putChunk(item.id, 0, bytes[0]!.subarray(0, chunkBytes), 0, bytes[0]!.length, { key }),
    ];
    for (const answer of reused) expect([answer.status, answer.json.code]).toEqual([422, 'idempotency-key-reused']);
    expect(await h.snapshot()).toEqual(before);
  });

  it('keeps keys per organisation: another member may use the same key', async () => {
    const key = randomUUID();
    expect((await h.putItem(item, { key })).status).toBe(201);
    const theirs = await capturedItem(3);
    expect((await h.putItem(theirs.item, { key, token: h.b.token })).status).toBe(201);
  });

  it('keeps no key for a refusal that changed nothing: the corrected request may use it', async () => {
    const key = randomUUID();
    expect((await h.putItem(item, { key, body: '{' })).status).toBe(400);
    expect((await h.putItem(item, { key })).status).toBe(201);
  });

  it('executes again a chunk first refused as out of order, once the client has caught up', async () => {
    await h.putItem(item);
    const early = { key: randomUUID() };
    const second = bytes[0]!.subarray(chunkBytes, 2 * chunkBytes);
    expect((await h.putChunk(item.id, 0, second, chunkBytes, bytes[0]!.length, early)).json.code).toBe('chunk-out-of-order');
    await h.putChunk(item.id, 0, bytes[0]!.subarray(0, chunkBytes), 0, bytes[0]!.length);
    const retried = await h.putChunk(item.id, 0, second, chunkBytes, bytes[0]!.length, early);
    expect([retried.status, retried.json.artifacts[0].received]).toEqual([200, 2 * chunkBytes]);
  });

  it('keeps a hash-mismatch answer: the replay is refused the same way and drops nothing more', async () => {
    const html = bytes[1]!;
    await h.putItem(item);
    const key = randomUUID();
    const wrong = Uint8Array.from(html, (byte) => byte ^ 1);
    const first = await h.putChunk(item.id, 1, wrong, 0, html.length, { key });
    expect(first.json.code).toBe('hash-mismatch');
    const before = await h.snapshot();
    const replay = await h.putChunk(item.id, 1, wrong, 0, html.length, { key });
    expect([replay.status, replay.text]).toEqual([422, first.text]);
    expect(await h.snapshot()).toEqual(before);
  });

  it('answers 409 idempotency-key-in-flight while the first request holds the key, and lets a retry take over a key abandoned for too long', async () => {
    await h.putItem(item);
    const key = randomUUID();
    const body = bytes[0]!.subarray(0, chunkBytes);
    const path = `/v1/items/${item.id}/artifacts/0`;
    const range = contentRange(0, chunkBytes, bytes[0]!.length);
    // The first request, still being answered (here, or by another intake process on the same database).
    const first = await h.intake.store.claimKey(callerA(), key, fingerprintOf({ method: 'PUT', path, body, contentRange: range }));
    expect(first.kind).toBe('claimed');
    const before = await h.snapshot();
    const overtaking = await h.putChunk(item.id, 0, body, 0, bytes[0]!.length, { key });
    expect([overtaking.status, overtaking.json.code]).toEqual([409, 'idempotency-key-in-flight']);
    expect(await h.snapshot()).toEqual(before);

    clock += 30_000;
    const retry = await h.putChunk(item.id, 0, body, 0, bytes[0]!.length, { key });
    expect([retry.status, retry.json.artifacts[0].received]).toEqual([200, chunkBytes]);
    // The first request, answering at last, cannot overwrite the answer kept for the key.
    await h.intake.store.keepAnswer(callerA(), key, first.kind === 'claimed' ? first.claim : '', 500, '{}');
    const replay = await h.putChunk(item.id, 0, body, 0, bytes[0]!.length, { key });
    expect(replay.text).toBe(retry.text);
  });

  it('answers two identical chunks sent at once by applying one: the other is a replay or in flight', async () => {
    await h.putItem(item);
    const key = randomUUID();
    const send = () => h.putChunk(item.id, 0, bytes[0]!.subarray(0, chunkBytes), 0, bytes[0]!.length, { key });
    const answers = await Promise.all([send(), send(), send()]);
    const applied = answers.filter((answer) => answer.status === 200);
    expect(applied.length).toBeGreaterThanOrEqual(1);
    for (const answer of applied) expect(answer.text).toBe(applied[0]!.text);
    for (const answer of answers.filter((answer) => answer.status !== 200)) expect(answer.json.code).toBe('idempotency-key-in-flight');
    expect((await h.request('GET', `/v1/items/${item.id}`)).json.artifacts[0].received).toBe(chunkBytes);
  });

  it('keeps keys 24 hours, then lets them be purged', async () => {
    const key = randomUUID();
    await h.putItem(item, { key });
    clock += idempotencyRetentionMs - 1;
    expect(await h.intake.store.purgeIdempotencyKeys()).toBe(0);
    expect((await h.putItem(item, { key })).status).toBe(201);
    clock += 2;
    expect(await h.intake.store.purgeIdempotencyKeys()).toBe(1);
    // Forgotten: the key is new again, and the item, held, answers 200.
    expect((await h.putItem(item, { key })).status).toBe(200);
  });
});
