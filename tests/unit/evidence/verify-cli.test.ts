// @vitest-environment node
/**
 * `npm run -s verify -- <bundle.zip>` as whoever receives a bundle runs it: a child process, its
 * exit code and its output. 0 and "OK" for an untouched bundle; 1 and one line per failure, naming
 * the file, for a tampered one; 2 for a wrong command line.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseStore, exportToBytes, flipByte, manifestOf, replaceEntry, rewriteBundle, type CaseStore } from './bundle-helpers';

let store: CaseStore;
let dir: string;
let good: string;
let bad: string;
let screenshot: string;

beforeAll(async () => {
  store = await caseStore();
  const bundle = await exportToBytes(store.db, { caseId: store.case.id });
  screenshot = (await manifestOf(bundle)).items[0]!.artifacts[0]!.file!;
  const tampered = await rewriteBundle(bundle, (entries) => replaceEntry(entries, screenshot, flipByte(entries.find((entry) => entry.name === screenshot)!.data, 30)));
  dir = await mkdtemp(join(tmpdir(), 'colophon-verify-'));
  good = join(dir, 'good.zip');
  bad = join(dir, 'bad.zip');
  await writeFile(good, bundle);
  await writeFile(bad, tampered);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const verify = (...args: string[]) => spawnSync('npm', ['run', '-s', 'verify', '--', ...args], { cwd: process.cwd(), encoding: 'utf8', timeout: 60_000 });

describe('npm run verify', { timeout: 60_000 }, () => {
  it('exits 0 on an untouched bundle and prints the fingerprint', () => {
    const run = verify(good);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`signing key fingerprint: ${store.fingerprint}`);
    expect(run.stdout).toContain('case "Erickson 盗版 · Book World"');
    expect(run.stdout).toMatch(/^OK: /m);
  });

  it('exits 1 on a tampered bundle, with a line naming the file', () => {
    const run = verify(bad);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^FAILED: 1 problem$/m);
    expect(run.stdout).toContain(`  ${screenshot}: its SHA-256 is `);
  });

  it('prints the verification as JSON with --json', () => {
    const run = verify(bad, '--json');
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as { ok: boolean; failures: { file: string }[]; fingerprint: string };
    expect(report).toMatchObject({ ok: false, fingerprint: store.fingerprint, failures: [{ file: screenshot }] });
  });

  it('exits 1 when the key is not the expected one, and 2 on a wrong command line or a missing file', () => {
    expect(verify(good, '--fingerprint', 'f'.repeat(64)).status).toBe(1);
    expect(verify().status).toBe(2);
    expect(verify(join(dir, 'absent.zip')).status).toBe(2);
  });
});
