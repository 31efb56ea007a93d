/**
 * The Colophon evidence bundle, format version 1: a ZIP archive of evidence
 * items exported from one installation of the extension, and the manifest that lets anyone check
 * it. Written by ./export.ts, checked by ./verify.ts (`npm run -s verify -- <bundle.zip>`).
 *
 * WHAT THE ARCHIVE HOLDS, in this order (the order is part of the evidence, see below):
 *
 *   public-key.jwk.json    the installation's public key (ECDSA P-256, JWK with kty, crv, x, y)
 *   index.html             every item with its screenshot and metadata, for reading; opens offline
 *   summary.csv            one row per item (UTF-8 with BOM, RFC 4180; formula-like cells start with ')
 *   complaints/<marketplace>/<catalogue>-<entry>-<n>.txt, complaints/<marketplace>/unmatched-<n>.txt
 *                          canonical listing URLs, one per line, at most 300 per file, for Alibaba's
 *                          IP Protection platform, grouped by marketplace and matched catalogue entry
 *   items/<sequence>-<first 12 hex of the item id>/metadata.json
 *                          the item's metadata as RFC 8785 canonical JSON: exactly the bytes its
 *                          `metadataDigest` is the SHA-256 of (`sha256sum metadata.json` prints it)
 *   items/<…>/<artifact kind>.<png|jpg|webp|html|mhtml>
 *                          each artifact's bytes exactly as captured (none for a deleted item)
 *   manifest.json          this manifest (UTF-8 JSON), listing every file above
 *   manifest.sha256        "<SHA-256 hex of manifest.json's exact bytes>  manifest.json\n", the
 *                          format `sha256sum -c manifest.sha256` checks
 *   manifest.sig           the installation key's signature of that hex digest (utils/protocol/signing.ts:
 *                          ECDSA P-256 with SHA-256 over the 64 ASCII hex characters, r‖s in base64url)
 *
 * Every file is stored uncompressed. The manifest and its digest and signature come last: they are
 * written only once every artifact has streamed through the exporter and been hashed again, so no
 * signature is ever made over bytes that were not checked.
 *
 * THE MANIFEST (BundleManifest below):
 * - `format`, `formatVersion`, `createdAt` (the export, UTC), `extensionVersion`;
 * - `signer`: the public key and its fingerprint (SHA-256 hex of the key's canonical JSON {crv, kty,
 *   x, y}). The verifier prints the fingerprint; compare it with the one the representative's
 *   extension shows: a bundle re-signed with another key verifies, but under another fingerprint;
 * - `selection`: the case exported (its record) or a hand-picked list of items;
 * - `files`: every file of the archive but the last three, with its size and SHA-256, in archive
 *   order. The verifier refuses a file not listed (added), a listed file absent (deleted), a name
 *   that differs (renamed) and a file out of its listed place (reordered);
 * - `items`, in chain order: each item's record as stored — id, sequence, createdAt,
 *   metadataDigest, digest, previousLink, link, artifacts (kind, mediaType, size, sha256 and the file
 *   holding the bytes, or null once the item was deleted) — and every event recorded on it (note,
 *   tags, status, case membership, deletion), each a whole chain record. With metadata.json this
 *   is everything needed to recompute, per utils/protocol/evidence.ts: metadataDigest, the item id
 *   (from metadataDigest and the artifacts), each record's digest, and each link =
 *   chainLink(previousLink, digest) (utils/protocol/digest.ts);
 * - `chain`: the installation's chain as it stood at export: `headSequence`, `headLink`, and
 *   `recordDigests`, the digest of every record from 1 to the head, exported or not.
 *
 * WHAT A BUNDLE PROVES, and what it does not. The items of a case are a selection from a chain that
 * also holds other captures and events, so their records are not consecutive. From
 * `recordDigests` alone the verifier recomputes every link from the first record to the head and
 * checks that each exported record has the digest and links of its place, and that the last link
 * is `headLink`. So a bundle shows:
 * - that each file is byte for byte what the manifest lists, and that the manifest is what the key
 *   of the printed fingerprint signed;
 * - that each item's metadata and artifacts are those it was captured with (their digests give its
 *   id), and each event is as it was recorded;
 * - that each exported record holds its place among the `headSequence` records of one unbroken
 *   chain ending at `headLink`: no record was inserted, removed or moved since, exported or not.
 * It cannot show:
 * - what the records left out say: only their digests travel. Nor can it show that no event of an
 *   exported item was left out, since a digest does not say which item its record concerns (the
 *   exporter includes them all; only a later full export can confirm it);
 * - that the chain was not rewritten whole, links included, before the export: the head link
 *   becomes a fixed point only once it has left the machine (an earlier bundle, an intake receipt),
 *   and a later bundle whose chain runs through an earlier `headLink` extends that one;
 * - that capturedAt is the true time (it is the computer's clock), nor that the page is what the
 *   marketplace served to everyone: only that these are the bytes captured, unchanged since;
 * - who holds the key: a fingerprint identifies an installation, not a person.
 */
import { z } from 'zod';
import { Sha256Hex } from '@/utils/protocol/digest';
import { ArtifactKind, Case, EvidenceEvent, IsoInstant } from '@/utils/protocol/evidence';
import { InstallationPublicJwk } from '@/utils/protocol/signing';

export const bundleFormat = 'colophon-evidence-bundle';
export const bundleFormatVersion = 1;

export const publicKeyFile = 'public-key.jwk.json';
export const indexFile = 'index.html';
export const summaryFile = 'summary.csv';
export const manifestFile = 'manifest.json';
export const manifestDigestFile = 'manifest.sha256';
export const signatureFile = 'manifest.sig';
/** The files after those the manifest lists: it cannot list itself, nor its own digest and signature. */
export const closingFiles = [manifestFile, manifestDigestFile, signatureFile] as const;

/**
 * The most files one bundle holds: some 25,000 captures (a metadata file and two or three
 * artifacts each), more than a complaint or a year of one representative's work. The exporter
 * refuses a larger selection, to be exported in parts, and the verifier refuses a larger archive
 * before reading its directory, so that a file padded with hundreds of thousands of entries cannot
 * hold it for long (`npm run verify -- --max-entries` raises it for a bundle known to be larger).
 */
export const maxBundleEntries = 100_000;

/** Bounds for a manifest read from outside, generous for any real case. */
const manyFiles = 500_000;
const manyRecords = 10_000_000;

export const BundleFile = z.object({
  path: z.string().min(1).max(4096),
  size: z.number().int().nonnegative(),
  sha256: Sha256Hex,
});
export type BundleFile = z.infer<typeof BundleFile>;

export const BundleArtifact = z.object({
  kind: ArtifactKind,
  mediaType: z.string().max(100),
  size: z.number().int().nonnegative(),
  sha256: Sha256Hex,
  /** The file holding the bytes; null when the item was deleted and its bytes dropped. */
  file: z.string().min(1).max(4096).nullable(),
});
export type BundleArtifact = z.infer<typeof BundleArtifact>;

export const BundleItem = z.object({
  schemaVersion: z.literal(1),
  id: Sha256Hex,
  sequence: z.number().int().positive(),
  createdAt: IsoInstant,
  metadataDigest: Sha256Hex,
  /** Where the metadata's canonical JSON is. */
  metadataFile: z.string().min(1).max(4096),
  digest: Sha256Hex,
  previousLink: Sha256Hex.nullable(),
  link: Sha256Hex,
  artifacts: z.array(BundleArtifact).min(1).max(10),
  /** Every event recorded on the item, in chain order: whole records. */
  events: z.array(EvidenceEvent).max(100_000),
});
export type BundleItem = z.infer<typeof BundleItem>;

export const BundleSelection = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('case'), case: Case }),
  z.object({ kind: z.literal('items') }),
]);
export type BundleSelection = z.infer<typeof BundleSelection>;

export const BundleChain = z.object({
  headSequence: z.number().int().nonnegative(),
  headLink: Sha256Hex.nullable(),
  /** recordDigests[k] is the digest of record k + 1. */
  recordDigests: z.array(Sha256Hex).max(manyRecords),
});
export type BundleChain = z.infer<typeof BundleChain>;

export const BundleManifest = z.object({
  format: z.literal(bundleFormat),
  formatVersion: z.literal(bundleFormatVersion),
  createdAt: IsoInstant,
  extensionVersion: z.string().min(1).max(50),
  signer: z.object({ publicKey: InstallationPublicJwk, fingerprint: Sha256Hex }),
  selection: BundleSelection,
  chain: BundleChain,
  files: z.array(BundleFile).max(manyFiles),
  items: z.array(BundleItem).min(1).max(manyFiles),
});
export type BundleManifest = z.infer<typeof BundleManifest>;

/** manifest.json's bytes: indented JSON, for the people who will read it. */
export function manifestBytes(manifest: BundleManifest): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`);
}

/** manifest.sha256's text, in the format of `sha256sum`. */
export const manifestDigestLine = (digestHex: string): string => `${digestHex}  ${manifestFile}\n`;

/** The digest from manifest.sha256's text, or null when it is not one line in that format. */
export function parseManifestDigestLine(text: string): string | null {
  const match = /^([0-9a-f]{64}) {2}manifest\.json\n?$/.exec(text);
  return match ? match[1]! : null;
}
