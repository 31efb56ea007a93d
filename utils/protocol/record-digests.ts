/**
 * The digests that identify evidence and chain it (the definitions are in ./evidence.ts), computed
 * with WebCrypto before a write transaction opens. Only the link, which depends on the chain head
 * read inside the transaction, is computed there (utils/evidence/store/chain-link.ts).
 */
import { sha256OfCanonical } from './digest';
import type { ArtifactDescriptor, EvidenceChange } from './evidence';

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
