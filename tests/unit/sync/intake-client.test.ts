// @vitest-environment node
// (Node's fetch talks to the loopback servers; items are stored through the real evidence store, whose Blobs need Node's: store-helpers.ts.)
/**
 * The intake client against real HTTP on loopback: the intake double for the protocol's answers,
 * and small raw servers for what a broken or hostile one might do (hang, stall mid-answer, send
 * junk, redirect). Every answer is validated; every failure comes out as an IntakeError of the
 * right kind; the token goes nowhere but an acceptable intake URL.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCapture } from '@/utils/evidence/store';
import { createIntakeClient, IntakeError, intakeTimeoutMs } from '@/utils/sync/intake-client';
import type { EvidenceItem } from '@/utils/protocol/intake';
import { captureOf, freshDatabase } from '../../support/evidence/store-helpers';
import { representativeToken, startIntakeDouble, type IntakeDouble } from './intake-double';

const key = (n: number) => `key-${String(n).padStart(16, '0')}`;
let intake: IntakeDouble;
const closers: (() => Promise<void>)[] = [];

beforeEach(async () => {
  intake = await startIntakeDouble();
  closers.push(intake.close);
});
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

const clientOf = (options: { url?: string; timeoutMs?: number; now?: () => number } = {}) =>
  createIntakeClient({ url: options.url ?? intake.url, token: representativeToken, timeoutMs: options.timeoutMs, now: options.now });

/** A raw loopback server answering every request with `handle`; closed after the test. */
async function rawServer(handle: (request: IncomingMessage, response: ServerResponse) => void): Promise<{ url: string; seen: IncomingMessage[] }> {
  const seen: IncomingMessage[] = [];
  const server = createServer((request, response) => {
    seen.push(request);
    handle(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve()))));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const answering = (status: number, body: string, headers: Record<string, string> = {}) =>
  rawServer((_request, response) => {
    response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    response.end(body);
  });

async function failure(promise: Promise<unknown>): Promise<IntakeError> {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(IntakeError);
  return error as IntakeError;
}

async function storedItem(n = 1): Promise<EvidenceItem> {
  return addCapture(await freshDatabase(), captureOf(n));
}

describe('requests', () => {
  it('asks the session with the bearer token, and the server keys without it', async () => {
    const client = clientOf();
    expect(await client.session()).toMatchObject({ organisation: { id: 'springer-nature' }, representative: { id: 'j.smith' } });
    expect((await client.serverKeys())[0]).toMatchObject({ validUntil: null });
    const [session, keys] = intake.requests;
    expect(session!.headers.authorization).toBe(`Bearer ${representativeToken}`);
    expect(keys!.headers.authorization).toBeUndefined();
  });

  it('puts an item as JSON with its Idempotency-Key, and a chunk with its Content-Range', async () => {
    const item = await storedItem();
    const client = clientOf();
    const created = await client.putItem(item, key(1));
    expect(created).toMatchObject({ itemId: item.id, state: 'incomplete', receipt: null });
    expect(created.artifacts.map((artifact) => artifact.received)).toEqual([0, 0]);

    const bytes = captureOf(1).artifacts[0]!.blob;
    const status = await client.putChunk(item.id, 0, bytes.slice(0, 10), 0, bytes.size, key(2));
    expect(status.artifacts[0]!.received).toBe(10);
    const [put, chunk] = intake.requests;
    expect(put!.headers).toMatchObject({ 'content-type': 'application/json', 'idempotency-key': key(1) });
    expect(chunk!.headers).toMatchObject({ 'content-type': 'application/octet-stream', 'idempotency-key': key(2), 'content-range': `bytes 0-9/${bytes.size}` });
    expect(chunk!.bodyBytes).toBe(10);
  });

  it('refuses, before sending, a key or a chunk the protocol does not allow', async () => {
    const item = await storedItem();
    const client = clientOf();
    await expect(client.putItem(item, 'short')).rejects.toThrow();
    await expect(client.putChunk(item.id, 0, new Blob([]), 0, 10, key(1))).rejects.toThrow(RangeError);
    await expect(client.putChunk(item.id, 0, new Blob(['abc']), 9, 10, key(1))).rejects.toThrow(RangeError);
    await expect(client.putChunk('../../admin', 0, new Blob(['abc']), 0, 10, key(1))).rejects.toThrow();
    await expect(client.itemStatus('../session')).rejects.toThrow();
    expect(intake.requests).toEqual([]);
  });

  it('reconciles a list of ids, one answer each, in order', async () => {
    const item = await storedItem();
    const client = clientOf();
    await client.putItem(item, key(1));
    const other = 'f'.repeat(64);
    expect(await client.reconcile([other, item.id])).toEqual([
      { itemId: other, state: 'absent', receipt: null },
      { itemId: item.id, state: 'incomplete', receipt: null },
    ]);
  });
});

describe('problems', () => {
  it('comes out as a problem with its code and status', async () => {
    const error = await failure(createIntakeClient({ url: intake.url, token: 'colophon-' + '00'.repeat(32) }).session());
    expect(error).toMatchObject({ kind: 'problem', status: 401, problem: { code: 'unauthenticated' }, retryAfterMs: null });
  });

  it('gives Retry-After in milliseconds, in seconds or as a date', async () => {
    intake.faults.push({ when: () => true, times: 2, action: { status: 429, body: { code: 'rate-limited', status: 429, title: 'slow down' }, headers: { 'Retry-After': '7' } } });
    expect(await failure(clientOf().session())).toMatchObject({ kind: 'problem', status: 429, problem: { code: 'rate-limited' }, retryAfterMs: 7000 });
    const now = Date.UTC(2026, 0, 1, 12, 0, 0);
    const { url } = await answering(503, JSON.stringify({ code: 'unavailable', status: 503, title: 'down' }), { 'Retry-After': 'Thu, 01 Jan 2026 12:01:30 GMT' });
    expect(await failure(clientOf({ url, now: () => now }).session())).toMatchObject({ kind: 'problem', status: 503, retryAfterMs: 90_000 });
  });

  it.each([
    ['a problem with a member the protocol does not define', 422, { code: 'schema', status: 422, title: 't', extra: 1 }],
    ['a problem whose status is not the answer’s', 400, { code: 'schema', status: 422, title: 't' }],
    ['an unknown code', 418, { code: 'teapot', status: 418, title: 't' }],
    ['an HTML error page', 502, '<html>Bad gateway</html>'],
  ])('is an http failure without a problem for %s', async (_name, status, body) => {
    const { url } = await answering(status, typeof body === 'string' ? body : JSON.stringify(body));
    expect(await failure(clientOf({ url }).session())).toMatchObject({ kind: 'http', status, problem: null });
  });
});

describe('invalid answers', () => {
  const session = { organisation: { id: 'springer-nature', name: 'S' }, representative: { id: 'j.smith', name: 'J' }, limits: { maxItemBytes: 1, maxChunkBytes: 1, maxArtifactBytes: 1, maxReconcileItems: 1 }, serverTime: '2026-01-01T00:00:00.000Z' };

  it.each([
    ['not JSON', 200, 'hello'],
    ['a member the protocol does not define', 200, JSON.stringify({ ...session, admin: true })],
    ['a member missing', 200, JSON.stringify({ ...session, limits: undefined })],
    ['a success status the request does not have', 204, ''],
    ['an answer over a mebibyte', 200, JSON.stringify({ ...session, padding: 'x'.repeat(1_100_000) })],
  ])('refuses %s', async (_name, status, body) => {
    const { url } = await answering(status, body);
    expect(await failure(clientOf({ url }).session())).toMatchObject({ kind: 'invalid-answer', status });
  });

  it('refuses the status of another item, and a reconciliation out of order', async () => {
    const item = await storedItem();
    const other = 'e'.repeat(64);
    const status = { itemId: other, state: 'incomplete', artifacts: [{ index: 0, size: 1, sha256: other, received: 0 }], receipt: null, duplicate: { reportedByOtherMembers: false, otherMembers: 0 } };
    const { url } = await answering(200, JSON.stringify(status));
    expect(await failure(clientOf({ url }).itemStatus(item.id))).toMatchObject({ kind: 'invalid-answer' });
    const reconcile = await answering(200, JSON.stringify({ items: [{ itemId: other, state: 'absent', receipt: null }] }));
    expect(await failure(clientOf({ url: reconcile.url }).reconcile([item.id]))).toMatchObject({ kind: 'invalid-answer' });
  });
});

describe('no answer', () => {
  it('waits 25 s by default', () => {
    expect(intakeTimeoutMs).toBe(25_000);
  });

  it('times out a request the intake never answers', async () => {
    intake.faults.push({ when: () => true, action: 'hang' });
    const started = Date.now();
    expect(await failure(clientOf({ timeoutMs: 300 }).session())).toMatchObject({ kind: 'timeout', status: null });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('times out an answer that stalls halfway through its body', async () => {
    const { url } = await rawServer((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.write('{"organisation":');
    });
    expect(await failure(clientOf({ url, timeoutMs: 300 }).session())).toMatchObject({ kind: 'timeout' });
  });

  it('times out an upload the intake stops reading', async () => {
    const item = await storedItem();
    const { url } = await rawServer((request) => request.pause());
    const bytes = new Blob([new Uint8Array(8 * 1024 * 1024)]);
    const error = await failure(clientOf({ url, timeoutMs: 500 }).putChunk(item.id, 0, bytes, 0, bytes.size, key(1)));
    expect(error.kind).toBe('timeout');
  });

  it('is a network failure when the connection is refused or cut before the answer', async () => {
    const { url } = await answering(200, '{}');
    await Promise.all(closers.splice(1).map((close) => close()));
    expect(await failure(clientOf({ url }).session())).toMatchObject({ kind: 'network', status: null });
    intake.faults.push({ when: () => true, action: 'drop-answer' });
    expect(await failure(clientOf().session())).toMatchObject({ kind: 'network' });
  });
});

describe('the token', () => {
  it('is never sent to a URL that is not https or loopback', async () => {
    const sent: string[] = [];
    const recording = (async (input: RequestInfo | URL) => {
      sent.push(String(input));
      return new Response('{}');
    }) as typeof fetch;
    for (const url of ['http://intake.example.org', 'http://192.168.1.10:8080', 'https://user:secret@intake.example.org', 'ftp://127.0.0.1', 'javascript:alert(1)']) {
      expect(() => createIntakeClient({ url, token: representativeToken, fetch: recording })).toThrow(TypeError);
    }
    expect(sent).toEqual([]);
  });

  it('does not follow a redirect, so it never reaches where one points', async () => {
    const elsewhere = await answering(200, '{}');
    const { url } = await rawServer((_request, response) => {
      response.writeHead(307, { Location: `${elsewhere.url}/v1/session` });
      response.end();
    });
    expect(await failure(clientOf({ url }).session())).toMatchObject({ kind: 'network' });
    expect(elsewhere.seen).toEqual([]);
  });
});
