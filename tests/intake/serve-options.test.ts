/**
 * How a coalition tunes `npm run intake -- serve` against abusive clients: each limit from its flag,
 * else its COLOPHON_INTAKE_… variable, else the default; anything that is not a sensible value is
 * a usage error naming where it came from, before the server starts. And a server started so
 * enforces what it was given.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { IntakeAdmin } from '../../intake/src/admin';
import { envName, serveOptionsOf } from '../../intake/src/serve-options';
import { closeStorage, openStorage } from '../../intake/src/storage/open';
import { prepareDatabase } from '../../intake/src/store/store';

const repository = join(import.meta.dirname, '../..');
const GiB = 1024 ** 3;

describe('serveOptionsOf', () => {
  it('takes each limit from its flag, else from its variable, in the units the intake counts in', () => {
    const options = serveOptionsOf(
      { 'requests-per-minute-per-token': '60', 'request-timeout-seconds': '12.5', 'storage-quota-gib': '0.5', 'trusted-proxy': ['10.0.0.5', '10.1.0.0/16'] },
      {
        [envName('requests-per-minute-per-token')]: '999',
        [envName('max-connections')]: '64',
        [envName('daily-quota-gib')]: '2',
        [envName('trusted-proxies')]: '192.0.2.1',
      },
    );
    expect(options).toEqual({
      trustedProxies: ['10.0.0.5', '10.1.0.0/16'],
      traffic: { requestsPerMinutePerToken: 60 },
      connections: { maxConnections: 64, requestTimeoutMs: 12_500 },
      quotas: { bytesPerOrganisation: GiB / 2, bytesPerOrganisationPerDay: 2 * GiB },
    });
    expect(serveOptionsOf({}, { [envName('trusted-proxies')]: ' 192.0.2.1 , fd00::/8 ' }).trustedProxies).toEqual(['192.0.2.1', 'fd00::/8']);
    expect(serveOptionsOf({}, {})).toEqual({ trustedProxies: [], traffic: {}, connections: {}, quotas: {} });
  });

  it.each<[Record<string, unknown>, Record<string, string>, string]>([
    [{ 'max-connections': '0' }, {}, '--max-connections is a whole number above 0, not "0"'],
    [{ 'concurrent-requests-per-token': '1.5' }, {}, '--concurrent-requests-per-token is a whole number above 0, not "1.5"'],
    [{}, { COLOPHON_INTAKE_REQUESTS_PER_MINUTE_PER_ORGANISATION: 'lots' }, 'COLOPHON_INTAKE_REQUESTS_PER_MINUTE_PER_ORGANISATION is a whole number above 0, not "lots"'],
    [{ 'storage-quota-gib': '-1' }, {}, '--storage-quota-gib is a number above 0, not "-1"'],
    [{ 'trusted-proxy': ['10.0.0.0/33'] }, {}, '--trusted-proxy: a trusted proxy is an IP address or a CIDR range such as 10.0.0.0/8, not "10.0.0.0/33"'],
    [{}, { COLOPHON_INTAKE_TRUSTED_PROXIES: 'proxy.example.org' }, 'COLOPHON_INTAKE_TRUSTED_PROXIES: a trusted proxy is an IP address'],
    [{ 'headers-timeout-seconds': '40' }, {}, 'the headers timeout (COLOPHON_INTAKE_HEADERS_TIMEOUT_SECONDS) must be at most the request timeout'],
  ])('refuses %j %j, saying where', (values, env, message) => {
    expect(() => serveOptionsOf(values, env)).toThrow(message);
  });
});

describe('the serve command', () => {
  let data: string;
  let child: ReturnType<typeof spawn> | undefined;
  afterEach(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    child = undefined;
    await rm(data, { recursive: true, force: true });
  });

  it('refuses a bad limit as a usage error, exit 2, before starting', async () => {
    data = await mkdtemp(join(tmpdir(), 'colophon-serve-'));
    const run = await new Promise<{ code: number | null; stderr: string }>((resolve) =>
      execFile(process.execPath, ['--import', 'tsx', 'intake/src/main.ts', 'serve', '--data', data, '--port', '0', '--max-connections', 'many'], { cwd: repository, timeout: 60_000 }, (error, _, stderr) =>
        resolve({ code: error ? (error.code as number) : 0, stderr }),
      ),
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--max-connections is a whole number above 0, not "many"');
    expect(run.stderr).toContain('usage:');
  });

  it('enforces the limits it is given by flag and variable', { timeout: 60_000 }, async () => {
    data = await mkdtemp(join(tmpdir(), 'colophon-serve-'));
    const storage = await openStorage({ data });
    await prepareDatabase(storage.sql, new Date());
    const admin = new IntakeAdmin(storage.sql);
    await admin.createOrganisation('acme', 'Acme');
    const { token } = await admin.createRepresentative('r', { organisation: 'acme', name: 'R' });
    await closeStorage(storage);

    child = spawn(process.execPath, ['--import', 'tsx', 'intake/src/main.ts', 'serve', '--data', data, '--port', '0', '--requests-per-minute-per-token', '2'], {
      cwd: repository,
      env: { ...process.env, [envName('requests-per-minute-per-organisation')]: '100' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child!.stdout!.on('data', (piece: Buffer) => {
        out += piece.toString('utf8');
        const found = /listening on (http:\/\/\S+)/.exec(out);
        if (found) resolve(found[1]!);
      });
      child!.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
    });
    const session = () => fetch(`${url}/v1/session`, { headers: { Authorization: `Bearer ${token}` } });
    expect([(await session()).status, (await session()).status]).toEqual([200, 200]);
    const refused = await session();
    expect(refused.status).toBe(429);
    // One request in 60 s / 2, from the first, a moment ago.
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(20);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(30);
  });
});
