/**
 * Thumbnails for the evidence list, made in the page from the stored screenshot: pictures where
 * people would rather look. A list of hundreds of items must not
 * read hundreds of screenshots: a row asks for its thumbnail only once it scrolls into view
 * (createViewWatcher), at most two are decoded at a time, and each is made once per artifact for
 * the page's life, then shown from a small JPEG's object URL, all revoked when the page goes.
 */

/** CSS pixels: the list shows thumbnails 96 wide; drawn at twice that for high-density screens. */
export const thumbnailWidth = 192;

/** Decodes the screenshot straight to thumbnail size, then draws it to a JPEG. */
export async function renderThumbnail(screenshot: Blob, width = thumbnailWidth): Promise<Blob> {
  const bitmap = await createImageBitmap(screenshot, { resizeWidth: width, resizeQuality: 'medium' });
  try {
    const { height } = bitmap;
    if (typeof OffscreenCanvas === 'function') {
      const canvas = new OffscreenCanvas(width, height);
      canvas.getContext('2d')!.drawImage(bitmap, 0, 0);
      return await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.8 });
    }
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    canvas.getContext('2d')!.drawImage(bitmap, 0, 0);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('no thumbnail'))), 'image/jpeg', 0.8));
  } finally {
    bitmap.close();
  }
}

export interface ThumbnailSources {
  /** The screenshot's bytes, or undefined when they are gone (a deleted item). */
  readBlob(artifactId: string): Promise<Blob | undefined>;
  render?(screenshot: Blob): Promise<Blob>;
}

const concurrentDecodes = 2;

export class ThumbnailCache {
  readonly #urls = new Map<string, Promise<string | null>>();
  readonly #created: string[] = [];
  readonly #waiting: Array<() => void> = [];
  #running = 0;
  #disposed = false;

  constructor(private readonly sources: ThumbnailSources) {}

  /** An object URL of the artifact's thumbnail, or null when it cannot be made. */
  get(artifactId: string): Promise<string | null> {
    let url = this.#urls.get(artifactId);
    if (!url) {
      url = this.#make(artifactId);
      this.#urls.set(artifactId, url);
    }
    return url;
  }

  /** Frees every thumbnail; those still being made are freed as they finish. */
  dispose(): void {
    this.#disposed = true;
    for (const url of this.#created.splice(0)) URL.revokeObjectURL(url);
  }

  async #make(artifactId: string): Promise<string | null> {
    await this.#turn();
    try {
      if (this.#disposed) return null;
      const screenshot = await this.sources.readBlob(artifactId);
      if (!screenshot) return null;
      const thumbnail = await (this.sources.render ?? renderThumbnail)(screenshot);
      const url = URL.createObjectURL(thumbnail);
      if (this.#disposed) {
        URL.revokeObjectURL(url);
        return null;
      }
      this.#created.push(url);
      return url;
    } catch {
      // A screenshot the browser cannot decode gets no thumbnail; the item view still offers its bytes.
      return null;
    } finally {
      this.#running -= 1;
      this.#waiting.shift()?.();
    }
  }

  #turn(): Promise<void> {
    if (this.#running < concurrentDecodes) {
      this.#running += 1;
      return Promise.resolve();
    }
    return new Promise((resolve) =>
      this.#waiting.push(() => {
        this.#running += 1;
        resolve();
      }),
    );
  }
}

export interface ViewWatcher {
  /** Calls `onVisible` once, when `element` comes near the viewport; returns a function that stops watching. */
  watch(element: Element, onVisible: () => void): () => void;
  disconnect(): void;
}

/** One IntersectionObserver for every row, rather than one each. */
export function createViewWatcher(rootMargin = '400px 0px'): ViewWatcher {
  const waiting = new Map<Element, () => void>();
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        const onVisible = waiting.get(entry.target);
        waiting.delete(entry.target);
        observer.unobserve(entry.target);
        onVisible?.();
      }
    },
    { rootMargin },
  );
  return {
    watch(element, onVisible) {
      waiting.set(element, onVisible);
      observer.observe(element);
      return () => {
        waiting.delete(element);
        observer.unobserve(element);
      };
    },
    disconnect() {
      waiting.clear();
      observer.disconnect();
    },
  };
}
