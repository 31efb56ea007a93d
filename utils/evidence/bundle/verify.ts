/**
 * Verifying an evidence bundle (format: ./manifest.ts), from anything that reads ranges of bytes: a
 * file on disk for the command line (utils/cli/verify.ts), a Blob in a browser. Nothing is trusted
 * and nothing stops at the first problem: every failure is collected with the file it concerns, so
 * the report names each file that fails.
 *
 * The checks, in order: the ZIP container (../bundle/zip-reader.ts reports damaged entries); the
 * manifest's digest against manifest.sha256; the signature in manifest.sig over that digest under
 * the bundled public key, which must be the key the manifest names; every file against the
 * manifest (./verify-files.ts: added, deleted, renamed, reordered, altered); every record against
 * its content and the chain (./verify-items.ts). The bundle holds when there is no failure. The
 * key's fingerprint is returned for the reader to compare with the one the sender's extension shows.
 */
import { sha256Hex } from '../digest';
import { InstallationPublicJwk, keyFingerprint, verifyDigestSignature } from '../signing';
import { BundleManifest, bundleFormatVersion, closingFiles, manifestDigestFile, manifestFile, parseManifestDigestLine, publicKeyFile, signatureFile } from './manifest';
import type { RandomAccessSource } from './random-access';
import { checkFiles, type BundleFailure } from './verify-files';
import { checkItems } from './verify-items';
import { entryBytes, readZipDirectory, type ZipDirectoryEntry } from './zip-reader';

export type { BundleFailure } from './verify-files';

export interface BundleSummary {
  createdAt: string;
  extensionVersion: string;
  case: { id: string; name: string } | null;
  items: number;
  deletedItems: number;
  events: number;
  files: number;
  bytes: number;
  headSequence: number;
  headLink: string | null;
}

export interface BundleVerification {
  ok: boolean;
  failures: BundleFailure[];
  /** The fingerprint of the bundled public key, when it is one. */
  fingerprint: string | null;
  /** What the manifest says, when it could be read. */
  summary: BundleSummary | null;
}

export interface VerifyOptions {
  /** A fingerprint the signer's key must have: the one the sender's extension shows. */
  expectedFingerprint?: string;
}

export async function verifyBundle(source: RandomAccessSource, options: VerifyOptions = {}): Promise<BundleVerification> {
  const failures: BundleFailure[] = [];
  const fail = (file: string | null, message: string) => void failures.push({ file, message });
  const result = (fingerprint: string | null, summary: BundleSummary | null): BundleVerification => ({ ok: failures.length === 0, failures, fingerprint, summary });

  let entries: ZipDirectoryEntry[];
  try {
    entries = await readZipDirectory(source);
  } catch (error) {
    fail(null, `the file is not a readable ZIP archive: ${error instanceof Error ? error.message : String(error)}`);
    return result(null, null);
  }
  const byName = new Map(entries.map((entry) => [entry.name, entry]));
  /** A small file's bytes, or null (with the failure recorded) when it is absent or unreadable. */
  const read = async (name: string, absent: string): Promise<Uint8Array | null> => {
    const entry = byName.get(name);
    try {
      if (entry) return await entryBytes(source, entry);
      fail(name, absent);
    } catch (error) {
      fail(name, `cannot be read: ${error instanceof Error ? error.message : String(error)}`);
    }
    return null;
  };

  const manifestData = await read(manifestFile, 'missing: without its manifest the bundle cannot be checked');
  if (!manifestData) return result(null, null);
  const digest = await sha256Hex(manifestData);
  const digestData = await read(manifestDigestFile, 'missing: the manifest’s digest is not in the bundle');
  if (digestData) {
    const recorded = parseManifestDigestLine(new TextDecoder().decode(digestData));
    if (recorded === null) fail(manifestDigestFile, 'is not one line "<SHA-256 hex>  manifest.json"');
    else if (recorded !== digest) fail(manifestFile, `its SHA-256 is ${digest}, but manifest.sha256 says ${recorded}: the manifest was changed`);
  }
  let manifest: BundleManifest;
  try {
    const parsed = BundleManifest.safeParse(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(manifestData)));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      fail(manifestFile, `is not a Colophon bundle manifest (format ${bundleFormatVersion}): ${issue?.path.map(String).join('.') ?? ''} ${issue?.message ?? ''}`);
      return result(null, null);
    }
    manifest = parsed.data;
  } catch {
    fail(manifestFile, 'is not UTF-8 JSON');
    return result(null, null);
  }

  const fingerprint = await checkSignature(manifest, digest, read, fail, options);
  const intact = await checkFiles(source, entries, manifest, fail);
  await checkItems(manifest, async (path) => (intact.has(path) ? read(path, 'missing') : null), fail);
  return result(fingerprint, summarise(manifest));
}

type Read = (name: string, absent: string) => Promise<Uint8Array | null>;

/** Checks the key and the signature; returns the bundled key's fingerprint. */
async function checkSignature(manifest: BundleManifest, digest: string, read: Read, fail: (file: string | null, message: string) => void, options: VerifyOptions): Promise<string | null> {
  const { signer } = manifest;
  if ((await keyFingerprint(signer.publicKey)) !== signer.fingerprint) fail(manifestFile, 'the signer’s fingerprint does not follow from the signer’s public key');
  const keyData = await read(publicKeyFile, 'missing: the signer’s public key is not in the bundle');
  let key: InstallationPublicJwk | null = null;
  if (keyData) {
    try {
      const parsed = InstallationPublicJwk.safeParse(JSON.parse(new TextDecoder().decode(keyData)));
      if (parsed.success) key = { kty: parsed.data.kty, crv: parsed.data.crv, x: parsed.data.x, y: parsed.data.y };
    } catch {
      // reported below
    }
    if (!key) fail(publicKeyFile, 'is not an ECDSA P-256 public key in JWK form');
  }
  const fingerprint = key ? await keyFingerprint(key) : null;
  if (key && (key.x !== signer.publicKey.x || key.y !== signer.publicKey.y)) fail(publicKeyFile, 'is not the key the manifest names as its signer');
  if (fingerprint && options.expectedFingerprint !== undefined && fingerprint !== options.expectedFingerprint.toLowerCase()) {
    fail(publicKeyFile, `the bundle was signed by the key ${fingerprint}, not by the expected ${options.expectedFingerprint}`);
  }
  const signatureData = await read(signatureFile, 'missing: the bundle is not signed');
  if (key && signatureData) {
    const signature = new TextDecoder().decode(signatureData).replace(/\n$/, '');
    if (!(await verifyDigestSignature(key, digest, signature))) {
      fail(signatureFile, 'the signature does not verify over manifest.json’s SHA-256 with the bundled public key: the manifest, its signature or the key was changed after signing');
    }
  }
  return fingerprint;
}

function summarise(manifest: BundleManifest): BundleSummary {
  const { selection } = manifest;
  return {
    createdAt: manifest.createdAt,
    extensionVersion: manifest.extensionVersion,
    case: selection.kind === 'case' ? { id: selection.case.id, name: selection.case.name } : null,
    items: manifest.items.length,
    deletedItems: manifest.items.filter((item) => item.events.some((event) => event.change.type === 'deleted')).length,
    events: manifest.items.reduce((sum, item) => sum + item.events.length, 0),
    files: manifest.files.length + closingFiles.length,
    bytes: manifest.files.reduce((sum, file) => sum + file.size, 0),
    headSequence: manifest.chain.headSequence,
    headLink: manifest.chain.headLink,
  };
}
