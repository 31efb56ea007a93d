/**
 * Who may talk to the intake: a bearer token per representative, tokens that can be revoked, the
 * public server keys for anyone. What one organisation may see of another's items is in
 * cross-organisation.test.ts, https and trusted proxies in forwarded.test.ts.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { intakeLimits, type EvidenceItem } from '@/utils/protocol/intake';
import { backends } from './support/backends';
import { Harness } from './support/harness';
import { capturedItem } from './support/items';

describe.each(backends)('authorisation ($name)', (backend) => {
  let h: Harness;
  let item: EvidenceItem;
  let bytes: Uint8Array[];
  beforeAll(() => backend.setup?.(), 60_000);
  afterAll(() => backend.teardown?.());
  beforeEach(async () => {
    h = await Harness.start(backend);
    ({ item, bytes } = await capturedItem(1));
  });
  afterEach(() => h.stop());

  /** One request of each authenticated operation, as `token` would send it. */
  const everyOperation = (token: string | null, target: EvidenceItem = item) => [
    () => h.request('GET', '/v1/session', { token }),
    () => h.putItem(target, { token }),
    () => h.request('GET', `/v1/items/${target.id}`, { token }),
    () => h.putChunk(target.id, 1, bytes[1]!, 0, bytes[1]!.length, { token }),
    () => h.request('GET', `/v1/items/${target.id}/receipt`, { token }),
    () => h.request('POST', '/v1/reconcile', { token, body: JSON.stringify({ itemIds: [target.id] }), headers: { 'Content-Type': 'application/json' } }),
  ];

  it('says who a token belongs to, with the limits and the clock', async () => {
    const session = await h.request('GET', '/v1/session');
    expect(session.json).toMatchObject({
      organisation: { id: h.a.organisation, name: `${h.a.organisation} publishing` },
      representative: { id: h.a.representative, name: h.a.representative },
      limits: intakeLimits,
    });
    expect(Math.abs(Date.parse(session.json.serverTime) - Date.now())).toBeLessThan(60_000);
  });

  it.each<[string, string | null, Record<string, string>]>([
    ['no token', null, {}],
    ['an unknown token', `colophon-${'0'.repeat(64)}`, {}],
    ['a token of another form', 'not-a-token-at-all-really', {}],
    ['another scheme', null, { Authorization: 'Basic dXNlcjpwYXNz' }],
  ])('answers %s with 401 unauthenticated on every operation, changing nothing', async (_, token, headers) => {
    const before = await h.snapshot();
    for (const send of everyOperation(token)) {
      const answer = await send();
      expect([answer.status, answer.json.code]).toEqual([401, 'unauthenticated']);
    }
    const bare = await h.request('GET', '/v1/session', { token: null, headers });
    expect(bare.status).toBe(401);
    expect(await h.snapshot()).toEqual(before);
  });

  it('refuses a revoked token at once, leaving others; a token issued anew works', async () => {
    expect(await h.intake.admin.revoke(h.a.representative)).toBe(1);
    for (const send of everyOperation(h.a.token)) expect((await send()).status).toBe(401);
    expect((await h.request('GET', '/v1/session', { token: h.b.token })).status).toBe(200);
    const token = await h.intake.admin.issueToken(h.a.representative);
    expect((await h.request('GET', '/v1/session', { token })).status).toBe(200);
    expect(await h.intake.admin.revoke(token)).toBe(1);
    expect((await h.request('GET', '/v1/session', { token })).status).toBe(401);
  });

  it('gives the server keys to anyone: they are public', async () => {
    const answer = await h.request('GET', '/v1/server-keys', { token: null });
    expect(answer.status).toBe(200);
    expect(answer.json.keys).toHaveLength(1);
  });
});
