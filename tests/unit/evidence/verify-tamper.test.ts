// @vitest-environment node
/**
 * The verifier against every way of tampering with a bundle: a flipped byte (in
 * an artifact, in metadata.json, in manifest.json with or without its digest recomputed), a file
 * deleted, added, renamed or moved, the signature replaced, the public key replaced. Each must be
 * rejected with the right file named and the right kind of finding. The archive is rebuilt by
 * zipStream each time, so its CRCs are right and only the manifest and the signature can give the
 * change away.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { generateInstallationKey, keyFingerprint, publicKeyJwk, signDigest } from '@/utils/protocol/signing';
import type { BundleManifest } from '@/utils/evidence/bundle/manifest';
import {
  bundleEntries,
  caseStore,
  exportToBytes,
  flipByte,
  manifestOf,
  namedFiles,
  replaceEntry,
  resign,
  rewriteBundle,
  verifyBytes,
  type CaseStore,
} from '../../support/evidence/bundle-helpers';
import { codesOf } from '../../support/evidence/hostile-bundle-helpers';
import { utf8 } from '../../support/evidence/zip-helpers';

let store: CaseStore;
let bundle: Uint8Array;
let manifest: BundleManifest;
let screenshot: string;
let metadata: string;

beforeAll(async () => {
  store = await caseStore();
  bundle = await exportToBytes(store.db, { caseId: store.case.id });
  manifest = await manifestOf(bundle);
  screenshot = manifest.items[0]!.artifacts[0]!.file!;
  metadata = manifest.items[1]!.metadataFile;
});

const dataOf = async (name: string) => (await bundleEntries(bundle)).find((entry) => entry.name === name)!.data;
const manifestText = () => dataOf('manifest.json').then((data) => new TextDecoder().decode(data));

describe('the verifier', () => {
  it('accepts the untouched bundle, and its files rebuilt into a new archive in the same order', async () => {
    const rebuilt = await rewriteBundle(bundle, (entries) => entries);
    const verification = await verifyBytes(rebuilt);
    expect(verification.failures).toEqual([]);
    expect(verification.ok).toBe(true);
    expect(verification.fingerprint).toBe(store.fingerprint);
    expect(verification.verdict).toBe('signer-not-checked');
    expect((await verifyBytes(rebuilt, { trustedFingerprints: [store.fingerprint] })).verdict).toBe('verified');
  });

  it('names an artifact with one byte flipped', async () => {
    const tampered = await rewriteBundle(bundle, (entries) => replaceEntry(entries, screenshot, flipByte(entries.find((entry) => entry.name === screenshot)!.data, 10)));
    const verification = await verifyBytes(tampered);
    expect(verification.ok).toBe(false);
    expect(namedFiles(verification)).toEqual([screenshot]);
    expect(codesOf(verification)).toEqual(['content-changed']);
    expect(verification.failures[0]!.message).toMatch(/SHA-256 .* the file was changed/);
  });

  it('names an artifact flipped in place, its CRC left stale', async () => {
    const at = Buffer.from(bundle).indexOf(await dataOf(screenshot));
    const tampered = flipByte(bundle, at + 20);
    const verification = await verifyBytes(tampered);
    expect(namedFiles(verification)).toEqual([screenshot]);
    expect(verification.failures[0]).toMatchObject({ code: 'content-changed', offset: at - 30 - screenshot.length });
  });

  it('names metadata.json with one byte flipped', async () => {
    const original = await dataOf(metadata);
    // Inside the capturedBy text, so the JSON still parses and only its digest tells.
    const at = Buffer.from(original).indexOf('J. Smith');
    const tampered = await rewriteBundle(bundle, (entries) => replaceEntry(entries, metadata, flipByte(original, at)));
    const verification = await verifyBytes(tampered);
    expect(namedFiles(verification)).toEqual([metadata]);
    expect(codesOf(verification)).toEqual(['content-changed']);
  });

  it('names manifest.json edited without its digest recomputed, and the signature that no longer holds', async () => {
    const edited = (await manifestText()).replace(manifest.createdAt, '2020-01-01T00:00:00.000Z');
    const tampered = await rewriteBundle(bundle, (entries) => replaceEntry(entries, 'manifest.json', utf8(edited)));
    const verification = await verifyBytes(tampered);
    expect(namedFiles(verification)).toEqual(['manifest.json', 'manifest.sig']);
    expect(codesOf(verification)).toEqual(['manifest-changed', 'signature-invalid']);
    expect(verification.failures[0]!.message).toMatch(/manifest\.sha256 says/);
  });

  it('names the signature when manifest.json is edited and its digest recomputed', async () => {
    const edited = utf8((await manifestText()).replace(manifest.createdAt, '2020-01-01T00:00:00.000Z'));
    const digest = Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', edited)), (byte) => byte.toString(16).padStart(2, '0')).join('');
    const tampered = await rewriteBundle(bundle, (entries) => replaceEntry(replaceEntry(entries, 'manifest.json', edited), 'manifest.sha256', utf8(`${digest}  manifest.json\n`)));
    const verification = await verifyBytes(tampered);
    expect(namedFiles(verification)).toEqual(['manifest.sig']);
    expect(codesOf(verification)).toEqual(['signature-invalid']);
  });

  it('names a deleted file', async () => {
    const tampered = await rewriteBundle(bundle, (entries) => entries.filter((entry) => entry.name !== screenshot));
    const verification = await verifyBytes(tampered);
    expect(namedFiles(verification)).toEqual([screenshot]);
    expect(codesOf(verification)).toEqual(['missing-file']);
    expect(verification.failures[0]!.message).toMatch(/missing from the archive/);
  });

  it('names an added file', async () => {
    const tampered = await rewriteBundle(bundle, (entries) => [...entries.slice(0, 3), { name: 'items/extra.png', data: utf8('not evidence') }, ...entries.slice(3)]);
    const verification = await verifyBytes(tampered);
    expect(namedFiles(verification)).toEqual(['items/extra.png']);
    expect(verification.failures[0]).toMatchObject({ code: 'unlisted-file', entry: 3 });
    expect(verification.failures[0]!.message).toMatch(/not listed in the manifest/);
  });

  it('names a renamed file under both names', async () => {
    const renamed = screenshot.replace('visible-screenshot', 'full-page-screenshot');
    const tampered = await rewriteBundle(bundle, (entries) => entries.map((entry) => (entry.name === screenshot ? { ...entry, name: renamed } : entry)));
    const verification = await verifyBytes(tampered);
    expect(namedFiles(verification)).toEqual([renamed, screenshot]);
    expect(codesOf(verification)).toEqual(['renamed-file']);
    expect(verification.failures.map((failure) => failure.message).join('\n')).toMatch(/renamed/);
  });

  it('names both files of a pair swapped in the archive', async () => {
    const tampered = await rewriteBundle(bundle, (entries) => {
      const swapped = [...entries];
      const a = swapped.findIndex((entry) => entry.name === screenshot);
      [swapped[a], swapped[a + 1]] = [swapped[a + 1]!, swapped[a]!];
      return swapped;
    });
    const verification = await verifyBytes(tampered);
    const next = manifest.files[manifest.files.findIndex((file) => file.path === screenshot) + 1]!.path;
    expect(namedFiles(verification)).toEqual([next, screenshot]);
    expect(codesOf(verification)).toEqual(['out-of-order']);
    expect(verification.failures[0]!.message).toMatch(/out of order/);
  });

  it('names a replaced signature', async () => {
    const other = await generateInstallationKey();
    const signature = await signDigest(other.privateKey, manifest.chain.recordDigests[0]!);
    const tampered = await rewriteBundle(bundle, (entries) => replaceEntry(entries, 'manifest.sig', utf8(`${signature}\n`)));
    const verification = await verifyBytes(tampered);
    expect(namedFiles(verification)).toEqual(['manifest.sig']);
    expect(codesOf(verification)).toEqual(['signature-invalid']);
  });

  it('names a public key replaced by another key’s, whose fingerprint differs', async () => {
    const other = await publicKeyJwk((await generateInstallationKey()).publicKey);
    const tampered = await rewriteBundle(bundle, (entries) => replaceEntry(entries, 'public-key.jwk.json', utf8(`${JSON.stringify(other, null, 2)}\n`)));
    const verification = await verifyBytes(tampered);
    expect(namedFiles(verification)).toEqual(['public-key.jwk.json', 'manifest.sig']);
    expect(codesOf(verification)).toEqual(['key-not-signer', 'signature-invalid', 'content-changed']);
    expect(verification.fingerprint).toBe(await keyFingerprint(other));
    expect(verification.fingerprint).not.toBe(store.fingerprint);
  });

  it('says of a bundle re-signed whole by another key only that it is valid for that key, and refuses it when told the real signer’s', async () => {
    const other = await generateInstallationKey();
    const tampered = await resign(bundle, other, () => undefined, true);
    const verification = await verifyBytes(tampered);
    expect(verification).toMatchObject({ ok: true, verdict: 'signer-not-checked', signer: 'not-checked', failures: [] });
    expect(verification.fingerprint).not.toBe(store.fingerprint);
    const expecting = await verifyBytes(tampered, { trustedFingerprints: [store.fingerprint] });
    expect(expecting).toMatchObject({ ok: false, verdict: 'signer-not-trusted', signer: 'not-trusted' });
    expect(expecting.failures).toEqual([expect.objectContaining({ code: 'signer-not-trusted', file: 'public-key.jwk.json' })]);
    const trusted = await verifyBytes(bundle, { trustedFingerprints: ['f'.repeat(64), store.fingerprint.toUpperCase()] });
    expect(trusted).toMatchObject({ ok: true, verdict: 'verified', signer: 'trusted' });
  });

  it('does not call a failed bundle anything but failed, whoever signed it', async () => {
    const tampered = await rewriteBundle(bundle, (entries) => entries.filter((entry) => entry.name !== screenshot));
    expect((await verifyBytes(tampered, { trustedFingerprints: [store.fingerprint] })).verdict).toBe('failed');
    expect((await verifyBytes(tampered, { trustedFingerprints: ['f'.repeat(64)] })).verdict).toBe('failed');
  });

  it('reports an archive that is not a ZIP, or truncated, as a whole', async () => {
    for (const broken of [utf8('not a zip at all, not even close'), bundle.subarray(0, bundle.length - 10)]) {
      const verification = await verifyBytes(broken);
      expect(verification.ok).toBe(false);
      expect(namedFiles(verification)).toEqual([null]);
      expect(codesOf(verification)).toEqual(['no-end-record']);
    }
  });

  it('names manifest.json when it is not a manifest', async () => {
    const tampered = await rewriteBundle(bundle, (entries) => replaceEntry(entries, 'manifest.json', utf8('{"format":"something else"}')));
    const verification = await verifyBytes(tampered);
    expect(namedFiles(verification)).toContain('manifest.json');
    expect(codesOf(verification)).toContain('manifest-invalid');
    expect(verification.ok).toBe(false);
  });
});
