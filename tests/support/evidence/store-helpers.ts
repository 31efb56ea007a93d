/**
 * What the evidence store tests share: a fresh database per test, captures that look like what
 * the capture code will hand over (an AliExpress listing of a Springer textbook matched by ISBN),
 * and a dump of every store to compare the database before and after.
 *
 * The store tests run in Node's environment, not happy-dom's: happy-dom's Blob does not survive
 * structured cloning into fake-indexeddb (it comes back as a plain object), while Node's Blob
 * does, as a browser's does into a real IndexedDB.
 */
import { createHash } from 'node:crypto';
import type { EvidenceMetadata } from '@/utils/protocol/evidence';
import { openEvidenceDatabase, type Capture, type EvidenceDatabase } from '@/utils/evidence/store/index';

export const freshDatabase = (): Promise<EvidenceDatabase> => openEvidenceDatabase(`evidence-test-${crypto.randomUUID()}`);

/** A PNG of one white pixel, standing in for a screenshot. */
export const pixelPng = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4//8/AAX+Av4N70a4AAAAAElFTkSuQmCC'), (c) => c.charCodeAt(0));

export const sha256OfBytes = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');

export async function bytesOf(blob: Blob | undefined): Promise<Uint8Array | undefined> {
  return blob ? new Uint8Array(await blob.arrayBuffer()) : undefined;
}

/** The metadata of capture number `n`: its own listing id and capture time. */
export function metadataOf(n = 1, overrides: Partial<EvidenceMetadata> = {}): EvidenceMetadata {
  const listingId = String(1005006000000000 + n);
  return {
    schemaVersion: 1,
    url: `https://www.aliexpress.com/item/${listingId}.html?spm=a2g0o.productlist.main.1`,
    canonicalUrl: `https://www.aliexpress.com/item/${listingId}.html`,
    marketplace: 'aliexpress',
    pageKind: 'item',
    listing: {
      id: listingId,
      title: 'Fundamentals of Power Electronics 3rd Edition Erickson PDF',
      price: 4.99,
      currency: 'USD',
      shop: { id: '1102345678', name: 'Book World Store', sellerId: '220012345' },
      images: ['https://ae01.alicdn.com/kf/S8f1e2d3c4b5a69788.jpg'],
      isbn: '9783030436148',
      author: 'Robert W. Erickson',
      publisher: null,
    },
    match: {
      listingId,
      catalogueId: 'springer',
      entryId: '9783030436148',
      title: 'Fundamentals of Power Electronics',
      confidence: 0.99,
      reasons: [{ kind: 'isbn', isbn: '9783030436148' }],
    },
    capturedAt: new Date(Date.UTC(2025, 2, 4, 5, 6, 7, 89) + n * 60_000).toISOString(),
    clock: { source: 'system' },
    browser: { name: 'Chrome', version: '126.0.6478.126' },
    extensionVersion: '0.1.0',
    viewport: { width: 1280, height: 800 },
    devicePixelRatio: 2,
    pageLanguage: 'en',
    capturedBy: 'J. Smith, rights team',
    note: '',
    tags: [],
    ...overrides,
  };
}

/** Capture number `n`: a screenshot and the page's HTML, both bytes of its own. */
export function captureOf(n = 1, overrides: Partial<EvidenceMetadata> = {}): Capture {
  return {
    metadata: metadataOf(n, overrides),
    artifacts: [
      { kind: 'visible-screenshot', mediaType: 'image/png', blob: new Blob([pixelPng, new Uint8Array([n])], { type: 'image/png' }) },
      { kind: 'page-html', mediaType: 'text/html', blob: new Blob([`<!doctype html><title>listing ${n}</title>`], { type: 'text/html' }) },
    ],
  };
}

/** Every record of every store, blobs as the SHA-256 of their bytes, for before/after comparisons. */
export async function dump(db: EvidenceDatabase): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const name of ['items', 'artifacts', 'events', 'states', 'cases', 'chain'] as const) {
    const records: unknown[] = await db.getAll(name);
    out[name] = await Promise.all(
      records.map(async (record) => {
        const blob = (record as { blob?: Blob }).blob;
        return blob ? { ...(record as object), blob: sha256OfBytes((await bytesOf(blob))!) } : record;
      }),
    );
  }
  return out;
}
