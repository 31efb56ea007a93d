// @vitest-environment node
/**
 * `npm run -s extract -- <url> <file.html>` on a page saved as the marketplace served it: a GBK
 * Taobao page comes out as the same recognition as the page stored as UTF-8, title for title.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageFixtures } from '../../fixtures/pages';
import { gbk } from '../../unit/cli/gbk';

// Written for Colophon with <meta charset="gbk"> as Taobao pages carry it, stored as UTF-8.
const fixture = pageFixtures().find((candidate) => candidate.name === 'taobao/store-authored-2024-shop-search')!;
const spawnOptions = { cwd: process.cwd(), encoding: 'utf8', timeout: 60_000 } as const;
/** The command as package.json runs it, for the one test of the npm script itself. */
const npmExtract = (...args: string[]) => spawnSync('npm', ['run', '-s', 'extract', '--', ...args], spawnOptions);
/** The same command without npm's start-up, for the others. */
const extract = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'utils/cli/extract.ts', ...args], spawnOptions);

let dir: string;
let gbkFile: string;
let storedFile: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'colophon-extract-'));
  gbkFile = join(dir, 'gbk.html');
  storedFile = join(dir, 'stored.html');
  await writeFile(gbkFile, gbk(fixture.html()));
  await writeFile(storedFile, fixture.html(), 'utf8');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('npm run extract', { timeout: 60_000 }, () => {
  it('reads a GBK page by its <meta charset>', () => {
    const run = npmExtract(fixture.url, gbkFile);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(fixture.expected);
  });

  it('reads a page stored as UTF-8 under a <meta charset="gbk"> when told it was served as UTF-8', () => {
    expect(JSON.parse(extract(fixture.url, storedFile, '--charset', 'utf-8').stdout)).toEqual(fixture.expected);
    // Without being told, it is read as the browser would read that file: as GBK, so not as shown.
    const misread = JSON.parse(extract(fixture.url, storedFile).stdout);
    expect(misread.listings[0].title).not.toBe(fixture.expected.listings[0]!.title);
  });

  it('exits 2 on a charset no browser knows, or a wrong command line', () => {
    const unknown = extract(fixture.url, gbkFile, '--charset', 'no-such-charset');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('no-such-charset');
    expect(extract(fixture.url).status).toBe(2);
    expect(extract(fixture.url, gbkFile, '--encoding', 'gbk').status).toBe(2);
  });
});
