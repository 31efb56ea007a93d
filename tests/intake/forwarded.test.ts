/**
 * Plain http is answered from this machine, and from a TLS proxy the coalition trusts when the
 * protocol that proxy itself forwarded is https: the last hop of X-Forwarded-Proto or Forwarded,
 * never the first value, which is whatever the client sent. Checked as a rule, from a real
 * non-loopback address, and behind a real nginx terminating TLS.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLoopbackAddress, plainHttpVerdict, TrustedProxies } from '../../intake/src/http/forwarded';
import { startIntake, type RunningIntake } from '../../intake/src/intake';
import { sqliteBackend, type BackendPlace } from './support/backends';
import { capturedItem } from './support/items';
import { findNginx, proxyAddress, startNginx, type TestNginx } from './support/nginx';

const externalAddress = Object.values(networkInterfaces())
  .flat()
  .find((address) => address && !address.internal && address.family === 'IPv4')?.address;

describe('the forwarded-protocol rule', () => {
  const proxies = new TrustedProxies(['10.0.0.5', '192.0.2.0/24', 'fd00::/8']);
  const verdict = (address: string, headers: Record<string, string>) => plainHttpVerdict(address, headers, proxies).allowed;

  it.each<[string, Record<string, string>, boolean]>([
    ['the proxy says https', { 'x-forwarded-proto': 'https' }, true],
    ['the proxy says http', { 'x-forwarded-proto': 'http' }, false],
    ['the client says https and the proxy appends http', { 'x-forwarded-proto': 'https, http' }, false],
    ['the client says http and the proxy appends https', { 'x-forwarded-proto': 'http,https' }, true],
    ['the proxy appends https, in capitals', { 'x-forwarded-proto': 'HTTP, HTTPS' }, true],
    ['Forwarded: the proxy says https', { forwarded: 'for=198.51.100.7;proto=https' }, true],
    ['Forwarded: the client says https and the proxy appends http', { forwarded: 'proto=https, for=198.51.100.7;proto=http' }, false],
    ['Forwarded: the proxy appends https after a client’s http', { forwarded: 'proto=http, proto="https"' }, true],
    ['Forwarded: the proxy’s element says nothing of the protocol', { forwarded: 'proto=https, for=198.51.100.7' }, false],
    ['Forwarded that cannot be read', { forwarded: 'proto="https' }, false],
    ['both, one of them http (the client’s passed through)', { 'x-forwarded-proto': 'https', forwarded: 'proto=http' }, false],
    ['both https', { 'x-forwarded-proto': 'https', forwarded: 'proto=https' }, true],
    ['nothing from the proxy', {}, false],
  ])('from a trusted proxy, %s: answered %s', (_, headers, allowed) => {
    expect(verdict('10.0.0.5', headers)).toBe(allowed);
    expect(verdict('::ffff:192.0.2.77', headers)).toBe(allowed);
    expect(verdict('fd00::1:2', headers)).toBe(allowed);
  });

  it('never reads the forwarding headers of anyone else: loopback is answered, any other address refused', () => {
    expect(verdict('10.0.0.6', { 'x-forwarded-proto': 'https', forwarded: 'proto=https' })).toBe(false);
    expect(verdict('198.51.100.7', {})).toBe(false);
    expect(verdict('127.0.0.1', { 'x-forwarded-proto': 'http' })).toBe(true);
    expect(plainHttpVerdict(undefined, {}, proxies).allowed).toBe(false);
    // A proxy on this machine is judged as a proxy: its requests must say https.
    expect(plainHttpVerdict('127.0.0.1', { 'x-forwarded-proto': 'http' }, new TrustedProxies(['127.0.0.1'])).allowed).toBe(false);
    expect(plainHttpVerdict('::1', {}, new TrustedProxies(['::1'])).allowed).toBe(false);
  });

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

  it.each(['nginx', '10.0.0.0/33', '10.0.0.1/8/1', '10.0.0.1/x', '', '::1/129'])('refuses %j as a trusted proxy, naming it', (entry) => {
    expect(() => new TrustedProxies([entry])).toThrow(new RangeError(`a trusted proxy is an IP address or a CIDR range such as 10.0.0.0/8, not ${JSON.stringify(entry)}`));
  });
});

// Real requests from a non-loopback address: this machine's own network address.
describe.runIf(externalAddress)('plain http from another address', () => {
  let place: BackendPlace;
  let token: string;
  const intakes: RunningIntake[] = [];
  beforeAll(async () => {
    place = await sqliteBackend.create();
  });
  afterAll(async () => {
    await Promise.all(intakes.map((intake) => intake.close()));
    await place.dispose();
  });

  const intakeTrusting = async (trustedProxies: string[]) => {
    const intake = await startIntake({ storage: await place.open(), host: '0.0.0.0', port: 0, trustedProxies, log: () => undefined });
    intakes.push(intake);
    if (!token) {
      await intake.admin.createOrganisation('acme', 'Acme');
      ({ token } = await intake.admin.createRepresentative('r', { organisation: 'acme', name: 'R' }));
    }
    return (headers: Record<string, string> = {}) =>
      fetch(`http://${externalAddress}:${new URL(intake.url).port}/v1/session`, { headers: { Authorization: `Bearer ${token}`, ...headers } });
  };

  it('is refused from an address not trusted, whatever its headers claim', async () => {
    const session = await intakeTrusting([]);
    for (const headers of [{}, { 'X-Forwarded-Proto': 'https' }, { Forwarded: 'proto=https' }] as Record<string, string>[]) {
      const answer = await session(headers);
      expect([answer.status, (await answer.json()).code]).toEqual([403, 'https-required']);
    }
  });

  it('is answered from a trusted proxy by the protocol at its last hop', async () => {
    const session = await intakeTrusting([externalAddress!]);
    expect((await session({ 'X-Forwarded-Proto': 'https' })).status).toBe(200);
    expect((await session({ 'X-Forwarded-Proto': 'https, http' })).status).toBe(403);
    const silent = await session();
    expect([silent.status, (await silent.json()).detail]).toEqual([403, 'the proxy said nothing of the protocol: it must set X-Forwarded-Proto or append to Forwarded']);
  });
});

const nginx = findNginx();

describe.skipIf(!nginx)(`behind a real nginx${nginx ? '' : ' (skipped: nginx is not installed here; Debian package `nginx`)'}`, () => {
  let place: BackendPlace;
  let intake: RunningIntake;
  let proxy: TestNginx;
  let token: string;
  beforeAll(async () => {
    place = await sqliteBackend.create();
    intake = await startIntake({ storage: await place.open(), port: 0, trustedProxies: [proxyAddress], log: () => undefined });
    await intake.admin.createOrganisation('acme', 'Acme');
    ({ token } = await intake.admin.createRepresentative('r', { organisation: 'acme', name: 'R' }));
    proxy = await startNginx(intake.url);
  }, 60_000);
  afterAll(async () => {
    await proxy?.stop();
    await intake?.close();
    await place?.dispose();
  });

  /** A request through nginx, over TLS when the URL says https (trusting nginx's certificate). */
  const send = (url: string, path: string, options: { method?: string; headers?: Record<string, string>; body?: Uint8Array | string } = {}) =>
    new Promise<{ status: number; json: any }>((resolve, reject) => {
      const target = new URL(path, url);
      const headers = { Authorization: `Bearer ${token}`, ...options.headers };
      const done = (response: IncomingMessage) => {
        const pieces: Buffer[] = [];
        response.on('data', (piece: Buffer) => pieces.push(piece));
        response.on('end', () => resolve({ status: response.statusCode!, json: JSON.parse(Buffer.concat(pieces).toString('utf8') || 'null') }));
      };
      const method = options.method ?? 'GET';
      const outgoing = target.protocol === 'https:' ? httpsRequest(target, { method, headers, ca: proxy.certificate }, done) : httpRequest(target, { method, headers }, done);
      outgoing.on('error', reject);
      outgoing.end(options.body);
    });

  it.each<{ what: string; via: 'appending' | 'setting'; scheme: 'http' | 'https'; headers: Record<string, string>; status: number }>([
    { what: 'https', via: 'appending', scheme: 'https', headers: {}, status: 200 },
    { what: 'https, the client claiming http', via: 'appending', scheme: 'https', headers: { 'X-Forwarded-Proto': 'http', Forwarded: 'proto=http' }, status: 200 },
    { what: 'plain http', via: 'appending', scheme: 'http', headers: {}, status: 403 },
    { what: 'plain http, the client claiming https in X-Forwarded-Proto', via: 'appending', scheme: 'http', headers: { 'X-Forwarded-Proto': 'https' }, status: 403 },
    { what: 'plain http, the client claiming https in Forwarded', via: 'appending', scheme: 'http', headers: { Forwarded: 'for=198.51.100.7;proto=https' }, status: 403 },
    { what: 'https', via: 'setting', scheme: 'https', headers: {}, status: 200 },
    { what: 'plain http, the client claiming https in X-Forwarded-Proto, which nginx replaces', via: 'setting', scheme: 'http', headers: { 'X-Forwarded-Proto': 'https' }, status: 403 },
    { what: 'plain http, the client claiming https in Forwarded, which nginx passes on', via: 'setting', scheme: 'http', headers: { Forwarded: 'proto=https' }, status: 403 },
  ])('answers $what through the $via listener with $status', async ({ via, scheme, headers, status }) => {
    const answer = await send(proxy[via][scheme], '/v1/session', { headers });
    expect(answer.status).toBe(status);
    if (status === 403) expect(answer.json.code).toBe('https-required');
  });

  it('takes an upload through it over TLS, chunks and all', async () => {
    const { item, bytes } = await capturedItem(1, { screenshotBytes: 2 * 1024 * 1024 });
    const created = await send(proxy.appending.https, `/v1/items/${item.id}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
      body: JSON.stringify(item),
    });
    expect(created.status).toBe(201);
    let last;
    for (const [index, artifact] of bytes.entries()) {
      last = await send(proxy.appending.https, `/v1/items/${item.id}/artifacts/${index}`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/octet-stream', 'Idempotency-Key': crypto.randomUUID(), 'Content-Range': `bytes 0-${artifact.length - 1}/${artifact.length}` },
        body: artifact,
      });
      expect(last.status).toBe(200);
    }
    expect(last!.json.state).toBe('complete');
  });

  it('still answers this machine directly: loopback is not the proxy', async () => {
    expect((await fetch(`${intake.url}/v1/session`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
  });
});
