/**
 * Verifying an evidence bundle (format: ./manifest.ts), from anything that reads ranges of bytes: a
 * file on disk for the command line (utils/cli/verify.ts), a Blob in a browser. Nothing is trusted
 * and nothing stops at the first problem: every finding is collected, typed and placed
 * (./verify-findings.ts), so the report names each file that fails and why.
 *
 * The checks, in order: the ZIP container, entry by entry and byte for byte against the way
 * Colophon writes it (./verify-archive.ts); the manifest's digest against manifest.sha256; the
 * signature in manifest.sig over that digest under the bundled public key, which must be the key
 * the manifest names, and that key against the keys the caller trusts (./verify-signature.ts);
 * every file against the manifest (./verify-files.ts: added, deleted, renamed, reordered, altered);
 * every record against its content and the chain (./verify-items.ts).
 *
 * The verdict: `failed` when anything fails; otherwise the signature is valid for the key whose
 * fingerprint is returned, and the verdict says whether that key is one the caller named
 * (`verified`), is not (`signer-not-trusted`), or whether none was named (`signer-not-checked`).
 */
import { sha256Hex } from '@/utils/protocol/digest';
import { BundleManifest, bundleFormatVersion, closingFiles, manifestDigestFile, manifestDigestLine, manifestFile, maxBundleEntries, parseManifestDigestLine } from './manifest';
import { cachedSource, type RandomAccessSource } from './random-access';
import { plain, shown, type ShownText } from './shown-text';
import { checkArchive } from './verify-archive';
import { checkFiles } from './verify-files';
import { findingList, type BundleFinding, type Fail } from './verify-findings';
import { checkItems } from './verify-items';
import { checkSignature, type ReadFile, type SignerCheck } from './verify-signature';
import { entryBytes, ZipCrcError, type ZipDirectoryEntry } from './zip-reader';

export type { BundleFailure, BundleFinding, FindingCode } from './verify-findings';
export type { SignerCheck } from './verify-signature';

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

export type BundleVerdict = 'verified' | 'signer-not-checked' | 'signer-not-trusted' | 'failed';

export interface BundleVerification {
  /** No finding: every check passed, the signature included, for the key `fingerprint`; `verdict` says whose key. */
  ok: boolean;
  verdict: BundleVerdict;
  failures: BundleFinding[];
  /** The fingerprint of the bundled public key, when it is one. */
  fingerprint: string | null;
  signer: SignerCheck;
  /** What the manifest says, when it could be read. */
  summary: BundleSummary | null;
}

export interface VerifyOptions {
  /** Fingerprints of the keys the bundle may be signed by, as the senders' Colophon shows them; without them the signer is not checked. */
  trustedFingerprints?: readonly string[];
  /** The most entries the archive may have (maxBundleEntries by default); a larger one fails at once. */
  maxEntries?: number;
}

const absentSays: Record<Parameters<ReadFile>[1], ShownText> = {
  'manifest-missing': shown`missing: without its manifest the bundle cannot be checked`,
  'digest-missing': shown`missing: the manifest’s digest is not in the bundle`,
  'key-missing': shown`missing: the signer’s public key is not in the bundle`,
  'signature-missing': shown`missing: the bundle is not signed`,
};

export async function verifyBundle(input: RandomAccessSource, options: VerifyOptions = {}): Promise<BundleVerification> {
  const source = cachedSource(input);
  const { findings, fail } = findingList();
  const result = (fingerprint: string | null, signer: SignerCheck, summary: BundleSummary | null): BundleVerification => ({
    ok: findings.length === 0,
    verdict: verdictOf(findings, signer),
    failures: findings,
    fingerprint,
    signer,
    summary,
  });

  const entries = await checkArchive(source, fail, options.maxEntries ?? maxBundleEntries);
  if (!entries) return result(null, 'not-checked', null);
  const byName = new Map<string, ZipDirectoryEntry>();
  for (const entry of entries) if (!byName.has(entry.name)) byName.set(entry.name, entry);
  const bytesOf = (entry: ZipDirectoryEntry) => readEntry(source, entry, fail);
  const read: ReadFile = async (name, absent) => {
    const entry = byName.get(name);
    if (!entry) fail(absent, name, absentSays[absent]);
    return entry ? bytesOf(entry) : null;
  };

  const manifestData = await read(manifestFile, 'manifest-missing');
  if (!manifestData) return result(null, 'not-checked', null);
  const digest = await sha256Hex(manifestData);
  const digestData = await read(manifestDigestFile, 'digest-missing');
  if (digestData) {
    // No digest covers manifest.sha256 itself, so its bytes must be exactly the line the exporter writes.
    const text = exactText(digestData);
    const recorded = text === null ? null : parseManifestDigestLine(text);
    if (recorded === null || text !== manifestDigestLine(recorded)) fail('digest-invalid', manifestDigestFile, shown`is not the one line "<SHA-256 hex>  manifest.json" and a line feed that Colophon writes`);
    else if (recorded !== digest) fail('manifest-changed', manifestFile, shown`its SHA-256 is ${plain(digest)}, but manifest.sha256 says ${plain(recorded)}: the manifest was changed`);
  }
  const manifest = parseManifest(manifestData, fail);
  if (!manifest) return result(null, 'not-checked', null);

  const { fingerprint, signer } = await checkSignature(manifest, digest, read, fail, options.trustedFingerprints);
  const intact = await checkFiles(source, entries, manifest, fail);
  await checkItems(manifest, async (path) => (intact.has(path) ? bytesOf(byName.get(path)!) : null), fail);
  return result(fingerprint, signer, summarise(manifest));
}

/** UTF-8 text, a byte order mark kept as a character; null for bytes that are not UTF-8. */
function exactText(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** A small file's bytes, or null: a damaged entry was reported by the archive check, a failed read is reported here. */
async function readEntry(source: RandomAccessSource, entry: ZipDirectoryEntry, fail: Fail): Promise<Uint8Array | null> {
  if (entry.problems.length > 0) return null;
  try {
    return await entryBytes(source, entry);
  } catch (error) {
    const message = plain(error instanceof Error ? error.message : String(error));
    fail(error instanceof ZipCrcError ? 'crc-mismatch' : 'unreadable-file', entry.name, shown`cannot be read: ${message}`, { entry: entry.index, offset: entry.localHeaderOffset });
    return null;
  }
}

function parseManifest(bytes: Uint8Array, fail: Fail): BundleManifest | null {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    fail('manifest-invalid', manifestFile, shown`is not UTF-8 JSON`);
    return null;
  }
  const parsed = BundleManifest.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = plain(issue?.path.map(String).join('.') ?? '');
  fail('manifest-invalid', manifestFile, shown`is not a Colophon bundle manifest (format ${bundleFormatVersion}): ${where} ${plain(issue?.message ?? '')}`);
  return null;
}

function verdictOf(findings: readonly BundleFinding[], signer: SignerCheck): BundleVerdict {
  if (findings.some((finding) => finding.code !== 'signer-not-trusted')) return 'failed';
  if (signer === 'not-trusted') return 'signer-not-trusted';
  return signer === 'trusted' ? 'verified' : 'signer-not-checked';
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
