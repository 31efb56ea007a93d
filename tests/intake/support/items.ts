/**
 * Evidence items as the extension uploads them: captured through the evidence store itself
 * (addCapture into fake-indexeddb, imported here explicitly: the intake project runs in plain
 * Node), so every digest the intake recomputes was made by the extension's own code.
 */
import 'fake-indexeddb/auto';
import { randomBytes } from 'node:crypto';
import type { EvidenceMetadata } from '@/utils/protocol/evidence';
import { addCapture, openEvidenceDatabase, type CaptureArtifact, type EvidenceDatabase } from '@/utils/evidence/store';
import type { EvidenceItem } from '@/utils/protocol/intake';
import { metadataOf, pixelPng } from '../../support/evidence/store-helpers';

export interface UploadableItem {
  /** The record as it goes on the wire: the stored item through JSON. */
  item: EvidenceItem;
  /** Each artifact's bytes, in the item's order. */
  bytes: Uint8Array[];
}

export const evidenceDatabase = (): Promise<EvidenceDatabase> => openEvidenceDatabase(`intake-test-${crypto.randomUUID()}`);

export interface ItemOptions {
  /** Size of the visible-area screenshot: big enough for several chunks. */
  screenshotBytes?: number;
  /** Another listing id than capture n's own (the duplicate notice is per listing). */
  listingId?: string;
  metadata?: Partial<EvidenceMetadata>;
  /** The artifacts, replacing the default visible-area screenshot + page. */
  artifacts?: { kind: CaptureArtifact['kind']; mediaType: string; bytes: Uint8Array }[];
  /** Captured into this database, after what it holds (a later place in its chain). */
  db?: EvidenceDatabase;
}

/** Capture number `n`: a visible-area screenshot of random bytes and the page's HTML, as the extension captures. */
export async function capturedItem(n: number, options: ItemOptions = {}): Promise<UploadableItem> {
  const metadata = metadataOf(n, options.metadata);
  if (options.listingId) {
    metadata.listing = { ...metadata.listing, id: options.listingId };
    if (metadata.match) metadata.match = { ...metadata.match, listingId: options.listingId };
  }
  const artifacts = options.artifacts ?? [
    { kind: 'visible-screenshot' as const, mediaType: 'image/png', bytes: new Uint8Array(Buffer.concat([pixelPng, randomBytes(options.screenshotBytes ?? 50_000)])) },
    { kind: 'page-html' as const, mediaType: 'text/html', bytes: new TextEncoder().encode(`<!doctype html><title>listing ${n}</title>`) },
  ];
  const db = options.db ?? (await evidenceDatabase());
  const stored = await addCapture(db, {
    metadata,
    artifacts: artifacts.map(({ kind, mediaType, bytes }) => ({ kind, mediaType, blob: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mediaType }) })),
  });
  return { item: JSON.parse(JSON.stringify(stored)) as EvidenceItem, bytes: artifacts.map(({ bytes }) => bytes) };
}
