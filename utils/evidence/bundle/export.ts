/**
 * Exporting a case or a selection of evidence as a bundle (the format is in
 * ./manifest.ts). The archive is streamed: the consumer (a download, a file, an upload) pulls it,
 * and only then is the next piece read, so memory holds one artifact (or one chunk of a large one)
 * however large the case.
 *
 * What can be made before the first byte is: the store read in one snapshot (./snapshot.ts), the
 * small files (metadata, index.html, summary.csv, complaint lists) and their digests, and the
 * manifest, since artifacts carry the SHA-256 taken at capture. The artifacts are then streamed and
 * hashed again on the way (./artifact-stream.ts); the manifest, its digest and signature close the
 * archive, signed only after every artifact matched. An export that finds altered bytes errors its
 * stream and leaves no readable archive.
 */
import { canonicalBytes } from '@/utils/protocol/canonical-json';
import { sha256Hex } from '@/utils/protocol/digest';
import { keyFingerprint, publicKeyJwk, signDigest } from '@/utils/protocol/signing';
import { installationKey } from '../installation-key';
import type { EvidenceDatabase } from '../store';
import { verifiedArtifactStream } from './artifact-stream';
import { complaintLists, complaintListText } from './complaint-lists';
import { BundleExportError } from './export-errors';
import { indexHtml } from './index-html';
import type { PlannedItem } from './layout';
import {
  bundleFormat,
  bundleFormatVersion,
  closingFiles,
  indexFile,
  maxBundleEntries,
  manifestBytes,
  manifestDigestFile,
  manifestDigestLine,
  manifestFile,
  publicKeyFile,
  signatureFile,
  summaryFile,
  type BundleFile,
  type BundleItem,
  type BundleManifest,
} from './manifest';
import { snapshotSelection, type BundleSelectionRequest } from './snapshot';
import { summaryCsv } from './summary-csv';
import { zipStream, type ZipEntry } from './zip-writer';

export { BundleExportError };
export type { BundleSelectionRequest } from './snapshot';

export interface ExportOptions {
  /** The export's time: createdAt, the entries' dates, the file name. Now by default. */
  now?: Date;
  /** The running extension's version by default. */
  extensionVersion?: string;
  /** The installation's key pair (installationKey()) by default; tests and benches bring their own. */
  keyPair?: CryptoKeyPair;
  /** The most files the bundle may hold: maxBundleEntries, which the verifier reads by default. */
  maxEntries?: number;
}

export interface ExportedBundle {
  fileName: string;
  stream: ReadableStream<Uint8Array>;
}

const utf8 = (text: string) => new TextEncoder().encode(text);

/** The bundle of a case (every item in it, deleted ones with their tombstones) or of chosen items. */
export async function exportBundle(db: EvidenceDatabase, selection: BundleSelectionRequest, options: ExportOptions = {}): Promise<ExportedBundle> {
  const now = options.now ?? new Date();
  const createdAt = now.toISOString();
  const extensionVersion = options.extensionVersion ?? runningVersion();
  const snapshot = await snapshotSelection(db, selection);
  const keyPair = options.keyPair ?? (await installationKey());
  const publicKey = await publicKeyJwk(keyPair.publicKey);
  const fingerprint = await keyFingerprint(publicKey);

  // The small files, in archive order, before the items' folders.
  const small: { path: string; bytes: Uint8Array }[] = [
    { path: publicKeyFile, bytes: utf8(`${JSON.stringify(publicKey, null, 2)}\n`) },
    { path: indexFile, bytes: utf8(indexHtml({ items: snapshot.items, case: snapshot.case, createdAt, extensionVersion, fingerprint })) },
    { path: summaryFile, bytes: utf8(summaryCsv(snapshot.items)) },
    ...complaintLists(snapshot.items).map((list) => ({ path: list.path, bytes: utf8(complaintListText(list)) })),
  ];
  // Every entry the archive will hold: the small files, each item's metadata and artifacts, and the closing three.
  const entryCount = small.length + snapshot.items.reduce((sum, planned) => sum + 1 + planned.artifacts.filter(({ file }) => file !== null).length, 0) + closingFiles.length;
  const maxEntries = options.maxEntries ?? maxBundleEntries;
  if (entryCount > maxEntries) {
    throw new BundleExportError(
      `These ${snapshot.items.length} evidence items make a bundle of ${entryCount} files; a bundle holds at most ${maxEntries}. Nothing was exported: export them in parts (by date or by case).`,
    );
  }
  const files: BundleFile[] = [];
  for (const { path, bytes } of small) files.push({ path, size: bytes.length, sha256: await sha256Hex(bytes) });
  const metadataBytes = new Map<string, Uint8Array>();
  for (const planned of snapshot.items) {
    // Canonical JSON: the very bytes metadataDigest was computed over at capture.
    const bytes = canonicalBytes(planned.item.metadata);
    if ((await sha256Hex(bytes)) !== planned.item.metadataDigest) {
      throw new BundleExportError(`The metadata of evidence item ${planned.item.sequence} no longer hashes to its recorded digest: the store was altered. Nothing was exported.`);
    }
    metadataBytes.set(planned.metadataFile, bytes);
    files.push({ path: planned.metadataFile, size: bytes.length, sha256: planned.item.metadataDigest });
    for (const { file, descriptor } of planned.artifacts) if (file !== null) files.push({ path: file, size: descriptor.size, sha256: descriptor.sha256 });
  }

  const manifest: BundleManifest = {
    format: bundleFormat,
    formatVersion: bundleFormatVersion,
    createdAt,
    extensionVersion,
    signer: { publicKey, fingerprint },
    selection: snapshot.case ? { kind: 'case', case: snapshot.case } : { kind: 'items' },
    chain: snapshot.chain,
    files,
    items: snapshot.items.map(bundleItem),
  };

  async function* entries(): AsyncGenerator<ZipEntry> {
    for (const { path, bytes } of small) yield { name: path, data: bytes };
    for (const planned of snapshot.items) {
      yield { name: planned.metadataFile, data: metadataBytes.get(planned.metadataFile)! };
      for (const { file, descriptor, blob } of planned.artifacts) {
        if (file === null || blob === null) continue;
        const what = `the ${descriptor.kind} of evidence item ${planned.item.sequence}`;
        yield { name: file, size: descriptor.size, data: () => verifiedArtifactStream(blob, descriptor, what) };
      }
    }
    // Reached only once every artifact above streamed whole and matched its digest.
    const bytes = manifestBytes(manifest);
    const digest = await sha256Hex(bytes);
    yield { name: manifestFile, data: bytes };
    yield { name: manifestDigestFile, data: utf8(manifestDigestLine(digest)) };
    yield { name: signatureFile, data: utf8(`${await signDigest(keyPair.privateKey, digest)}\n`) };
  }

  return { fileName: bundleFileName(snapshot.case?.name ?? null, now), stream: zipStream(entries(), { modified: now }) };
}

function bundleItem({ item, events, metadataFile, artifacts }: PlannedItem): BundleItem {
  return {
    schemaVersion: item.schemaVersion,
    id: item.id,
    sequence: item.sequence,
    createdAt: item.createdAt,
    metadataDigest: item.metadataDigest,
    metadataFile,
    digest: item.digest,
    previousLink: item.previousLink,
    link: item.link,
    artifacts: artifacts.map(({ descriptor: { kind, mediaType, size, sha256 }, file }) => ({ kind, mediaType, size, sha256, file })),
    events,
  };
}

/** colophon-evidence-<case name>-20260128-153000.zip; the name keeps letters of any script. */
export function bundleFileName(caseName: string | null, now: Date): string {
  const name = (caseName ?? 'selection').normalize('NFC').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 60).replace(/-+$/, '') || 'case';
  const stamp = now.toISOString().replace(/\.\d+Z$/, '').replace(/[-:]/g, '').replace('T', '-');
  return `colophon-evidence-${name}-${stamp}.zip`;
}

/** The extension's version from its manifest, when running as the extension. */
function runningVersion(): string {
  const runtime = (globalThis as { chrome?: { runtime?: { getManifest?: () => { version?: string } } } }).chrome?.runtime;
  try {
    return runtime?.getManifest?.().version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
