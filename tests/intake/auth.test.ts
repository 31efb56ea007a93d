/**
 * Who may do what: a bearer token per representative, tokens that can be
 * revoked, https outside loopback, and a representative who sees and touches only their own
 * organisation's items, refused with nothing changed everywhere else.
 */
import { networkInterfaces } from 'node:os';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { intakeLimits, type EvidenceItem } from '@/utils/sync/intake-protocol';
import { isLoopbackAddress, plainHttpAllowed } from '../../intake/src/http/gate';
import { startIntake } from '../../intake/src/intake';
import { backends } from './support/backends';
import { Harness } from './support/harness';
import { capturedItem } from './support/items';

const externalAddress = Object.values(networkInterfaces())
  .flat()
  .find((address) => address && !address.internal && address.family === 'IPv4')?.address;

describe.each(backends)('authorisation ($name)', (backend) => {
  let h: Harness;
  let item: EvidenceItem;
  let bytes: Uint8Array[];
  beforeAll(() => backend.setup?.());
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

  it('shows another organisation nothing of an item, lets it write nothing to it, and reconciles it as absent', async () => {
    const status = await h.upload(item, bytes, 1 << 20);
    const before = await h.snapshot();
    const asB = { token: h.b.token };
    expect((await h.request('GET', `/v1/items/${item.id}`, asB)).json).toMatchObject({ status: 404, code: 'unknown-item' });
    expect((await h.request('GET', `/v1/items/${item.id}/receipt`, asB)).json).toMatchObject({ status: 404, code: 'unknown-item' });
    expect((await h.putItem(item, asB)).json).toMatchObject({ status: 403, code: 'forbidden' });
    expect((await h.putChunk(item.id, 1, bytes[1]!, 0, bytes[1]!.length, asB)).json).toMatchObject({ status: 404, code: 'unknown-item' });
    const reconciled = await h.request('POST', '/v1/reconcile', { ...asB, body: JSON.stringify({ itemIds: [item.id] }), headers: { 'Content-Type': 'application/json' } });
    expect(reconciled.json).toEqual({ items: [{ itemId: item.id, state: 'absent', receipt: null }] });
    expect(await h.snapshot()).toEqual(before);
    expect((await h.request('GET', `/v1/items/${item.id}`)).json).toEqual(status);
  });

  it('refuses an id another organisation holds even while its upload is incomplete', async () => {
    await h.putItem(item);
    const before = await h.snapshot();
    expect((await h.putItem(item, { token: h.b.token })).json.code).toBe('forbidden');
    expect((await h.putChunk(item.id, 0, bytes[0]!.subarray(0, 10), 0, bytes[0]!.length, { token: h.b.token })).json.code).toBe('unknown-item');
    expect(await h.snapshot()).toEqual(before);
  });
});

describe('https outside loopback', () => {
  it.each<[string | undefined, boolean]>([
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['192.0.2.2', false],
    ['::ffff:192.0.2.2', false],
    ['fd00::2', false],
    ['128.0.0.1', false],
    [undefined, false],
  ])('counts %s as loopback: %s', (address, loopback) => {
    expect(isLoopbackAddress(address)).toBe(loopback);
  });

  it('trusts a TLS proxy only when told, and then refuses what the proxy says came over http', () => {
    expect(plainHttpAllowed('192.0.2.2', false, 'https')).toBe(false);
    expect(plainHttpAllowed('192.0.2.2', true, undefined)).toBe(true);
    expect(plainHttpAllowed('192.0.2.2', true, 'https')).toBe(true);
    expect(plainHttpAllowed('192.0.2.2', true, 'http')).toBe(false);
    expect(plainHttpAllowed('192.0.2.2', true, 'https, http')).toBe(true);
    expect(plainHttpAllowed('127.0.0.1', true, 'http')).toBe(false);
  });

  // A real request from a non-loopback address: this machine's own network address.
  it.runIf(externalAddress)('answers plain http from another address with 403 https-required, unless behind a TLS proxy', async () => {
    const { sqliteBackend } = await import('./support/backends');
    const place = await sqliteBackend.create();
    const intake = await startIntake({ storage: await place.open(), host: '0.0.0.0', port: 0, log: () => undefined });
    const behindProxy = await startIntake({ storage: await place.open(), host: '0.0.0.0', port: 0, behindTlsProxy: true, log: () => undefined });
    try {
      await intake.admin.createOrganisation('acme', 'Acme');
      const { token } = await intake.admin.createRepresentative('r', { organisation: 'acme', name: 'R' });
      const session = (server: typeof intake, headers: Record<string, string> = {}) =>
        fetch(`http://${externalAddress}:${new URL(server.url).port}/v1/session`, { headers: { Authorization: `Bearer ${token}`, ...headers } });
      const refused = await session(intake);
      expect([refused.status, (await refused.json()).code]).toEqual([403, 'https-required']);
      expect((await fetch(`http://${externalAddress}:${new URL(intake.url).port}/v1/server-keys`)).status).toBe(200);
      expect((await session(behindProxy)).status).toBe(200);
      expect((await session(behindProxy, { 'X-Forwarded-Proto': 'http' })).status).toBe(403);
      expect((await fetch(`http://127.0.0.1:${new URL(intake.url).port}/v1/session`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
    } finally {
      await intake.close();
      await behindProxy.close();
      await place.dispose();
    }
  });
});
