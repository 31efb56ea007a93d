/**
 * The admin command, run as an administrator runs it (`npm run intake -- admin …`: a process of
 * its own, here `node --import tsx`, which is what tsx runs, without npx's start-up), against the
 * same storage as a running intake: what it creates, revokes and rotates is what the server sees
 * at its next request.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startIntake, type RunningIntake } from '../../intake/src/intake';
import { backends, type BackendPlace } from './support/backends';

const repository = join(import.meta.dirname, '../..');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function intakeCommand(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'intake/src/main.ts', ...args], { cwd: repository, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

describe.each(backends)('the admin command ($name)', (backend) => {
  let place: BackendPlace;
  let intake: RunningIntake;
  beforeAll(() => backend.setup?.(), 60_000);
  afterAll(() => backend.teardown?.());
  beforeEach(async () => {
    place = await backend.create();
    intake = await startIntake({ storage: await place.open(), port: 0, log: () => undefined });
  });
  afterEach(async () => {
    await intake.close();
    await place.dispose();
  });

  const where = () => ('data' in place.location ? ['--data', place.location.data] : ['--postgres', place.location.postgres]);
  const admin = (...args: string[]) => intakeCommand(['admin', ...where(), ...args]);
  const session = (token: string) => fetch(`${intake.url}/v1/session`, { headers: { Authorization: `Bearer ${token}` } });
  const tokenIn = (run: Run) => {
    const token = run.stdout.trim().split('\n').at(-1)!;
    expect(token).toMatch(/^colophon-[0-9a-f]{64}$/);
    return token;
  };

  it('creates members whose tokens the running server accepts, and revokes them', { timeout: 120_000 }, async () => {
    const org = await admin('create-org', 'acme-books', '--name', 'Acme Books');
    expect(org).toMatchObject({ code: 0, stderr: '' });
    expect(org.stdout).toContain('acme-books');
    const created = await admin('create-representative', 'r.one', '--org', 'acme-books', '--name', 'R. One');
    expect(created.code).toBe(0);
    const token = tokenIn(created);
    const answer = await session(token);
    expect(await answer.json()).toMatchObject({ organisation: { id: 'acme-books', name: 'Acme Books' }, representative: { id: 'r.one', name: 'R. One' } });

    const second = tokenIn(await admin('issue-token', 'r.one'));
    expect((await session(second)).status).toBe(200);
    expect(await admin('revoke', second)).toMatchObject({ code: 0, stdout: 'Revoked 1 token.\n' });
    expect((await session(second)).status).toBe(401);
    expect((await session(token)).status).toBe(200);
    expect(await admin('revoke', 'r.one')).toMatchObject({ code: 0, stdout: 'Revoked 1 token.\n' });
    expect((await session(token)).status).toBe(401);

    const listed = await admin('list', '--json');
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toMatchObject({
      organisations: [{ id: 'acme-books', name: 'Acme Books' }],
      representatives: [{ id: 'r.one', organisation: 'acme-books', activeTokens: 0, revokedTokens: 2 }],
      keys: [{ validUntil: null }],
    });
    // Only hashes are kept: no token appears in the database's listing.
    expect(listed.stdout).not.toContain(token);
  });

  it('rotates the signing key, and the server signs with the new one', { timeout: 120_000 }, async () => {
    const before = (await (await fetch(`${intake.url}/v1/server-keys`)).json()).keys;
    const rotated = await admin('rotate-key');
    expect(rotated.code).toBe(0);
    const after = (await (await fetch(`${intake.url}/v1/server-keys`)).json()).keys;
    expect(after).toHaveLength(2);
    expect(after[0]).toMatchObject({ keyId: before[0].keyId, validUntil: after[1].validFrom });
    expect(rotated.stdout).toContain(after[1].keyId);
  });

  it('refuses what will not do with exit code 1 and one sentence', { timeout: 120_000 }, async () => {
    expect((await admin('create-org', 'acme-books', '--name', 'Acme')).code).toBe(0);
    expect(await admin('create-org', 'acme-books', '--name', 'Acme')).toMatchObject({ code: 1, stdout: '', stderr: 'There is already an organisation acme-books.\n' });
    expect(await admin('create-representative', 'x', '--org', 'nobody', '--name', 'X')).toMatchObject({ code: 1, stderr: 'There is no organisation nobody: create it first.\n' });
  });
});

describe('the intake command line', () => {
  const nowhere = join(tmpdir(), `colophon-intake-never-${process.pid}`);
  it.each([[['admin']], [['admin', 'bogus']], [['admin', 'create-org', 'a']], [['admin', 'create-org', 'a', 'b', '--name', 'B']], [['serve', '--port', 'x']], [['launch']]])(
    'answers %j with exit code 2 and the usage, creating nothing',
    { timeout: 60_000 },
    async (args) => {
      const run = await intakeCommand([...args, '--data', nowhere]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('usage:');
      expect(existsSync(nowhere)).toBe(false);
    },
  );

  it('wants to be told where the data is', { timeout: 60_000 }, async () => {
    const run = await intakeCommand(['admin', 'list']);
    expect([run.code, run.stderr.split('\n')[0]]).toEqual([2, 'give either --data <dir> or --postgres <url>']);
  });
});
