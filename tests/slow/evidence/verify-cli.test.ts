// @vitest-environment node
/**
 * `npm run -s verify -- <bundle.zip>` as whoever receives a bundle runs it: a child process, its
 * exit code and its output. An intact bundle exits 0 only when its signer's key was named (3 when
 * none was, 4 when another was); a tampered one exits 1 with one line per finding, naming the file
 * and the kind of problem; a wrong command line exits 2. Nothing from the bundle reaches the
 * screen unescaped: a name made of terminal escapes and bidi overrides is shown as `\u{…}` codes.
 */
import { spawnSync } from 'node:child_process';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleEntries, caseStore, exportToBytes, flipByte, manifestOf, replaceEntry, rewriteBundle } from '../../support/evidence/bundle-helpers';
import { assemble, editing } from '../../support/evidence/hostile-bundle-helpers';
import { utf8 } from '../../support/evidence/zip-helpers';

const frozen = join(import.meta.dirname, '../../fixtures/bundles/format-1-case.zip');
const frozenKey = 'e7f6854a71db9b7c19325fab59161ef33904cd34c540e77e73c2cb9a98d1b3d6';
const otherKey = 'f'.repeat(64);
/** What a terminal acts on or does not show: controls, bidi and other format characters, separators. */
const unshowable = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
const hostileName = 'items/\u001b[2K\u001b[1A\rOK: every file checks out \u202egnp.exe\u200b';

let dir: string;
let good: string;
let bad: string;
let hostile: string;
let screenshot: string;

beforeAll(async () => {
  const store = await caseStore();
  const bundle = await exportToBytes(store.db, { caseId: store.case.id });
  screenshot = (await manifestOf(bundle)).items[0]!.artifacts[0]!.file!;
  const tampered = await rewriteBundle(bundle, (entries) => replaceEntry(entries, screenshot, flipByte(entries.find((entry) => entry.name === screenshot)!.data, 30)));
  dir = await mkdtemp(join(tmpdir(), 'colophon-verify-'));
  good = join(dir, 'good.zip');
  bad = join(dir, 'bad.zip');
  hostile = join(dir, 'hostile.zip');
  await copyFile(frozen, good);
  await writeFile(bad, tampered);
  await writeFile(hostile, assemble(editing(await bundleEntries(bundle), screenshot, (entry) => [entry, { name: hostileName, data: utf8('planted') }])));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const spawnOptions = { cwd: process.cwd(), encoding: 'utf8', timeout: 60_000 } as const;
/** The command as package.json runs it, for the one test of the npm script itself. */
const npmVerify = (...args: string[]) => spawnSync('npm', ['run', '-s', 'verify', '--', ...args], spawnOptions);
/** The same command without npm's start-up, for the others. */
const verify = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'utils/cli/verify.ts', ...args], spawnOptions);

describe('npm run verify', { timeout: 60_000 }, () => {
  it('exits 3 on an intact bundle when no key is named: valid for its key, signer not checked', () => {
    const run = npmVerify(good);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(3);
    expect(run.stdout).toContain(`signing key fingerprint: ${frozenKey}`);
    expect(run.stdout).toContain('case "Erickson 盗版 · Book World"');
    expect(run.stdout).toMatch(new RegExp(`^SIGNER NOT CHECKED: every file, digest and chain link checks out, and the signature is valid for key ${frozenKey}; no key was named`, 'm'));
    expect(run.stdout).not.toMatch(/^OK/m);
  });

  it('exits 0 when the signer’s key is named, by --fingerprint or in a --trusted file', async () => {
    const named = verify(good, '--fingerprint', otherKey, '--fingerprint', frozenKey.toUpperCase());
    expect(named.status).toBe(0);
    expect(named.stdout).toMatch(new RegExp(`^OK: every file, digest and chain link checks out, and the signature is valid for key ${frozenKey}, a key you named\\.$`, 'm'));
    const trusted = join(dir, 'trusted.txt');
    await writeFile(trusted, `# the coalition's representatives\n\n${otherKey}  # J. Doe\n${frozenKey}\n`);
    expect(verify(good, '--trusted', trusted).status).toBe(0);
  });

  it('exits 4 when the bundle is intact but signed by a key not named', () => {
    const run = verify(good, '--fingerprint', otherKey);
    expect(run.status).toBe(4);
    expect(run.stdout).toMatch(/^SIGNER NOT TRUSTED: .* valid for key [0-9a-f]{64}, which is not a key you named\.$/m);
  });

  it('exits 1 on a tampered bundle, with a line naming the file and the kind of problem', () => {
    const run = verify(bad);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^FAILED: 1 problem$/m);
    expect(run.stdout).toMatch(new RegExp(`^  ${screenshot}: its SHA-256 is [0-9a-f]{64}, but the manifest lists [0-9a-f]{64}: the file was changed \\(content-changed, at byte \\d+\\)$`, 'm'));
  });

  it('prints the verification as JSON with --json', () => {
    const run = verify(bad, '--json');
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as { ok: boolean; verdict: string; failures: { file: string; code: string }[] };
    expect(report).toMatchObject({ ok: false, verdict: 'failed', failures: [{ file: screenshot, code: 'content-changed' }] });
  });

  it('shows a name made of terminal escapes and bidi overrides as codes, and flags it', () => {
    const run = verify(hostile);
    expect(run.status).toBe(1);
    const lines = run.stdout.split('\n');
    expect(lines.filter((line) => unshowable.test(line))).toEqual([]);
    expect(run.stdout).toContain('items/\\u{1B}[2K\\u{1B}[1A\\u{0D}OK: every file checks out \\u{202E}gnp.exe\\u{200B}: its name holds characters a screen acts on or does not show: \\u{1B} \\u{0D} \\u{202E} \\u{200B} (hidden-characters');
    expect(lines.filter((line) => line.startsWith('OK'))).toEqual([]);
    const json = verify(hostile, '--json');
    expect(unshowable.test(json.stdout.replace(/\n/g, ''))).toBe(false);
    const parsed = JSON.parse(json.stdout) as { failures: { file: string; code: string }[] };
    expect(parsed.failures).toContainEqual(expect.objectContaining({ file: hostileName, code: 'hidden-characters' }));
  });

  it('refuses an archive of more entries than --max-entries allows, naming the bound, and reads one within it', () => {
    const run = verify(good, '--max-entries', '3');
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/entries: more than the 3 allowed/);
    expect(verify(good, '--max-entries', '100000').status).toBe(3);
    expect(verify(good, '--max-entries', 'many').status).toBe(2);
    expect(verify(good, '--max-entries', '0').status).toBe(2);
  });

  it('prints its usage and exit codes with --help', () => {
    const run = verify('--help');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^ {2}3 {2}SIGNER NOT CHECKED: /m);
    expect(run.stdout).toMatch(/^ {2}4 {2}SIGNER NOT TRUSTED: /m);
  });

  it('exits 2 on a wrong command line, a file that cannot be opened, or a list of keys that does not parse', async () => {
    expect(verify().status).toBe(2);
    expect(verify(join(dir, 'absent.zip')).status).toBe(2);
    expect(verify(good, '--fingerprint', 'abc').status).toBe(2);
    const typo = join(dir, 'typo.txt');
    await writeFile(typo, `${frozenKey}\n${frozenKey.slice(1)}\n`);
    const run = verify(good, '--trusted', typo);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('line 2 is not a key fingerprint');
    const empty = join(dir, 'empty.txt');
    await writeFile(empty, '# nobody yet\n');
    expect(verify(good, '--trusted', empty).status).toBe(2);
    expect(verify(good, '--trusted', join(dir, 'absent.txt')).status).toBe(2);
  });
});
