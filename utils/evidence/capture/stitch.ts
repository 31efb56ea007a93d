/**
 * Stitches visible-area shots into full-page images, in the background (OffscreenCanvas and
 * createImageBitmap work in a service worker). Each shot's image covers the viewport at its
 * scroll position; its rows [from, to) go to the same rows of whichever image parts they fall in.
 * The scale comes from the shot itself (image height / viewport height): the device pixel ratio a
 * page reports and the pixels a browser returns can differ by a scrollbar or a zoom level.
 */
import type { ImagePart, PageMetrics, Shot } from './full-page-plan';

export interface TakenShot {
  shot: Shot;
  image: Blob;
}

export async function stitchShots(shots: readonly TakenShot[], parts: readonly ImagePart[], metrics: PageMetrics): Promise<Blob[]> {
  const bitmaps = await Promise.all(shots.map(({ image }) => createImageBitmap(image)));
  try {
    const scale = bitmaps[0] ? bitmaps[0].height / metrics.viewportHeight : metrics.devicePixelRatio;
    const images: Blob[] = [];
    for (const part of parts) {
      const canvas = new OffscreenCanvas(Math.round(part.width * scale), Math.round(part.height * scale));
      const context = canvas.getContext('2d')!;
      shots.forEach(({ shot }, i) => {
        const from = Math.max(shot.from, part.top);
        const to = Math.min(shot.to, part.top + part.height);
        if (to <= from) return;
        const bitmap = bitmaps[i]!;
        const sourceY = Math.round((from - shot.scrollY) * scale);
        const rows = Math.min(Math.round((to - from) * scale), bitmap.height - sourceY);
        const width = Math.min(bitmap.width, canvas.width);
        if (rows > 0) context.drawImage(bitmap, 0, sourceY, width, rows, 0, Math.round((from - part.top) * scale), width, rows);
      });
      images.push(await canvas.convertToBlob({ type: 'image/png' }));
    }
    return images;
  } finally {
    for (const bitmap of bitmaps) bitmap.close();
  }
}
