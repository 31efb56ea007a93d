/**
 * Planning a full-page capture: shots cover every row of the page once, the last one scrolled no
 * further than the page goes; images are cut below the canvas limits; endless pages are cut off.
 */
import { describe, expect, it } from 'vitest';
import { canvasLimits, capturedHeight, maxScreens, planImageParts, planShots, type PageMetrics } from '@/utils/evidence/capture/full-page-plan';

const page = (scrollHeight: number, overrides: Partial<PageMetrics> = {}): PageMetrics => ({
  scrollWidth: 1280,
  scrollHeight,
  viewportWidth: 1280,
  viewportHeight: 800,
  devicePixelRatio: 1,
  ...overrides,
});

function coveredRows(metrics: PageMetrics): number[] {
  const rows = new Array<number>(capturedHeight(metrics)).fill(0);
  for (const shot of planShots(metrics)) {
    expect(shot.scrollY).toBeGreaterThanOrEqual(0);
    expect(shot.scrollY + metrics.viewportHeight).toBeGreaterThanOrEqual(shot.to);
    expect(shot.from).toBeGreaterThanOrEqual(shot.scrollY);
    for (let row = shot.from; row < shot.to; row++) rows[row]!++;
  }
  return rows;
}

describe('planShots', () => {
  it('covers a 10-screen page once, row by row, in 10 shots', () => {
    const metrics = page(8000);
    expect(planShots(metrics)).toHaveLength(10);
    expect(new Set(coveredRows(metrics))).toEqual(new Set([1]));
  });

  it('scrolls the last shot only to the bottom of the page and keeps only the rows not yet taken', () => {
    const shots = planShots(page(2000));
    expect(shots).toEqual([
      { scrollY: 0, from: 0, to: 800 },
      { scrollY: 800, from: 800, to: 1600 },
      { scrollY: 1200, from: 1600, to: 2000 },
    ]);
  });

  it('takes one shot of a page no taller than the window', () => {
    expect(planShots(page(500))).toEqual([{ scrollY: 0, from: 0, to: 500 }]);
  });

  it('stops an endless page after its first screens', () => {
    const metrics = page(1_000_000);
    expect(planShots(metrics)).toHaveLength(maxScreens);
    expect(new Set(coveredRows(metrics))).toEqual(new Set([1]));
  });
});

describe('planImageParts', () => {
  it('keeps a short page in one image', () => {
    expect(planImageParts(page(8000, { devicePixelRatio: 2 }))).toEqual([{ top: 0, height: 8000, width: 1280 }]);
  });

  it('cuts a tall page into images under the canvas limits, covering every row', () => {
    const metrics = page(30_000, { devicePixelRatio: 2 });
    const parts = planImageParts(metrics);
    expect(parts.length).toBeGreaterThan(1);
    let next = 0;
    for (const part of parts) {
      expect(part.top).toBe(next);
      next += part.height;
      expect(part.height * 2).toBeLessThanOrEqual(canvasLimits.maxSide);
      expect(part.height * 2 * part.width * 2).toBeLessThanOrEqual(canvasLimits.maxArea);
    }
    expect(next).toBe(capturedHeight(metrics));
  });
});
