// @vitest-environment node
// (Node's Blob survives structured cloning into fake-indexeddb; happy-dom's does not: store-helpers.ts.)
/**
 * Storing a capture: written whole, as Blobs, with digests that an independent SHA-256 (Node's
 * crypto, not WebCrypto) agrees with; stored once however often it is retried; and, when the
 * browser runs out of room half-way, a clear typed error with nothing stored and nothing lost.
 */
import { describe, expect, it, vi } from 'vitest';
import { canonicalJson } from '@/utils/protocol/canonical-json';
import {
  addCapture,
  artifactBlob,
  artifactId,
  EvidenceStorageFullError,
  getItem,
  itemHistory,
  requestPersistence,
  verifyChain,
} from '@/utils/evidence/store';
import { bytesOf, captureOf, dump, freshDatabase, metadataOf, pixelPng, sha256OfBytes } from '../../support/evidence/store-helpers';

describe('a capture', () => {
  it('is stored whole: item, artifacts as Blobs, state and chain head', async () => {
    const db = await freshDatabase();
    const capture = captureOf(1);
    const item = await addCapture(db, capture);

    expect(await getItem(db, item.id)).toEqual(item);
    expect(item).toMatchObject({ schemaVersion: 1, sequence: 1, previousLink: null, metadata: capture.metadata });
    expect(item.artifacts.map(({ kind, mediaType, size }) => ({ kind, mediaType, size }))).toEqual([
      { kind: 'visible-screenshot', mediaType: 'image/png', size: pixelPng.length + 1 },
      { kind: 'page-html', mediaType: 'text/html', size: capture.artifacts[1]!.blob.size },
    ]);
    for (const [index, artifact] of capture.artifacts.entries()) {
      const stored = await artifactBlob(db, artifactId(item.id, index));
      expect(stored).toBeInstanceOf(Blob);
      expect(await bytesOf(stored)).toEqual(await bytesOf(artifact.blob));
    }
    expect((await itemHistory(db, item.id))?.state).toMatchObject({ status: 'new', marketplace: 'aliexpress', catalogueEntry: ['springer', '9783030436148'], shop: ['aliexpress', '1102345678'] });
    expect(await db.get('chain', 'head')).toEqual({ schemaVersion: 1, key: 'head', sequence: 1, link: item.link });
  });

  it('has digests that an independent SHA-256 recomputes', async () => {
    const db = await freshDatabase();
    const capture = captureOf(2);
    const item = await addCapture(db, capture);

    const artifactDigests = await Promise.all(capture.artifacts.map(async (artifact) => sha256OfBytes((await bytesOf(artifact.blob))!)));
    expect(item.artifacts.map((artifact) => artifact.sha256)).toEqual(artifactDigests);
    expect(item.metadataDigest).toBe(sha256OfBytes(canonicalJson(capture.metadata)));
    // The definitions in utils/protocol/evidence.ts, written out as the bytes a verifier would hash.
    const artifactsJson = item.artifacts.map((a) => `{"kind":"${a.kind}","mediaType":"${a.mediaType}","sha256":"${a.sha256}","size":${a.size}}`).join(',');
    expect(item.id).toBe(sha256OfBytes(`{"artifacts":[${artifactsJson}],"metadataDigest":"${item.metadataDigest}"}`));
    expect(item.digest).toBe(sha256OfBytes(`{"createdAt":"${item.createdAt}","id":"${item.id}","record":"item"}`));
    expect(item.link).toBe(sha256OfBytes(`{"item":"${item.digest}","previous":null}`));
  });

  it('is stored once however often the same capture is retried', async () => {
    const db = await freshDatabase();
    const first = await addCapture(db, captureOf(3));
    const again = await addCapture(db, captureOf(3));
    expect(again).toEqual(first);
    expect(await db.count('items')).toBe(1);
    expect(await db.count('artifacts')).toBe(2);
    expect((await db.get('chain', 'head'))?.sequence).toBe(1);
  });

  it('is refused before anything is written when its metadata or artifacts are invalid', async () => {
    const db = await freshDatabase();
    await addCapture(db, captureOf(1));
    const before = await dump(db);
    await expect(addCapture(db, captureOf(2, { capturedAt: '2025-03-04 05:06' }))).rejects.toThrow();
    await expect(addCapture(db, { ...captureOf(3), artifacts: [{ kind: 'visible-screenshot', mediaType: 'text/html', blob: new Blob(['<p>']) }] })).rejects.toThrow(/media type/);
    await expect(addCapture(db, { ...captureOf(4), artifacts: [] })).rejects.toThrow();
    expect(await dump(db)).toEqual(before);
  });
});

describe('a full disk', () => {
  async function storeWithOneItem() {
    const db = await freshDatabase();
    await addCapture(db, captureOf(1));
    return { db, before: await dump(db) };
  }

  it('refused at a write gives EvidenceStorageFullError and leaves the store as it was', async () => {
    const { db, before } = await storeWithOneItem();
    const put = IDBObjectStore.prototype.put;
    // The artifacts are already written in the transaction when the item's write is refused.
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (this.name === 'items') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    });
    const failure = await addCapture(db, captureOf(2)).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(EvidenceStorageFullError);
    expect((failure as Error).message).toMatch(/no room left.*not saved.*safe/s);
    vi.restoreAllMocks();

    expect(await dump(db)).toEqual(before);
    expect(await verifyChain(db)).toMatchObject({ ok: true, records: 1 });
    expect((await addCapture(db, captureOf(2))).sequence).toBe(2);
  });

  it('refused at commit (the transaction aborts with QuotaExceededError) gives the same', async () => {
    const { db, before } = await storeWithOneItem();
    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      const request = put.apply(this, args);
      // fake-indexeddb's own abort step, as a browser takes it when the disk fills at commit.
      if (this.name === 'chain') (this.transaction as unknown as { _abort(name: string): void })._abort('QuotaExceededError');
      return request;
    });
    await expect(addCapture(db, captureOf(2))).rejects.toBeInstanceOf(EvidenceStorageFullError);
    vi.restoreAllMocks();
    expect(await dump(db)).toEqual(before);
  });

  it('is told apart from other failures, which also leave nothing behind', async () => {
    const { db, before } = await storeWithOneItem();
    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (this.name === 'states') throw new DOMException('The object could not be cloned.', 'DataCloneError');
      return put.apply(this, args);
    });
    const failure = await addCapture(db, captureOf(2)).catch((error: unknown) => error);
    expect(failure).not.toBeInstanceOf(EvidenceStorageFullError);
    expect((failure as DOMException).name).toBe('DataCloneError');
    vi.restoreAllMocks();
    expect(await dump(db)).toEqual(before);
  });
});

describe('requestPersistence', () => {
  it('is false where the browser has no storage manager', async () => {
    vi.stubGlobal('navigator', {});
    expect(await requestPersistence()).toBe(false);
    vi.unstubAllGlobals();
  });

  it('asks for persistent storage and says whether it was granted', async () => {
    const persist = vi.fn(async () => true);
    vi.stubGlobal('navigator', { storage: { persisted: async () => false, persist } });
    expect(await requestPersistence()).toBe(true);
    expect(persist).toHaveBeenCalledOnce();
    vi.stubGlobal('navigator', { storage: { persisted: async () => false, persist: async () => false } });
    expect(await requestPersistence()).toBe(false);
    vi.unstubAllGlobals();
  });

  it('does not ask again when storage is already persistent, and is false when asking fails', async () => {
    const persist = vi.fn(async () => true);
    vi.stubGlobal('navigator', { storage: { persisted: async () => true, persist } });
    expect(await requestPersistence()).toBe(true);
    expect(persist).not.toHaveBeenCalled();
    vi.stubGlobal('navigator', { storage: { persisted: async () => false, persist: async () => Promise.reject(new Error('denied')) } });
    expect(await requestPersistence()).toBe(false);
    vi.unstubAllGlobals();
  });
});

it('metadataOf builds metadata the schema accepts (the fixtures above rely on it)', async () => {
  const { EvidenceMetadata } = await import('@/utils/protocol/evidence');
  expect(EvidenceMetadata.parse(metadataOf(7))).toEqual(metadataOf(7));
});
