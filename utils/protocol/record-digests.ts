/**
 * The digests that identify evidence and chain it (the definitions are in ./evidence.ts). The
 * content digests are computed with WebCrypto before a write transaction opens; only the link,
 * which depends on the chain head read inside the transaction, is computed there, synchronously
 * (./sha256-sync.ts says why).
 */
import { canonicalBytes } from './canonical-json';
import { sha256OfCanonical } from './digest';
import type { ArtifactDescriptor, EvidenceChange } from './evidence';
import { sha256HexSync } from './sha256-sync';

/** An item's id: its metadata digest and its artifacts' digests, nothing else. */
export function itemIdOf(metadataDigest: string, artifacts: readonly ArtifactDescriptor[]): Promise<string> {
  return sha256OfCanonical({ metadataDigest, artifacts: artifacts.map(({ kind, mediaType, size, sha256 }) => ({ kind, mediaType, size, sha256 })) });
}

/** What an item contributes to the chain: its id and when it was stored. */
export function itemRecordDigest(id: string, createdAt: string): Promise<string> {
  return sha256OfCanonical({ record: 'item', id, createdAt });
}

export interface EventContent {
  itemId: string;
  at: string;
  by: string;
  change: EvidenceChange;
}

/** What an event contributes to the chain: everything it says. */
export function eventRecordDigest({ itemId, at, by, change }: EventContent): Promise<string> {
  return sha256OfCanonical({ record: 'event', itemId, at, by, change });
}

/**
 * chainLink (./digest.ts) computed without yielding, for use inside a transaction: the same
 * canonical bytes, hashed synchronously. The verifier recomputes every link with chainLink.
 */
export function chainLinkNow(previousLink: string | null, recordDigest: string): string {
  return sha256HexSync(canonicalBytes({ item: recordDigest, previous: previousLink }));
}
