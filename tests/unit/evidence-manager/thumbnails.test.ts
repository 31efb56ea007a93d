/**
 * Thumbnails for the list: made only for rows that come into view, once per artifact for the
 * page's life however often a row asks, at most two at a time, and every object URL revoked when
 * the page goes. The decoding itself (createImageBitmap, a canvas) needs a browser; here a
 * renderer stands in for it, while the screenshot bytes come from the real store.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createViewWatcher, ThumbnailCache } from '@/components/evidence/thumbnails';
import { addCapture, artifactBlob, artifactId, openEvidenceDatabase } from '@/utils/evidence/store';
import { IDBFactory } from 'fake-indexeddb';
import { captureOf, screenshotBytes } from './page';

/** An IntersectionObserver the test moves: `show(element)` reports it in view. */
class FakeIntersectionObserver {
  static last: FakeIntersectionObserver | null = null;
  readonly observed = new Set<Element>();
  constructor(private readonly callback: IntersectionObserverCallback) {
    FakeIntersectionObserver.last = this;
  }
  observe(element: Element) {
    this.observed.add(element);
  }
  unobserve(element: Element) {
    this.observed.delete(element);
  }
  disconnect() {
    this.observed.clear();
  }
  show(element: Element) {
    if (this.observed.has(element)) this.callback([{ target: element, isIntersecting: true } as IntersectionObserverEntry], this as unknown as IntersectionObserver);
  }
}

afterEach(() => vi.unstubAllGlobals());

function trackUrls() {
  const live = new Set<string>();
  let next = 0;
  vi.spyOn(URL, 'createObjectURL').mockImplementation(() => {
    const url = `blob:thumbnail-${++next}`;
    live.add(url);
    return url;
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation((url) => void live.delete(url));
  return live;
}

describe('the thumbnail cache', () => {
  it('makes each artifact’s thumbnail once, from its stored screenshot, and revokes them all at the end', async () => {
    globalThis.indexedDB = new IDBFactory();
    const db = await openEvidenceDatabase();
    const item = await addCapture(db, captureOf(1));
    const live = trackUrls();
    const rendered: string[] = [];
    const cache = new ThumbnailCache({
      readBlob: (id) => artifactBlob(db, id),
      render: async (screenshot) => {
        rendered.push(Buffer.from(await screenshot.arrayBuffer()).toString('hex'));
        return new Blob(['jpeg']);
      },
    });
    const id = artifactId(item.id, 0);
    const [first, second] = await Promise.all([cache.get(id), cache.get(id)]);
    expect(first).toBe('blob:thumbnail-1');
    expect(second).toBe(first);
    expect(await cache.get(id)).toBe(first);
    expect(rendered).toEqual([Buffer.from(screenshotBytes(1)).toString('hex')]);
    // An artifact with no bytes (a deleted item's) has no thumbnail, and no URL is made for it.
    expect(await cache.get(artifactId('f'.repeat(64), 0))).toBeNull();
    expect([...live]).toEqual(['blob:thumbnail-1']);

    cache.dispose();
    expect(live.size).toBe(0);
    db.close();
  });

  it('decodes two at a time, and frees a thumbnail finished after the page went', async () => {
    const live = trackUrls();
    const pending: Array<() => void> = [];
    let running = 0;
    let most = 0;
    const cache = new ThumbnailCache({
      readBlob: async () => new Blob(['png']),
      render: () =>
        new Promise<Blob>((resolve) => {
          running += 1;
          most = Math.max(most, running);
          pending.push(() => {
            running -= 1;
            resolve(new Blob(['jpeg']));
          });
        }),
    });
    const made = ['a/0', 'b/0', 'c/0', 'd/0'].map((id) => cache.get(id));
    await vi.waitFor(() => expect(pending).toHaveLength(2));
    pending.shift()!();
    await vi.waitFor(() => expect(pending).toHaveLength(2));
    pending.shift()!();
    pending.shift()!();
    await vi.waitFor(() => expect(pending).toHaveLength(1));
    expect(most).toBe(2);
    expect(await Promise.all(made.slice(0, 3))).toEqual(['blob:thumbnail-1', 'blob:thumbnail-2', 'blob:thumbnail-3']);

    cache.dispose();
    pending.shift()!();
    expect(await made[3]).toBeNull();
    expect(live.size).toBe(0);
  });

  it('a renderer that fails leaves the row without a thumbnail, and the next ones still come', async () => {
    trackUrls();
    const cache = new ThumbnailCache({ readBlob: async (id) => new Blob([id]), render: async (blob) => ((await blob.text()) === 'bad/0' ? Promise.reject(new Error('undecodable')) : new Blob(['jpeg'])) });
    expect(await cache.get('bad/0')).toBeNull();
    expect(await cache.get('good/0')).toBe('blob:thumbnail-1');
    cache.dispose();
  });
});

describe('the view watcher', () => {
  it('calls back once per element, when it comes into view, and not after it stops watching', () => {
    vi.stubGlobal('IntersectionObserver', FakeIntersectionObserver);
    const watcher = createViewWatcher();
    const observer = FakeIntersectionObserver.last!;
    const [near, far, gone] = [document.createElement('span'), document.createElement('span'), document.createElement('span')];
    const seen: Element[] = [];
    watcher.watch(near, () => seen.push(near));
    watcher.watch(far, () => seen.push(far));
    const stop = watcher.watch(gone, () => seen.push(gone));
    expect(seen).toEqual([]);

    observer.show(near);
    observer.show(near);
    stop();
    observer.show(gone);
    expect(seen).toEqual([near]);
    expect([...observer.observed]).toEqual([far]);
    watcher.disconnect();
    expect(observer.observed.size).toBe(0);
  });
});
