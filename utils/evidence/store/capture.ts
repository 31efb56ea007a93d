/**
 * Storing a capture: all of it, in one transaction, or nothing.
 *
 * Every digest that depends only on the capture (each artifact's bytes, the canonical metadata,
 * the item's id and record digest) is computed with WebCrypto before the transaction opens, since
 * awaiting WebCrypto inside it would let it commit. Inside, one readwrite transaction reads the
 * chain head, links the item to it synchronously (./chain-link.ts), and writes the artifacts, the
 * item, its state and the new head. Whatever else must be written with a new item is written by
 * the participants (./participants.ts) in that same transaction: the outbox queues the item for
 * the intake there, so no crash can come between an item stored and an item queued. IndexedDB
 * runs overlapping readwrite transactions one after another, so concurrent captures, from any page
 * or the service worker, extend the chain one at a time and never fork it. A browser killed before
 * the commit leaves none of it.
 */
import { sha256Hex, sha256OfCanonical } from '@/utils/protocol/digest';
import { ArtifactKind, EvidenceItem, EvidenceMetadata } from '@/utils/protocol/evidence';
import { itemIdOf, itemRecordDigest } from '@/utils/protocol/record-digests';
import { chainLinker } from './chain-link';
import type { EvidenceDatabase } from './database';
import { joinedWrites } from './participants';
import { initialState } from './state';
import { writeEvidence } from './transaction';

export interface CaptureArtifact {
  kind: ArtifactKind;
  mediaType: string;
  /** The exact bytes captured: a Blob, never a data URL. */
  blob: Blob;
}

export interface Capture {
  metadata: EvidenceMetadata;
  artifacts: readonly CaptureArtifact[];
}

/** The key of an item's artifact: its item and its place in the item's list. */
export const artifactId = (itemId: string, index: number): string => `${itemId}/${index}`;

/**
 * Stores a capture as a new evidence item at the end of the chain and returns it. The same capture
 * stored again (a retry after a crash) is the same item: it is returned as stored (deleted, if it
 * was since), not stored twice.
 * Throws EvidenceStorageFullError when the browser has no room, having stored nothing.
 */
export async function addCapture(db: EvidenceDatabase, capture: Capture): Promise<EvidenceItem> {
  const metadata = EvidenceMetadata.parse(capture.metadata);
  const blobs = capture.artifacts.map((artifact) => artifact.blob);
  // One at a time: a full-page screenshot can be tens of megabytes once read into memory.
  const described = [];
  for (const { kind, mediaType, blob } of capture.artifacts) described.push({ kind, mediaType, size: blob.size, sha256: await sha256Hex(blob) });
  const artifacts = EvidenceItem.shape.artifacts.parse(described);
  const metadataDigest = await sha256OfCanonical(metadata);
  const id = await itemIdOf(metadataDigest, artifacts);
  const createdAt = new Date().toISOString();
  const digest = await itemRecordDigest(id, createdAt);
  const link = await chainLinker();

  const participants = joinedWrites(['items', 'artifacts', 'states', 'chain']);
  return writeEvidence(db, participants.stores, async (tx) => {
    const stored = await tx.objectStore('items').get(id);
    if (stored) return stored;
    const head = await tx.objectStore('chain').get('head');
    const previousLink = head?.link ?? null;
    const item: EvidenceItem = {
      schemaVersion: 1,
      id,
      sequence: (head?.sequence ?? 0) + 1,
      digest,
      previousLink,
      link: link(previousLink, digest),
      metadataDigest,
      metadata,
      artifacts,
      createdAt,
    };
    // One request at a time: should one throw, no earlier request is left with nobody awaiting it.
    for (const [index, artifact] of artifacts.entries()) {
      await tx.objectStore('artifacts').put({ schemaVersion: 1, id: artifactId(id, index), itemId: id, ...artifact, blob: blobs[index]! });
    }
    await tx.objectStore('items').put(item);
    await tx.objectStore('states').put(initialState(item));
    await tx.objectStore('chain').put({ schemaVersion: 1, key: 'head', sequence: item.sequence, link: item.link });
    await participants.captured(tx, item);
    return item;
  });
}
