// @vitest-environment node
// (Node's Blob survives structured cloning into fake-indexeddb; happy-dom's does not: store-helpers.ts.)
/**
 * Exporting bundles: a case (its deleted item as record and tombstone, no bytes) and a hand-picked
 * selection, each verifying untouched; the layout and manifest the format promises, checked with
 * node:crypto and Info-ZIP rather than our own reader alone; and the exports that must refuse
 * rather than write a bundle that lies (altered bytes, a broken chain, nothing to export).
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '@/utils/protocol/canonical-json';
import { BundleExportError, bundleFileName, exportBundle } from '@/utils/evidence/bundle/export';
import type { EvidenceItem } from '@/utils/protocol/evidence';
import { artifactId, createCase, EvidenceNotFoundError, recordEvent } from '@/utils/evidence/store';
import { bundleEntries, caseStore, exportTime, exportToBytes, manifestOf, testKey, verifyBytes } from '../../support/evidence/bundle-helpers';
import { sha256OfBytes } from '../../support/evidence/store-helpers';
import { runInfoZip } from '../../support/evidence/zip-helpers';

const folder = (sequence: number, id: string) => `items/${String(sequence).padStart(6, '0')}-${id.slice(0, 12)}`;

describe('exporting a case', () => {
  it('writes every file in the documented order, each listed with its size and SHA-256, and verifies', async () => {
    const { db, items, case: exported, fingerprint } = await caseStore();
    const bytes = await exportToBytes(db, { caseId: exported.id });
    const entries = await bundleEntries(bytes);
    const [one, two, three] = items.slice(0, 3) as [EvidenceItem, EvidenceItem, EvidenceItem];

    expect(entries.map((entry) => entry.name)).toEqual([
      'public-key.jwk.json',
      'index.html',
      'summary.csv',
      'complaints/aliexpress/springer-9783030436148-1.txt',
      'complaints/taobao/unmatched-1.txt',
      `${folder(1, one.id)}/metadata.json`,
      `${folder(1, one.id)}/visible-screenshot.png`,
      `${folder(1, one.id)}/page-html.html`,
      `${folder(2, two.id)}/metadata.json`,
      `${folder(2, two.id)}/visible-screenshot.png`,
      `${folder(2, two.id)}/page-html.html`,
      `${folder(3, three.id)}/metadata.json`,
      'manifest.json',
      'manifest.sha256',
      'manifest.sig',
    ]);
    const manifest = await manifestOf(bytes);
    expect(manifest.files.map((file) => file.path)).toEqual(entries.slice(0, -3).map((entry) => entry.name));
    for (const [index, file] of manifest.files.entries()) {
      expect(file).toEqual({ path: entries[index]!.name, size: entries[index]!.data.length, sha256: sha256OfBytes(entries[index]!.data) });
    }
    const manifestData = entries.find((entry) => entry.name === 'manifest.json')!.data;
    expect(new TextDecoder().decode(entries.find((entry) => entry.name === 'manifest.sha256')!.data)).toBe(`${sha256OfBytes(manifestData)}  manifest.json\n`);

    expect(manifest).toMatchObject({
      format: 'colophon-evidence-bundle',
      formatVersion: 1,
      createdAt: exportTime.toISOString(),
      extensionVersion: '0.1.0',
      signer: { fingerprint },
      selection: { kind: 'case', case: exported },
    });
    expect(manifest.chain.headSequence).toBe(4 + 3 + 3);
    expect(manifest.chain.recordDigests).toHaveLength(10);
    expect(manifest.items.map((item) => item.id)).toEqual([one.id, two.id, three.id]);
    // metadata.json is the canonical metadata: its SHA-256 is the item's metadataDigest.
    const metadataFile = entries.find((entry) => entry.name === `${folder(2, two.id)}/metadata.json`)!;
    expect(new TextDecoder().decode(metadataFile.data)).toBe(canonicalJson(two.metadata));
    expect(sha256OfBytes(metadataFile.data)).toBe(two.metadataDigest);
    // The deleted item: its record and tombstone, no bytes.
    const deleted = manifest.items[2]!;
    expect(deleted.artifacts.map((artifact) => artifact.file)).toEqual([null, null]);
    expect(deleted.artifacts.map((artifact) => artifact.sha256)).toEqual(three.artifacts.map((artifact) => artifact.sha256));
    expect(deleted.events.map((event) => event.change.type)).toEqual(['case-added', 'deleted']);
    expect(manifest.items[0]!.events.map((event) => event.change.type)).toEqual(['case-added', 'status']);

    const verification = await verifyBytes(bytes);
    expect(verification.failures).toEqual([]);
    expect(verification).toMatchObject({ ok: true, fingerprint, summary: { items: 3, deletedItems: 1, events: 6, headSequence: 10, case: { id: exported.id } } });
  });

  it('opens with Info-ZIP, and manifest.sha256 checks with sha256sum', async () => {
    const { db, case: exported } = await caseStore();
    const bytes = await exportToBytes(db, { caseId: exported.id });
    const dir = await mkdtemp(join(tmpdir(), 'colophon-bundle-'));
    try {
      await writeFile(join(dir, 'bundle.zip'), bytes);
      runInfoZip('unzip', ['-q', 'bundle.zip', '-d', 'out'], dir);
      const check = spawnSync('sha256sum', ['-c', 'manifest.sha256'], { cwd: join(dir, 'out'), encoding: 'utf8' });
      expect(check.stdout).toBe('manifest.json: OK\n');
      expect(check.status).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('exporting a selection', () => {
  it('exports the chosen items in chain order, once each, whatever case they are in', async () => {
    const { db, items } = await caseStore();
    const bytes = await exportToBytes(db, { itemIds: [items[3]!.id, items[0]!.id, items[3]!.id] });
    const manifest = await manifestOf(bytes);
    expect(manifest.selection).toEqual({ kind: 'items' });
    expect(manifest.items.map((item) => item.sequence)).toEqual([1, 4]);
    expect(manifest.items[1]!.events).toEqual([]);
    const verification = await verifyBytes(bytes);
    expect(verification.failures).toEqual([]);
    expect(verification.ok).toBe(true);
  });

  it('names its file after the case, in any script, and the time', async () => {
    const { db, case: exported } = await caseStore();
    expect((await exportBundle(db, { caseId: exported.id }, { now: exportTime, keyPair: await testKey() })).fileName).toBe(
      'colophon-evidence-Erickson-盗版-Book-World-20260128-153000.zip',
    );
    expect(bundleFileName(null, exportTime)).toBe('colophon-evidence-selection-20260128-153000.zip');
    expect(bundleFileName('../../etc/passwd <x>', exportTime)).toBe('colophon-evidence-etc-passwd-x-20260128-153000.zip');
    expect(bundleFileName('///', exportTime)).toBe('colophon-evidence-case-20260128-153000.zip');
  });
});

describe('an export that must not happen', () => {
  it('errors the stream, naming the artifact, when stored bytes no longer hash to their capture digest, and writes no manifest', async () => {
    const { db, items, case: exported } = await caseStore();
    const key = artifactId(items[1]!.id, 0);
    const record = (await db.get('artifacts', key))!;
    const original = new Uint8Array(await record.blob.arrayBuffer());
    const altered = original.slice();
    altered[3] = altered[3]! ^ 0xff;
    await db.put('artifacts', { ...record, blob: new Blob([altered]) });

    const { stream } = await exportBundle(db, { caseId: exported.id }, { now: exportTime, extensionVersion: '0.1.0', keyPair: await testKey() });
    const seen: Uint8Array[] = [];
    const reader = stream.getReader();
    const failure = await (async () => {
      for (;;) {
        const next = await reader.read();
        if (next.done) return null;
        seen.push(next.value);
      }
    })().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(BundleExportError);
    expect((failure as Error).message).toMatch(/visible-screenshot of evidence item 2 no longer hash/);
    const written = Buffer.concat(seen).toString('utf8');
    expect(written).not.toContain('"format": "colophon-evidence-bundle"');
  });

  it('refuses a store whose chain does not hold, before writing anything', async () => {
    const { db, items, case: exported } = await caseStore();
    const item = (await db.get('items', items[1]!.id))!;
    await db.put('items', { ...item, link: item.link.replace(/^./, (digit) => (digit === '0' ? '1' : '0')) });
    await expect(exportBundle(db, { caseId: exported.id }, { keyPair: await testKey() })).rejects.toThrow(/chain is broken at record 2/);
  });

  it('refuses an unknown item, an unknown case and a case with nothing in it', async () => {
    const { db, keyPair } = await caseStore();
    await expect(exportBundle(db, { itemIds: ['0'.repeat(64)] }, { keyPair })).rejects.toBeInstanceOf(EvidenceNotFoundError);
    await expect(exportBundle(db, { caseId: 'no-such-case' }, { keyPair })).rejects.toThrow(BundleExportError);
    const empty = await createCase(db, { name: 'Empty' });
    await expect(exportBundle(db, { caseId: empty.id }, { keyPair })).rejects.toThrow(/holds no evidence/);
  });

  it('refuses a selection that makes more files than a bundle holds, as the verifier reads them', async () => {
    const { db, case: exported, keyPair } = await caseStore();
    const entries = (await bundleEntries(await exportToBytes(db, { caseId: exported.id }))).length;
    await expect(exportBundle(db, { caseId: exported.id }, { keyPair, maxEntries: entries - 1 })).rejects.toThrow(
      new RegExp(`make a bundle of ${entries} files; a bundle holds at most ${entries - 1}\\. Nothing was exported`),
    );
    const bytes = await exportToBytes(db, { caseId: exported.id }, { maxEntries: entries });
    expect((await verifyBytes(bytes, { maxEntries: entries })).failures).toEqual([]);
    expect((await verifyBytes(bytes, { maxEntries: entries - 1 })).failures.map((failure) => failure.code)).toEqual(['over-limit']);
  });

  it('leaves out items removed from the case', async () => {
    const { db, items, case: exported } = await caseStore();
    await recordEvent(db, items[0]!.id, { type: 'case-removed', caseId: exported.id });
    const manifest = await manifestOf(await exportToBytes(db, { caseId: exported.id }));
    expect(manifest.items.map((item) => item.sequence)).toEqual([2, 3]);
  });
});
