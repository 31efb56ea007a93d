/**
 * What the bundle and verifier tests share: a store holding a case (one item with a status and a
 * note, one deleted, one with a hostile title) and an item outside it; exporting to bytes; reading
 * a bundle's entries; and rewriting a bundle with edited entries, as someone tampering with it
 * would (the ZIP rebuilt by zipStream, so every CRC is right and only the manifest can tell).
 */
import { generateInstallationKey, keyFingerprint, publicKeyJwk, signDigest } from '@/utils/protocol/signing';
import { exportBundle, type BundleSelectionRequest, type ExportOptions } from '@/utils/evidence/bundle/export';
import { manifestDigestLine, type BundleManifest } from '@/utils/evidence/bundle/manifest';
import { verifyBundle, type BundleVerification, type VerifyOptions } from '@/utils/evidence/bundle/verify';
import { entryBytes, readZipDirectory } from '@/utils/evidence/bundle/zip-reader';
import { zipStream } from '@/utils/evidence/bundle/zip-writer';
import { addCapture, createCase, deleteItem, recordEvent, type EvidenceDatabase } from '@/utils/evidence/store/index';
import type { Case, EvidenceItem } from '@/utils/protocol/evidence';
import { captureOf, freshDatabase, metadataOf } from './store-helpers';
import { bytesSource, collect, utf8 } from './zip-helpers';

export const hostileTitle = '<script>alert("pwned")</script> "\'&<> =HYPERLINK("http://evil.example")';
export const hostileShop = '<img src=x onerror=alert(1)> Shop "\'&<>';
export const exportTime = new Date(Date.UTC(2026, 0, 28, 15, 30, 0));

export interface CaseStore {
  db: EvidenceDatabase;
  /** Items 1–4 in capture order: 1–3 in the case (3 deleted), 4 outside it. */
  items: EvidenceItem[];
  case: Case;
  keyPair: CryptoKeyPair;
  fingerprint: string;
}

let sharedKey: Promise<CryptoKeyPair> | null = null;
/** One key pair for every test of a file: generating is cheap, but the fingerprint should be stable. */
export const testKey = (): Promise<CryptoKeyPair> => (sharedKey ??= generateInstallationKey());

export async function caseStore(): Promise<CaseStore> {
  const db = await freshDatabase();
  const items: EvidenceItem[] = [];
  items.push(await addCapture(db, captureOf(1)));
  items.push(
    await addCapture(
      db,
      captureOf(2, {
        marketplace: 'taobao',
        url: 'https://item.taobao.com/item.htm?id=700000000002&spm=a1z10',
        canonicalUrl: 'https://item.taobao.com/item.htm?id=700000000002',
        listing: { ...metadataOf(2).listing, id: '700000000002', title: hostileTitle, shop: { id: '57300001', name: hostileShop, sellerId: null }, currency: 'CNY' },
        match: null,
        note: 'seller says "licensed", 卖家称有授权',
      }),
    ),
  );
  items.push(await addCapture(db, captureOf(3)));
  items.push(await addCapture(db, captureOf(4)));
  const created = await createCase(db, { name: 'Erickson 盗版 · Book World', description: 'AliExpress & Taobao sellers <b>' });
  for (const item of items.slice(0, 3)) await recordEvent(db, item.id, { type: 'case-added', caseId: created.id }, { by: 'J. Smith' });
  await recordEvent(db, items[0]!.id, { type: 'status', status: 'reported', comment: 'IPP complaint 12345' }, { by: 'J. Smith' });
  await recordEvent(db, items[1]!.id, { type: 'tags', tags: ['pdf', '盗版'] });
  await deleteItem(db, items[2]!.id, { confirmed: true, reason: 'captured the wrong page', by: 'J. Smith' });
  const keyPair = await testKey();
  return { db, items, case: created, keyPair, fingerprint: await keyFingerprint(await publicKeyJwk(keyPair.publicKey)) };
}

export async function exportToBytes(db: EvidenceDatabase, selection: BundleSelectionRequest, options: ExportOptions = {}): Promise<Uint8Array<ArrayBuffer>> {
  const { stream } = await exportBundle(db, selection, { now: exportTime, extensionVersion: '0.1.0', keyPair: await testKey(), ...options });
  return collect(stream);
}

export const verifyBytes = (bytes: Uint8Array, options?: VerifyOptions): Promise<BundleVerification> => verifyBundle(bytesSource(bytes), options);

export interface BundleEntry {
  name: string;
  data: Uint8Array;
}

/** Every entry of a bundle with its bytes, in archive order. */
export async function bundleEntries(bytes: Uint8Array): Promise<BundleEntry[]> {
  const source = bytesSource(bytes);
  const entries = await readZipDirectory(source);
  return Promise.all(entries.map(async (entry) => ({ name: entry.name, data: await entryBytes(source, entry) })));
}

export async function entryText(bytes: Uint8Array, name: string): Promise<string> {
  const entry = (await bundleEntries(bytes)).find((candidate) => candidate.name === name);
  if (!entry) throw new Error(`no ${name} in the bundle`);
  return new TextDecoder().decode(entry.data);
}

export async function manifestOf(bytes: Uint8Array): Promise<BundleManifest> {
  return JSON.parse(await entryText(bytes, 'manifest.json')) as BundleManifest;
}

/** The bundle with its entries edited, as a new, well-formed ZIP. */
export async function rewriteBundle(bytes: Uint8Array, edit: (entries: BundleEntry[]) => BundleEntry[]): Promise<Uint8Array<ArrayBuffer>> {
  const edited = edit(await bundleEntries(bytes));
  return collect(zipStream(edited.map(({ name, data }) => ({ name, data }))));
}

export const replaceEntry = (entries: BundleEntry[], name: string, data: Uint8Array): BundleEntry[] => {
  if (!entries.some((entry) => entry.name === name)) throw new Error(`no ${name} to replace`);
  return entries.map((entry) => (entry.name === name ? { name, data } : entry));
};

/** The byte at `at` (from the end when negative) changed. */
export function flipByte(data: Uint8Array, at = 0): Uint8Array {
  const copy = data.slice();
  const index = at < 0 ? copy.length + at : at;
  copy[index] = copy[index]! ^ 0x01;
  return copy;
}

/**
 * The bundle with an edited manifest, its digest recomputed, and signed again by `keyPair` (with
 * the manifest naming that key as signer when `renameSigner`): what someone holding a key can do.
 */
export async function resign(
  bytes: Uint8Array,
  keyPair: CryptoKeyPair,
  editManifest: (manifest: BundleManifest) => void = () => undefined,
  renameSigner = false,
): Promise<Uint8Array<ArrayBuffer>> {
  const manifest = await manifestOf(bytes);
  const publicKey = await publicKeyJwk(keyPair.publicKey);
  const keyFile = utf8(`${JSON.stringify(publicKey, null, 2)}\n`);
  if (renameSigner) {
    manifest.signer = { publicKey, fingerprint: await keyFingerprint(publicKey) };
    const listed = manifest.files.find((file) => file.path === 'public-key.jwk.json')!;
    listed.size = keyFile.length;
    listed.sha256 = await sha256(keyFile);
  }
  editManifest(manifest);
  const manifestData = utf8(`${JSON.stringify(manifest, null, 2)}\n`);
  const digest = await sha256(manifestData);
  const signature = await signDigest(keyPair.privateKey, digest);
  return rewriteBundle(bytes, (entries) => {
    let edited = replaceEntry(entries, 'manifest.json', manifestData);
    edited = replaceEntry(edited, 'manifest.sha256', utf8(manifestDigestLine(digest)));
    edited = replaceEntry(edited, 'manifest.sig', utf8(`${signature}\n`));
    return renameSigner ? replaceEntry(edited, 'public-key.jwk.json', keyFile) : edited;
  });
}

async function sha256(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  return Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The files a verification names, each once, in order. */
export const namedFiles = (verification: BundleVerification): (string | null)[] => [...new Set(verification.failures.map((failure) => failure.file))];
