/**
 * When the intake's own storage runs out, a request is answered 507 storage-full with Retry-After,
 * keeps nothing, and succeeds once there is room again. The disk really is full: the staged upload
 * is pointed at /dev/full, whose every write fails with ENOSPC, as on a full disk.
 */
import { copyFile, readdir, rm, symlink } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isStorageFull } from '../../intake/src/storage/storage-full';
import { sqliteBackend } from './support/backends';
import { Harness } from './support/harness';
import { capturedItem } from './support/items';

describe.skipIf(!existsSync('/dev/full'))('a full disk under the intake (SQLite and files)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.start(sqliteBackend);
  });
  afterEach(() => h.stop());

  it('answers 507 storage-full with Retry-After, keeps nothing, and takes the same chunk once there is room', async () => {
    const { item, bytes } = await capturedItem(1, { screenshotBytes: 4000 });
    await h.putItem(item);
    const screenshot = bytes[0]!;
    expect((await h.putChunk(item.id, 0, screenshot.subarray(0, 1000), 0, screenshot.length)).status).toBe(200);
    // The disk fills up: the staged upload's next write fails as it would.
    const staging = join((h.place.location as { data: string }).data, 'staging');
    const [staged] = await readdir(staging);
    const aside = join(tmpdir(), `colophon-staged-${process.pid}`);
    await copyFile(join(staging, staged!), aside);
    await rm(join(staging, staged!));
    await symlink('/dev/full', join(staging, staged!));
    const before = await h.snapshot();

    const full = await h.putChunk(item.id, 0, screenshot.subarray(1000), 1000, screenshot.length);
    expect([full.status, full.json.code, full.headers.get('retry-after')]).toEqual([507, 'storage-full', '600']);
    expect(await h.snapshot()).toEqual(before);
    expect((await h.request('GET', `/v1/items/${item.id}`)).json.artifacts[0].received).toBe(1000);

    // Room again: the same chunk goes through and the item completes.
    await rm(join(staging, staged!));
    await copyFile(aside, join(staging, staged!));
    expect((await h.putChunk(item.id, 0, screenshot.subarray(1000), 1000, screenshot.length)).status).toBe(200);
    const page = await h.putChunk(item.id, 1, bytes[1]!, 0, bytes[1]!.length);
    expect(page.json.state).toBe('complete');
  });
});

describe('isStorageFull', () => {
  it.each([
    ['a full disk', Object.assign(new Error('no space left on device'), { code: 'ENOSPC' }), true],
    ['a disk quota', Object.assign(new Error('disk quota exceeded'), { code: 'EDQUOT' }), true],
    ['a full SQLite database', Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }), true],
    ["PostgreSQL's disk_full", Object.assign(new Error('could not extend file'), { code: '53100' }), true],
    ['a full disk as the cause of another error', new Error('writing the chunk failed', { cause: Object.assign(new Error('x'), { code: 'ENOSPC' }) }), true],
    ['a missing file', Object.assign(new Error('no such file'), { code: 'ENOENT' }), false],
    ['a plain error', new Error('boom'), false],
  ])('%s', (_, error, full) => {
    expect(isStorageFull(error)).toBe(full);
  });
});
