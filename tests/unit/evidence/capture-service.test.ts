// @vitest-environment node
/**
 * The capture sequence with the browser's parts faked: the page's steps come in order and the
 * page is always put back; the stored item holds the screenshots' exact bytes, the HTML and the
 * metadata of the listing captured; a wall, a page without a listing, a second capture of the same
 * tab and a failing screenshot store nothing.
 */
import { describe, expect, it } from 'vitest';
import { CaptureService, type CaptureBrowser, type StepRequest } from '@/utils/evidence/capture/capture-service';
import { artifactBlob, listItems, verifyChain } from '@/utils/evidence/store';
import type { TabPage } from '@/utils/messages';
import { listing } from '@/utils/sites/listing';
import { bytesOf, freshDatabase, pixelPng, sha256OfBytes } from '../../support/evidence/store-helpers';

const book = listing({ marketplace: 'aliexpress', id: '1005006000000001', title: 'Fundamentals of Power Electronics 英文原版', price: 12.5, currency: 'USD' });
const other = listing({ marketplace: 'aliexpress', id: '1005006000000002', title: '手机壳' });
const match = { listingId: book.id, catalogueId: 'springer', entryId: '9783030436148', title: 'Fundamentals of Power Electronics', confidence: 0.93, reasons: [{ kind: 'title' as const, title: 'Fundamentals of Power Electronics', language: 'und' }] };
const searchPage: TabPage = {
  url: 'https://www.aliexpress.com/w/wholesale-power-electronics.html',
  recognition: { marketplace: 'aliexpress', kind: 'search', wall: null, listings: [other, book] },
  matches: { [book.id]: [match] },
  seenAt: 1,
};

function fakeBrowser(overrides: Partial<CaptureBrowser> = {}) {
  const steps: StepRequest[] = [];
  const rects: Array<{ y: number; height: number }> = [];
  let clock = 1_700_000_000_000;
  const browser: CaptureBrowser = {
    captureVisible: async () => new Blob([pixelPng], { type: 'image/png' }),
    captureRect: async (_tab, rect) => {
      rects.push({ y: rect.y, height: rect.height });
      return new Blob([pixelPng, new Uint8Array([rect.y % 256])], { type: 'image/png' });
    },
    step: async (_tab, step) => {
      steps.push(step);
      if (step.step === 'begin') return { url: `${searchPage.url}?page=1`, scrollWidth: 1280, scrollHeight: 2400, viewportWidth: 1280, viewportHeight: 800, devicePixelRatio: 2, language: 'en' };
      if (step.step === 'scroll') return { scrollY: step.y };
      if (step.step === 'snapshot') return { html: '<!DOCTYPE html>\n<html><body>listing</body></html>' };
      return { ok: true };
    },
    circumstances: async () => ({ browser: { name: 'Firefox', version: '153.0' }, extensionVersion: '0.1.0', capturedBy: 'Rights team' }),
    words: { stored: (n) => `stored ${n}`, failed: (why) => `failed: ${why}` },
    now: () => (clock += 10),
    sleep: async (ms) => void (clock += ms),
    ...overrides,
  };
  return { browser, steps, rects };
}

const request = (page: TabPage | null, listingId: string | null, fullPage = true) => ({ tabId: 7, windowId: 1, listingId, page, options: { fullPage, note: 'seen twice', tags: ['springer'] } });

describe('CaptureService', () => {
  it('captures a search card: visible and full page, HTML and metadata, in one stored item', async () => {
    const db = await freshDatabase();
    const { browser, steps, rects } = fakeBrowser();
    const result = await new CaptureService(async () => db, browser).capture(request(searchPage, book.id));
    expect(result).toMatchObject({ ok: true, sequence: 1 });
    expect(steps[0]).toEqual({ step: 'begin', listingId: book.id });
    expect(steps.at(-1)).toEqual({ step: 'end', stored: true, message: 'stored 1' });
    // Firefox draws the page in one rectangle after a pass down it for lazy images.
    expect(steps.filter((s) => s.step === 'scroll').map((s) => (s as { y: number }).y)).toEqual([0, 800, 1600, 0]);
    expect(rects).toEqual([{ y: 0, height: 2400 }]);

    const { item } = (await listItems(db))[0]!;
    expect(item.metadata).toMatchObject({
      url: `${searchPage.url}?page=1`,
      canonicalUrl: book.url,
      marketplace: 'aliexpress',
      pageKind: 'search',
      listing: { id: book.id, title: book.title, price: 12.5, currency: 'USD' },
      match,
      browser: { name: 'Firefox', version: '153.0' },
      viewport: { width: 1280, height: 800 },
      devicePixelRatio: 2,
      pageLanguage: 'en',
      capturedBy: 'Rights team',
      note: 'seen twice',
      tags: ['springer'],
    });
    expect(item.artifacts.map((a) => a.kind)).toEqual(['visible-screenshot', 'full-page-screenshot', 'page-html']);
    const visible = await bytesOf(await artifactBlob(db, `${item.id}/0`));
    expect(sha256OfBytes(visible!)).toBe(item.artifacts[0]!.sha256);
    expect(await verifyChain(db)).toMatchObject({ ok: true });
  });

  it('captures only the visible area when asked, without scrolling the page', async () => {
    const db = await freshDatabase();
    const { browser, steps } = fakeBrowser();
    await new CaptureService(async () => db, browser).capture(request(searchPage, book.id, false));
    expect(steps.map((s) => s.step)).toEqual(['begin', 'snapshot', 'end']);
    expect((await listItems(db))[0]!.item.artifacts.map((a: { kind: string }) => a.kind)).toEqual(['visible-screenshot', 'page-html']);
  });

  it('takes the best-matched listing of a search page captured from the toolbar', async () => {
    const db = await freshDatabase();
    const result = await new CaptureService(async () => db, fakeBrowser().browser).capture(request(searchPage, null, false));
    expect(result.ok).toBe(true);
    expect((await listItems(db))[0]!.item.metadata.listing.id).toBe(book.id);
  });

  it('refuses walls, pages without a listing, and a second capture of a tab while one runs; stores nothing', async () => {
    const db = await freshDatabase();
    const { browser } = fakeBrowser();
    const service = new CaptureService(async () => db, browser);
    const wall: TabPage = { ...searchPage, recognition: { marketplace: 'taobao', kind: 'blocked', wall: 'captcha', listings: [] } };
    expect(await service.capture(request(wall, null))).toMatchObject({ ok: false, reason: 'wall' });
    expect(await service.capture(request({ ...searchPage, matches: {} }, null))).toMatchObject({ ok: false, reason: 'not-a-listing' });
    expect(await service.capture(request(null, null))).toMatchObject({ ok: false, reason: 'not-a-listing' });
    const [first, second] = await Promise.all([service.capture(request(searchPage, book.id)), service.capture(request(searchPage, book.id))]);
    expect(first.ok).toBe(true);
    expect(second).toMatchObject({ ok: false, reason: 'busy' });
    expect(await listItems(db)).toHaveLength(1);
  });

  it('stores nothing when a screenshot fails, and still puts the page back', async () => {
    const db = await freshDatabase();
    const { browser, steps } = fakeBrowser({ captureVisible: async () => Promise.reject(new Error('Either the <all_urls> or activeTab permission is required.')) });
    const result = await new CaptureService(async () => db, browser).capture(request(searchPage, book.id));
    expect(result).toMatchObject({ ok: false, reason: 'no-permission' });
    expect(steps.at(-1)).toMatchObject({ step: 'end', stored: false });
    expect(await listItems(db)).toEqual([]);
  });

  it('waits between visible-area shots as Chrome requires (two a second)', async () => {
    const db = await freshDatabase();
    const shotsAt: number[] = [];
    let clock = 0;
    const { browser } = fakeBrowser({
      captureRect: undefined,
      captureVisible: async () => {
        shotsAt.push(clock);
        return new Blob([pixelPng], { type: 'image/png' });
      },
      now: () => clock,
      sleep: async (ms) => void (clock += ms),
    });
    // Without OffscreenCanvas (Node), stitching fails after the shots: the timing is what is checked here.
    await new CaptureService(async () => db, browser).capture(request(searchPage, book.id));
    expect(shotsAt.length).toBeGreaterThanOrEqual(4);
    for (let i = 1; i < shotsAt.length; i++) expect(shotsAt[i]! - shotsAt[i - 1]!).toBeGreaterThanOrEqual(500);
  });
});
