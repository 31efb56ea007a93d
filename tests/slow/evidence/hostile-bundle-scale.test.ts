// @vitest-environment node
/**
 * Hostile bundles of 50,000 entries: added, missing, renamed and moved files by the tens of
 * thousands, each reported under its own name and code. A verifier that compared every file with
 * every other (as it once did, 85 s for 20,000 added files) could be made to hang for hours by a
 * bundle of a few megabytes; these run in linear time. Their timings are printed by
 * tests/bench/evidence/verify-hostile.ts, not asserted here.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { BundleFile } from '@/utils/evidence/bundle/manifest';
import { resign, verifyBytes } from '../../support/evidence/bundle-helpers';
import { hostileBase, type HostileBase } from '../../support/evidence/hostile-bundle-corpus';
import { assemble, type RawEntry } from '../../support/evidence/hostile-bundle-helpers';
import { sha256OfBytes } from '../../support/evidence/store-helpers';
import { utf8 } from '../../support/evidence/zip-helpers';

const count = 50_000;
let base: HostileBase;

beforeAll(async () => {
  base = await hostileBase();
});

const planted = (prefix: string): RawEntry[] => Array.from({ length: count }, (_, i) => ({ name: `items/${prefix}-${String(i).padStart(5, '0')}.txt`, data: utf8(`planted ${i}`) }));
const listing = (entries: readonly RawEntry[], prefix: string): BundleFile[] =>
  entries.map((entry, i) => ({ path: `items/${prefix}-${String(i).padStart(5, '0')}.txt`, size: entry.data.length, sha256: sha256OfBytes(entry.data) }));

/** The real bundle with `files` before its closing files, its manifest listing `listed` after its own, re-signed by its own key. */
async function withFiles(files: readonly RawEntry[], listed: readonly BundleFile[]): Promise<Uint8Array> {
  const archive = assemble([...base.entries.slice(0, -3), ...files, ...base.entries.slice(-3)]);
  return resign(archive, base.store.keyPair, (manifest) => void manifest.files.push(...listed));
}

const tally = (codes: readonly string[]) => Object.fromEntries([...new Set(codes)].map((code) => [code, codes.filter((other) => other === code).length]));

describe(`a bundle with ${count.toLocaleString('en')} entries`, { timeout: 120_000 }, () => {
  it('added: each is reported unlisted, by name', async () => {
    const files = planted('added');
    const verification = await verifyBytes(assemble([...base.entries.slice(0, -3), ...files, ...base.entries.slice(-3)]));
    expect(tally(verification.failures.map((failure) => failure.code))).toEqual({ 'unlisted-file': count });
    expect(verification.failures.at(-1)).toMatchObject({ file: 'items/added-49999.txt', entry: base.entries.length - 3 + count - 1 });
  });

  it('listed but missing: each is reported missing', async () => {
    const verification = await verifyBytes(await withFiles([], listing(planted('gone'), 'gone')));
    expect(tally(verification.failures.map((failure) => failure.code))).toEqual({ 'missing-file': count });
  });

  it('renamed: each is paired with the listed name it holds the bytes of', async () => {
    const files = planted('renamed');
    const verification = await verifyBytes(await withFiles(files, listing(files, 'listed')));
    expect(tally(verification.failures.map((failure) => failure.code))).toEqual({ 'renamed-file': 2 * count });
    expect(verification.failures).toContainEqual(expect.objectContaining({ file: 'items/listed-12345.txt', message: 'missing from the archive: renamed to "items/renamed-12345.txt"' }));
  });

  it('in the reverse of the listed order: each out of place is reported', async () => {
    const files = planted('moved');
    const verification = await verifyBytes(await withFiles([...files].reverse(), listing(files, 'moved')));
    // The middle one of an odd count would stay in its place; with an even count every one moves.
    expect(tally(verification.failures.map((failure) => failure.code))).toEqual({ 'out-of-order': count });
  });
});
