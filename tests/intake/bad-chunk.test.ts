/**
 * Every bad chunk gets a clear 4xx with its problem code and commits nothing:
 * ranges that do not fit, chunks over the limit, bodies longer or shorter than their range, a
 * connection ended or cut mid-body, chunks out of order, unknown items and artifacts. Bytes that
 * do not hash to what the item declares are the one refusal that changes something: the artifact
 * is dropped, as the protocol says.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EvidenceItem } from '@/utils/protocol/intake';
import { uploadIdOf } from '../../intake/src/store/chunks';
import { backends } from './support/backends';
import { Harness, type RequestOptions } from './support/harness';
import { capturedItem } from './support/items';
import { openapiViolation } from './support/openapi-check';
import { sendThenCut, sendThenEnd, type RawRequest } from './support/raw-http';

const chunkBytes = 4096;

describe.each(backends)('a bad chunk ($name)', (backend) => {
  let h: Harness;
  let item: EvidenceItem;
  let screenshot: Uint8Array;
  let bytes: Uint8Array[];
  let before: unknown;
  beforeAll(() => backend.setup?.(), 60_000);
  afterAll(() => backend.teardown?.());
  beforeEach(async () => {
    h = await Harness.start(backend, { limits: { maxChunkBytes: chunkBytes } });
    const captured = await capturedItem(1, { screenshotBytes: 20_000 });
    item = captured.item;
    bytes = captured.bytes;
    screenshot = bytes[0]!;
    await h.putItem(item);
    expect((await h.putChunk(item.id, 0, screenshot.subarray(0, chunkBytes), 0, screenshot.length)).status).toBe(200);
    before = await h.snapshot();
  });
  afterEach(() => h.stop());

  const size = () => screenshot.length;
  const chunk = (start: number, length = chunkBytes) => screenshot.subarray(start, start + length);
  const send = (headers: Record<string, string>, body: Uint8Array = chunk(chunkBytes), options: RequestOptions & { path?: string } = {}) =>
    h.request('PUT', options.path ?? `/v1/items/${item.id}/artifacts/0`, {
      ...options,
      body,
      headers: { 'Content-Type': 'application/octet-stream', 'Idempotency-Key': randomUUID(), ...headers },
    });
  const expectRefused = async (answer: { status: number; json: any }, status: number, code: string) => {
    expect(answer.json).toMatchObject({ status, code });
    expect(answer.status).toBe(status);
    expect(await h.snapshot()).toEqual(before);
  };
  const range = (first: number, last: number, total = size()) => ({ 'Content-Range': `bytes ${first}-${last}/${total}` });

  it.each<[string, () => Record<string, string>]>([
    ['no Content-Range', () => ({})],
    ['a Content-Range of another form', () => ({ 'Content-Range': `bytes=${chunkBytes}-${2 * chunkBytes - 1}/${size()}` })],
    ['a range that ends before it starts', () => range(2 * chunkBytes - 1, chunkBytes)],
    ['a range past the artifact’s end', () => range(chunkBytes, size())],
    ['a size that is not the artifact’s', () => range(chunkBytes, 2 * chunkBytes - 1, size() + 1)],
  ])('refuses %s: 400 bad-range', async (_, headers) => {
    await expectRefused(await send(headers()), 400, 'bad-range');
  });

  it('refuses a chunk over the limit before reading it: 413 too-large', async () => {
    await expectRefused(await send(range(chunkBytes, 3 * chunkBytes - 1), chunk(chunkBytes, 2 * chunkBytes)), 413, 'too-large');
  });

  it('refuses a body longer than its range: 400 bad-range', async () => {
    await expectRefused(await send(range(chunkBytes, 2 * chunkBytes - 2), chunk(chunkBytes)), 400, 'bad-range');
  });

  it('refuses a body shorter than its range: 400 truncated, with the committed offset', async () => {
    const answer = await send(range(chunkBytes, 2 * chunkBytes - 1), chunk(chunkBytes, 100));
    await expectRefused(answer, 400, 'truncated');
    expect(answer.json.committedOffset).toBe(chunkBytes);
  });

  const raw = (declared: number, sent: number): RawRequest => ({
    url: h.url,
    method: 'PUT',
    path: `/v1/items/${item.id}/artifacts/0`,
    headers: {
      Authorization: `Bearer ${h.a.token}`,
      'Content-Type': 'application/octet-stream',
      'Idempotency-Key': randomUUID(),
      'Content-Range': `bytes ${chunkBytes}-${chunkBytes + declared - 1}/${size()}`,
      'Content-Length': String(declared),
    },
    body: chunk(chunkBytes, sent),
  });

  it('answers a connection ended mid-body with 400 truncated, and commits nothing', async () => {
    const answer = await sendThenEnd(raw(chunkBytes, 1000));
    expect(openapiViolation('PUT', `/v1/items/${item.id}/artifacts/0`, answer.status, answer.headers['content-type']!, answer.body)).toBeNull();
    await expectRefused({ status: answer.status, json: JSON.parse(answer.body) }, 400, 'truncated');
    expect(JSON.parse(answer.body).committedOffset).toBe(chunkBytes);
  });

  it('commits nothing of a chunk whose connection is cut mid-body, and stays healthy', async () => {
    await sendThenCut(raw(chunkBytes, 1000));
    expect(await h.snapshot()).toEqual(before);
    const next = await h.putChunk(item.id, 0, chunk(chunkBytes), chunkBytes, size());
    expect(next.status).toBe(200);
    expect(next.json.artifacts[0].received).toBe(2 * chunkBytes);
  });

  it('refuses a chunk that does not start at the committed offset: 409 chunk-out-of-order, saying where', async () => {
    for (const start of [0, 2 * chunkBytes]) {
      const answer = await send(range(start, start + chunkBytes - 1), chunk(start));
      await expectRefused(answer, 409, 'chunk-out-of-order');
      expect(answer.json.committedOffset).toBe(chunkBytes);
    }
  });

  it('refuses chunks of an item the organisation does not hold: 404 unknown-item', async () => {
    const other = await capturedItem(2);
    await expectRefused(await send(range(0, 9, other.bytes[0]!.length), other.bytes[0]!.subarray(0, 10), { path: `/v1/items/${other.item.id}/artifacts/0` }), 404, 'unknown-item');
    await expectRefused(await send(range(0, 9), chunk(0, 10), { path: '/v1/items/nothex/artifacts/0' }), 404, 'unknown-item');
  });

  it.each(['2', '9', '10', 'x', '-1'])('refuses artifact index %s of a two-artifact item: 404 unknown-artifact', async (index) => {
    await expectRefused(await send(range(0, 9), chunk(0, 10), { path: `/v1/items/${item.id}/artifacts/${index}` }), 404, 'unknown-artifact');
  });

  it('refuses a chunk that is not application/octet-stream (415) or has no Idempotency-Key (400)', async () => {
    await expectRefused(await send({ ...range(chunkBytes, 2 * chunkBytes - 1), 'Content-Type': 'image/png' }), 415, 'unsupported-media-type');
    await expectRefused(await send({ ...range(chunkBytes, 2 * chunkBytes - 1), 'Idempotency-Key': '' }), 400, 'idempotency-key-missing');
  });

  it('drops an artifact whose bytes do not hash to its digest: 422 hash-mismatch, from byte 0 again', async () => {
    let start = chunkBytes;
    for (; start + chunkBytes < size(); start += chunkBytes) await h.putChunk(item.id, 0, chunk(start), start, size());
    const wrong = Uint8Array.from(chunk(start), (byte) => byte ^ 0xff);
    const answer = await h.putChunk(item.id, 0, wrong, start, size());
    expect(answer.json).toMatchObject({ status: 422, code: 'hash-mismatch', committedOffset: 0 });
    expect((await h.request('GET', `/v1/items/${item.id}`)).json.artifacts[0].received).toBe(0);
    expect(await h.storage.blobs.has(item.artifacts[0]!.sha256)).toBe(false);
    await expect(async () => {
      for await (const _ of h.storage.blobs.readStaged(uploadIdOf(h.a.organisation, item.id, 0), 1));
    }).rejects.toThrow();
    // And it can be sent again, whole this time.
    const status = await h.upload(item, bytes, chunkBytes);
    expect(status.state).toBe('complete');
  });

  it('refuses a range of an empty artifact: there is no range in nothing (400 bad-range)', async () => {
    await expectRefused(await send({ 'Content-Range': 'bytes 0-0/0' }, new Uint8Array(1), { path: `/v1/items/${item.id}/artifacts/1` }), 400, 'bad-range');
  });
});
