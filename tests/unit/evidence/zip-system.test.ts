// @vitest-environment node
/**
 * The bundle format against an independent implementation, Info-ZIP's `zip` and `unzip` (Debian
 * packages of those names): what Colophon writes, unzip tests and extracts
 * intact; what `zip -0` writes, Colophon's reader reads.
 */
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openFileSource } from '@/utils/evidence/bundle/node-file-source';
import { zipStream } from '@/utils/evidence/bundle/zip-writer';
import { entryBytes, openEntry, readZipDirectory } from '@/utils/evidence/bundle/zip-reader';
import { chunkStream, collect, firstDifference, noise, runInfoZip as run, utf8 } from '../../support/evidence/zip-helpers';

let scratch: string | undefined;
const tempDir = () => (scratch = mkdtempSync(join(tmpdir(), 'colophon-zip-')));
afterEach(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  scratch = undefined;
});

describe('bundles written by zipStream', () => {
  it('pass `unzip -t` and extract to the same bytes and names', async () => {
    const files: Record<string, Uint8Array<ArrayBuffer>> = {
      'manifest.json': utf8('{"version":1,"files":[]}'),
      '证据/淘宝/截图 1.png': noise(2_500_000, 9),
      '证据/淘宝/页面.html': utf8('<title>盗版书 — 第二版</title>'),
      'evidence/empty.txt': new Uint8Array(),
      'evidence/streamed.bin': Uint8Array.from([...noise(1000, 1), ...noise(5000, 2)]),
    };
    const dir = tempDir();
    const archive = join(dir, 'case.zip');
    const bytes = await collect(
      zipStream(
        Object.entries(files).map(([name, data]) => ({
          name,
          modified: new Date('2024-03-09T10:20:30Z'),
          data: name.endsWith('streamed.bin') ? chunkStream([data.subarray(0, 1000), data.subarray(1000)]).stream : new Blob([data]),
        })),
      ),
    );
    writeFileSync(archive, bytes);

    const tested = run('unzip', ['-t', archive]);
    expect(tested).toContain('No errors detected in compressed data');
    for (const name of Object.keys(files)) expect(tested).toContain(`testing: ${name}`);

    run('unzip', ['-q', archive, '-d', join(dir, 'out')]);
    for (const [name, data] of Object.entries(files)) {
      expect(firstDifference(new Uint8Array(readFileSync(join(dir, 'out', name))), data), name).toBe(-1);
    }
  });
});

describe('archives written by `zip -0`', () => {
  const files: Record<string, Uint8Array<ArrayBuffer>> = {
    'a.txt': utf8('hello'),
    '证据/截图.png': noise(300_000, 4),
    'empty': new Uint8Array(),
  };

  function makeFiles(dir: string): void {
    for (const [name, data] of Object.entries(files)) {
      mkdirSync(join(dir, 'in', name, '..'), { recursive: true });
      writeFileSync(join(dir, 'in', name), data);
    }
  }

  it.each([
    ['plain', ['-0', '-X', '-q', '-r']],
    ['forced ZIP64', ['-0', '-X', '-q', '-r', '-fz']],
  ])('are read correctly (%s)', async (_, flags) => {
    const dir = tempDir();
    makeFiles(dir);
    run('zip', [...flags, join(dir, 'made.zip'), 'a.txt', '证据', 'empty'], join(dir, 'in'));
    const source = await openFileSource(join(dir, 'made.zip'));
    try {
      const entries = await readZipDirectory(source);
      // `-r` also adds the folder itself, as an entry of its own.
      expect(entries.map((entry) => [entry.name, entry.directory])).toEqual([
        ['a.txt', false],
        ['证据/', true],
        ['证据/截图.png', false],
        ['empty', false],
      ]);
      for (const entry of entries) {
        expect(entry.problems).toEqual([]);
        if (entry.directory) continue;
        const expected = files[entry.name]!;
        expect(entry.size).toBe(expected.length);
        expect(firstDifference(await entryBytes(source, entry), expected)).toBe(-1);
        expect(firstDifference(await collect(openEntry(source, entry, { chunkSize: 4096 })), expected)).toBe(-1);
      }
    } finally {
      await source.close();
    }
  });
});
