/**
 * What one abusive client can hold of the intake: requests per minute and at once per token and
 * per organisation (429 rate-limited with Retry-After, spending nothing), how long a request may
 * take to arrive (a slow upload is cut and commits nothing), and how many connections may be open.
 * The limits live in the HTTP layer, the same for both back ends: SQLite is enough here.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { contentRange, type EvidenceItem } from '@/utils/protocol/intake';
import { TrafficGuard } from '../../intake/src/http/traffic';
import type { IntakeProblem } from '../../intake/src/problem';
import { sqliteBackend } from './support/backends';
import { Harness, type HarnessOptions, type Member } from './support/harness';
import { capturedItem } from './support/items';
import { idleConnection, startSlowRequest, type SlowRequest } from './support/raw-http';

let h: Harness;
const slow: SlowRequest[] = [];
afterEach(async () => {
  await Promise.all(slow.splice(0).map((request) => request.cut()));
  await h.stop();
});

const start = async (options: HarnessOptions) => {
  h = await Harness.start(sqliteBackend, options);
};
const session = (who: Member | string) => h.request('GET', '/v1/session', { token: typeof who === 'string' ? who : who.token });

/** Polls until `check` holds: the server notices a connection's state a moment after the client changes it. */
async function eventually(check: () => Promise<boolean>, what: string, withinMs = 5000): Promise<void> {
  const until = Date.now() + withinMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`not within ${withinMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A chunk of `item`'s screenshot that sends 100 of its bytes and then nothing. */
const slowChunk = async (token: string, item: EvidenceItem): Promise<SlowRequest> => {
  const size = item.artifacts[0]!.size;
  const request = await startSlowRequest({
    url: h.url,
    method: 'PUT',
    path: `/v1/items/${item.id}/artifacts/0`,
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/octet-stream',
      'Idempotency-Key': randomUUID(),
      'Content-Range': contentRange(0, size, size),
      'Content-Length': String(size),
    },
    body: new Uint8Array(100),
  });
  slow.push(request);
  return request;
};

describe('requests per minute', () => {
  it('refuses a token past its rate with 429 and the seconds until its next request, changing nothing, other tokens untouched', async () => {
    await start({ traffic: { requestsPerMinutePerToken: 3 } });
    for (let i = 0; i < 3; i++) expect((await session(h.a)).status).toBe(200);
    const { item } = await capturedItem(1);
    const before = await h.snapshot();
    const refused = await h.putItem(item);
    expect([refused.status, refused.json.code]).toEqual([429, 'rate-limited']);
    // One request in 60 s / 3: 20 s from the first, less the moment since.
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(10);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(20);
    expect(await h.snapshot()).toEqual(before);
    expect((await session(h.b)).status).toBe(200);
    expect((await session(await h.intake.admin.issueToken(h.a.representative))).status).toBe(200);
  });

  it('counts the tokens of one organisation together', async () => {
    await start({ traffic: { requestsPerMinutePerOrganisation: 4 } });
    const colleague = await h.addMember(h.a.organisation, 'k.lee', true);
    for (const who of [h.a, colleague, h.a, colleague]) expect((await session(who)).status).toBe(200);
    const refused = await session(colleague);
    expect([refused.status, refused.json.code]).toEqual([429, 'rate-limited']);
    expect(refused.json.detail).toContain('per organisation');
    expect((await session(h.b)).status).toBe(200);
  });

  it('refills evenly: a refused token may send again once Retry-After has passed', () => {
    let now = 0;
    const guard = new TrafficGuard({ requestsPerMinutePerToken: 2 }, () => now);
    const caller = { organisation: { id: 'o', name: 'O' }, representative: { id: 'r', name: 'R' }, tokenHash: 't' };
    const refusal = () => {
      try {
        guard.admit(caller)();
        return null;
      } catch (error) {
        return error as IntakeProblem;
      }
    };
    expect([refusal(), refusal()]).toEqual([null, null]);
    expect(refusal()).toMatchObject({ code: 'rate-limited', details: { retryAfterSeconds: 30 } });
    now = 29_900;
    expect(refusal()).toMatchObject({ code: 'rate-limited', details: { retryAfterSeconds: 1 } });
    now = 30_001;
    expect(refusal()).toBeNull();
    expect(refusal()).toMatchObject({ code: 'rate-limited' });
  });
});

describe('requests at once', () => {
  it('holds a token to its concurrent requests: slow uploads past the cap are refused, others go on, a place frees when one ends', async () => {
    await start({ traffic: { concurrentRequestsPerToken: 2 } });
    const { item } = await capturedItem(1, { screenshotBytes: 100_000 });
    await h.putItem(item);
    const first = await slowChunk(h.a.token, item);
    await slowChunk(h.a.token, item);
    await eventually(async () => (await session(h.a)).status === 429, 'the third request of the token is refused');
    const refused = await session(h.a);
    expect([refused.json.code, refused.headers.get('retry-after')]).toEqual(['rate-limited', '1']);
    expect((await session(h.b)).status).toBe(200);
    expect((await session(await h.intake.admin.issueToken(h.a.representative))).status).toBe(200);
    await first.cut();
    await eventually(async () => (await session(h.a)).status === 200, 'a place freed by the cut upload');
    expect((await h.request('GET', `/v1/items/${item.id}`)).json.artifacts[0].received).toBe(0);
  });

  it('holds an organisation to its concurrent requests, whichever token sends them', async () => {
    await start({ traffic: { concurrentRequestsPerOrganisation: 2 } });
    const colleague = await h.addMember(h.a.organisation, 'k.lee', true);
    const { item } = await capturedItem(1, { screenshotBytes: 100_000 });
    await h.putItem(item);
    await slowChunk(h.a.token, item);
    await slowChunk(colleague.token, item);
    await eventually(async () => (await session(await h.intake.admin.issueToken(h.a.representative))).status === 429, 'a third token of the organisation is refused');
    expect((await session(h.b)).status).toBe(200);
  });
});

describe('connections', () => {
  it('cuts a request whose body does not arrive within the request timeout: nothing committed, its place freed', async () => {
    await start({ traffic: { concurrentRequestsPerToken: 1 }, connections: { requestTimeoutMs: 1000, headersTimeoutMs: 500 } });
    const { item } = await capturedItem(1, { screenshotBytes: 100_000 });
    await h.putItem(item);
    const upload = await slowChunk(h.a.token, item);
    const { answer, afterMs } = await upload.closed;
    expect(answer).toBeNull();
    expect(afterMs).toBeGreaterThanOrEqual(900);
    expect(afterMs).toBeLessThan(4000);
    expect((await session(h.a)).status).toBe(200);
    expect((await h.request('GET', `/v1/items/${item.id}`)).json.artifacts[0].received).toBe(0);
  });

  it('cuts a client that does not finish its request head within the headers timeout', async () => {
    await start({ connections: { requestTimeoutMs: 6000, headersTimeoutMs: 500 } });
    const request = await startSlowRequest({ url: h.url, method: 'GET', path: '/v1/session', headers: {}, body: new Uint8Array(0), headOnly: 'GET /v1/session HTTP/1.1\r\nHost: x\r\n' });
    slow.push(request);
    const { afterMs } = await request.closed;
    expect(afterMs).toBeGreaterThanOrEqual(400);
    // Long before the request timeout: it was the head's own.
    expect(afterMs).toBeLessThan(5000);
  });

  it('closes connections past maxConnections as they come, and takes new ones once others have gone', async () => {
    await start({ connections: { maxConnections: 3 } });
    const held = await Promise.all([1, 2, 3].map(() => idleConnection(h.url)));
    const dropped = await idleConnection(h.url);
    await dropped.closed;
    expect(held.map((connection) => connection.isClosed())).toEqual([false, false, false]);
    await held[0]!.close();
    await eventually(async () => (await session(h.a).catch(() => ({ status: 0 }))).status === 200, 'a connection once one has gone');
    await Promise.all(held.slice(1).map((connection) => connection.close()));
  });
});
