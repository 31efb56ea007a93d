/**
 * The intake's receipt: what the server signs once it holds an item whole and
 * has recomputed every digest of it. The extension keeps it with the item; it is the item's proof
 * of having left the machine at `receivedAt`, and the chain `link` it carries becomes a fixed
 * point that a later rewrite of the installation's chain cannot move (utils/evidence/bundle/manifest.ts).
 *
 * What is signed, with the conventions of the installation key (utils/protocol/signing.ts):
 *
 *     digest    = SHA-256( RFC 8785 canonical JSON of the receipt without its `signature` member )
 *     signature = ECDSA P-256 / SHA-256 over the 64 ASCII hex characters of `digest`,
 *                 IEEE P1363 r‖s, base64url without padding
 *
 * `keyId` (inside the signed part) is the fingerprint of the server key (keyFingerprint), so a
 * receipt names its key and GET /v1/server-keys gives the key back, old ones included.
 */
import { z } from 'zod';
import { Sha256Hex, sha256OfCanonical } from './digest';
import { ArtifactDescriptor as StoredArtifactDescriptor, IsoInstant, type EvidenceItem } from './evidence';
import { InstallationPublicJwk, keyFingerprint, signDigest, verifyDigestSignature } from './signing';
import { strictDeep } from './strict';

export const receiptFormat = 'colophon-intake-receipt';

/** Who holds the item at the intake: a member organisation ("springer-nature"), and one of its representatives ("j.smith"). */
export const OrganisationId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/);
export const RepresentativeId = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,62}$/);

/** Opaque, chosen by the server; unique among its receipts. */
export const ReceiptId = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);

/** A P-256 ECDSA signature, r‖s in unpadded base64url: always 86 characters. */
export const Signature = z.string().regex(/^[A-Za-z0-9_-]{86}$/);

export const ArtifactDescriptor = strictDeep(StoredArtifactDescriptor);
export const PublicJwk = strictDeep(InstallationPublicJwk);

export const Receipt = z.strictObject({
  format: z.literal(receiptFormat),
  formatVersion: z.literal(1),
  receiptId: ReceiptId,
  /** The server's clock when the item became whole: the one time here not taken from the extension. */
  receivedAt: IsoInstant,
  organisation: OrganisationId,
  representative: RepresentativeId,
  /** The item's record as the server verified it (every digest recomputed from what it received). */
  itemId: Sha256Hex,
  metadataDigest: Sha256Hex,
  digest: Sha256Hex,
  sequence: z.number().int().positive(),
  previousLink: Sha256Hex.nullable(),
  link: Sha256Hex,
  createdAt: IsoInstant,
  /** Each artifact, in the item's order, with the SHA-256 the server computed over the bytes it stored. */
  artifacts: z.array(ArtifactDescriptor).min(1).max(10),
  keyId: Sha256Hex,
  signature: Signature,
});
export type Receipt = z.infer<typeof Receipt>;
export type UnsignedReceipt = Omit<Receipt, 'signature'>;

/** What a receipt repeats of the item's record: every digest the intake verified, and its place in the chain. */
export type ReceiptFacts = Pick<Receipt, 'itemId' | 'metadataDigest' | 'digest' | 'sequence' | 'previousLink' | 'link' | 'createdAt' | 'artifacts'>;

export const receiptFactsOf = (item: EvidenceItem): ReceiptFacts => ({
  itemId: item.id,
  metadataDigest: item.metadataDigest,
  digest: item.digest,
  sequence: item.sequence,
  previousLink: item.previousLink,
  link: item.link,
  createdAt: item.createdAt,
  artifacts: item.artifacts.map(({ kind, mediaType, size, sha256 }) => ({ kind, mediaType, size, sha256 })),
});

/** One server signing key; `validUntil` is null for the key in use. */
export const ServerKey = z.strictObject({
  keyId: Sha256Hex,
  publicKey: PublicJwk,
  validFrom: IsoInstant,
  validUntil: IsoInstant.nullable(),
});
export type ServerKey = z.infer<typeof ServerKey>;

/** Every key the server has signed receipts with, so a receipt stays checkable after a rotation. */
export const ServerKeys = z.strictObject({ keys: z.array(ServerKey).min(1).max(100) });
export type ServerKeys = z.infer<typeof ServerKeys>;

/** The digest a receipt's signature is over (see the module comment). */
export function receiptDigest(receipt: UnsignedReceipt | Receipt): Promise<string> {
  const { signature: _signature, ...signed } = receipt as Receipt;
  return sha256OfCanonical(signed);
}

/** Signs a receipt with the server key: for the reference server, and for tests of the client. */
export async function signReceipt(privateKey: CryptoKey, receipt: UnsignedReceipt): Promise<Receipt> {
  return Receipt.parse({ ...receipt, signature: await signDigest(privateKey, await receiptDigest(receipt)) });
}

export type ReceiptCheck = { ok: true; key: ServerKey } | { ok: false; reason: 'schema' | 'unknown-key' | 'key-not-valid-then' | 'bad-signature' };

/**
 * Whether `receipt` was signed by one of `keys`, with a key whose fingerprint is its keyId and
 * that was valid at `receivedAt`. Receipts and keys come from outside: every failure is an answer.
 */
export async function checkReceipt(receipt: unknown, keys: readonly ServerKey[]): Promise<ReceiptCheck> {
  const parsed = Receipt.safeParse(receipt);
  if (!parsed.success) return { ok: false, reason: 'schema' };
  const { data } = parsed;
  let key: ServerKey | undefined;
  for (const candidate of keys) {
    if (candidate.keyId === data.keyId && (await keyFingerprint(candidate.publicKey)) === data.keyId) key = candidate;
  }
  if (!key) return { ok: false, reason: 'unknown-key' };
  // ISO instants of one format sort as the instants do.
  if (data.receivedAt < key.validFrom || (key.validUntil !== null && data.receivedAt >= key.validUntil)) {
    return { ok: false, reason: 'key-not-valid-then' };
  }
  const signed = await verifyDigestSignature(key.publicKey, await receiptDigest(data), data.signature);
  return signed ? { ok: true, key } : { ok: false, reason: 'bad-signature' };
}
