/**
 * Where to scroll and what to keep for a full-page screenshot. Chrome can
 * only photograph the visible area, so the page is scrolled a viewport at a time and the shots
 * are stitched; Firefox photographs any rectangle of the page, so it needs no scrolling but the
 * same division into images: a canvas has a size limit (Chrome: 32 767 px a side, 268 M pixels),
 * and a 60-screen page is cut into several images instead of failing.
 *
 * All positions are CSS pixels of the page; device pixels are CSS pixels × devicePixelRatio.
 */

export interface PageMetrics {
  /** The page's full scrollable size. */
  scrollWidth: number;
  scrollHeight: number;
  /** The visible area (without scrollbars). */
  viewportWidth: number;
  viewportHeight: number;
  devicePixelRatio: number;
}

/** One photograph of the visible area: scroll the page to `scrollY`, keep page rows [from, to). */
export interface Shot {
  scrollY: number;
  from: number;
  to: number;
}

/** One stitched image: page rows [top, top + height), `width` CSS pixels wide. */
export interface ImagePart {
  top: number;
  height: number;
  width: number;
}

export interface CanvasLimits {
  /** Longest side, in device pixels. */
  maxSide: number;
  /** Most pixels in one canvas. */
  maxArea: number;
}

/** Below every browser's limits, with room to spare (Chrome's are 32 767 a side, 16 384² in area). */
export const canvasLimits: CanvasLimits = { maxSide: 16_384, maxArea: 16_384 * 8_192 };

/**
 * Pages longer than this many screens are cut off: an infinite-scroll search page never ends, and
 * at two shots a second, 40 screens already take 20 s.
 */
export const maxScreens = 40;

/** The height Colophon captures: the whole page, or its first `maxScreens` screens. */
export function capturedHeight(metrics: PageMetrics): number {
  return Math.max(1, Math.min(Math.ceil(metrics.scrollHeight), metrics.viewportHeight * maxScreens));
}

/**
 * Shots covering the page top to bottom: one per viewport, the last scrolled to the bottom and
 * keeping only the rows the others did not (the page cannot scroll past its end).
 */
export function planShots(metrics: PageMetrics): Shot[] {
  const height = capturedHeight(metrics);
  const viewport = Math.max(1, Math.floor(metrics.viewportHeight));
  const shots: Shot[] = [];
  for (let from = 0; from < height; from += viewport) {
    const to = Math.min(height, from + viewport);
    const scrollY = Math.max(0, Math.min(from, Math.ceil(metrics.scrollHeight) - viewport));
    shots.push({ scrollY, from, to });
  }
  return shots;
}

/** The captured height cut into images no canvas refuses. */
export function planImageParts(metrics: PageMetrics, limits: CanvasLimits = canvasLimits): ImagePart[] {
  const dpr = metrics.devicePixelRatio;
  const width = Math.max(1, Math.min(Math.ceil(metrics.viewportWidth), Math.floor(limits.maxSide / dpr)));
  const widthPx = Math.ceil(width * dpr);
  const maxRowsPx = Math.min(limits.maxSide, Math.floor(limits.maxArea / widthPx));
  const partHeight = Math.max(1, Math.floor(maxRowsPx / dpr));
  const height = capturedHeight(metrics);
  const parts: ImagePart[] = [];
  for (let top = 0; top < height; top += partHeight) parts.push({ top, height: Math.min(partHeight, height - top), width });
  return parts;
}

/** Chrome allows two visible-area captures a second (MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND). */
export const minMsBetweenCaptures = 520;
