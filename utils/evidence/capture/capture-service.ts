/**
 * One capture, start to stored: the visible area, the full page (stitched
 * from shots in Chrome, drawn rectangle by rectangle in Firefox), the page's HTML and the
 * metadata, hashed and stored as one evidence item. The browser's parts come in through
 * `CaptureBrowser`, so the sequence is tested without a browser and run with one in e2e.
 *
 * Every step in the page is undone at the end, whatever happened: the page's scroll, its hidden
 * headers, Colophon's hidden marks.
 */
import type { CaptureResult, TabPage } from '@/utils/messages';
import { PageFacts, ScrolledTo, Snapshot, type CaptureStep } from '@/utils/capture-steps';
import { EvidenceStorageFullError, addCapture, type CaptureArtifact, type EvidenceDatabase } from '../store';
import { planImageParts, planShots, minMsBetweenCaptures, type PageMetrics } from './full-page-plan';
import { captureMetadata, capturedListing, type CaptureCircumstances } from './metadata';
import { stitchShots, type TakenShot } from './stitch';

export type StepRequest = CaptureStep extends infer S ? (S extends CaptureStep ? Omit<S, 'type'> : never) : never;

export interface CaptureBrowser {
  /**
   * The visible area of the tab, as PNG. Browsers photograph a window's active tab: this must
   * refuse when the tab is no longer the active one (the user switched tabs mid-capture).
   */
  captureVisible(tabId: number, windowId: number): Promise<Blob>;
  /** A rectangle of the page in CSS pixels, as PNG: Firefox's tabs.captureTab; absent in Chrome. */
  captureRect?: (tabId: number, rect: { x: number; y: number; width: number; height: number }) => Promise<Blob>;
  /** Asks the tab's content script to take a step; resolves with its answer. */
  step(tabId: number, step: StepRequest): Promise<unknown>;
  /** Who captures with what (browser, extension version, the name set in the options). */
  circumstances(): Promise<Omit<CaptureCircumstances, 'capturedAt' | 'note' | 'tags'>>;
  /** Words the outcome in the user's language. */
  words: { stored(sequence: number): string; failed(detail: string): string };
  now(): number;
  sleep(ms: number): Promise<void>;
}

export interface CaptureRequest {
  tabId: number;
  windowId: number;
  /** The card whose Report button was pressed; null for the page's own listing. */
  listingId: string | null;
  page: TabPage | null;
  options: { fullPage: boolean; note: string; tags: string[] };
}

export class CaptureService {
  private readonly busy = new Set<number>();
  private lastShotAt = -Infinity;

  constructor(
    private readonly database: () => Promise<EvidenceDatabase>,
    private readonly browser: CaptureBrowser,
  ) {}

  async capture(request: CaptureRequest): Promise<CaptureResult> {
    const { page, tabId } = request;
    if (page?.recognition?.kind === 'blocked') return { ok: false, reason: 'wall', detail: 'the page is a marketplace wall' };
    const listing = page ? capturedListing(page, request.listingId) : null;
    if (!page || !listing) return { ok: false, reason: 'not-a-listing', detail: 'no listing to capture on this page' };
    if (this.busy.has(tabId)) return { ok: false, reason: 'busy', detail: 'a capture of this tab is running' };
    this.busy.add(tabId);
    let result: CaptureResult;
    try {
      result = await this.run(request, listing);
    } catch (error) {
      result = failure(error);
    } finally {
      this.busy.delete(tabId);
    }
    const words = result.ok ? this.browser.words.stored(result.sequence) : this.browser.words.failed(result.detail);
    await this.browser.step(tabId, { step: 'end', stored: result.ok, message: words.slice(0, 500) }).catch(() => undefined);
    return result;
  }

  private async run(request: CaptureRequest, listing: NonNullable<ReturnType<typeof capturedListing>>): Promise<CaptureResult> {
    const { tabId, windowId, page } = request;
    const facts = PageFacts.parse(await this.browser.step(tabId, { step: 'begin', listingId: request.listingId }));
    const capturedAt = new Date(this.browser.now());
    const visible = await this.shot(tabId, windowId);
    const artifacts: CaptureArtifact[] = [{ kind: 'visible-screenshot', mediaType: 'image/png', blob: visible }];
    if (request.options.fullPage) {
      for (const image of await this.fullPage(tabId, windowId, facts)) artifacts.push({ kind: 'full-page-screenshot', mediaType: 'image/png', blob: image });
    }
    const { html } = Snapshot.parse(await this.browser.step(tabId, { step: 'snapshot' }));
    if (html) artifacts.push({ kind: 'page-html', mediaType: 'text/html;charset=utf-8', blob: new Blob([html], { type: 'text/html;charset=utf-8' }) });
    const metadata = captureMetadata(page!, listing, facts, { ...(await this.browser.circumstances()), capturedAt, note: request.options.note, tags: request.options.tags });
    const item = await addCapture(await this.database(), { metadata, artifacts });
    return { ok: true, itemId: item.id, sequence: item.sequence };
  }

  /** A visible-area shot, never sooner than Chrome's two-a-second limit allows. */
  private async shot(tabId: number, windowId: number): Promise<Blob> {
    const wait = this.lastShotAt + minMsBetweenCaptures - this.browser.now();
    if (wait > 0) await this.browser.sleep(wait);
    this.lastShotAt = this.browser.now();
    return this.browser.captureVisible(tabId, windowId);
  }

  private async fullPage(tabId: number, windowId: number, metrics: PageMetrics): Promise<Blob[]> {
    const shots = planShots(metrics);
    const parts = planImageParts(metrics);
    const captureRect = this.browser.captureRect;
    if (captureRect) {
      // Firefox draws any part of the page: one pass down the page lets lazy images load, then each part is drawn.
      for (const [i, shot] of shots.entries()) {
        ScrolledTo.parse(await this.browser.step(tabId, { step: 'scroll', y: shot.scrollY }));
        await this.browser.step(tabId, { step: 'progress', done: i + 1, total: shots.length + parts.length });
      }
      const images: Blob[] = [];
      await this.browser.step(tabId, { step: 'scroll', y: 0 });
      for (const [i, part] of parts.entries()) {
        await this.browser.step(tabId, { step: 'hide-progress' });
        images.push(await captureRect(tabId, { x: 0, y: part.top, width: part.width, height: part.height }));
        await this.browser.step(tabId, { step: 'progress', done: shots.length + i + 1, total: shots.length + parts.length });
      }
      return images;
    }
    const taken: TakenShot[] = [];
    for (const [i, shot] of shots.entries()) {
      const { scrollY } = ScrolledTo.parse(await this.browser.step(tabId, { step: 'scroll', y: shot.scrollY }));
      taken.push({ shot: { ...shot, scrollY }, image: await this.shot(tabId, windowId) });
      // After the first shot, fixed headers and toolbars would be repeated on every later one.
      if (i === 0) await this.browser.step(tabId, { step: 'hide-fixed' });
      await this.browser.step(tabId, { step: 'progress', done: i + 1, total: shots.length });
    }
    return stitchShots(taken, parts, metrics);
  }
}

function failure(error: unknown): CaptureResult {
  if (error instanceof EvidenceStorageFullError) return { ok: false, reason: 'storage-full', detail: error.message.slice(0, 500) };
  const message = error instanceof Error ? error.message : String(error);
  if (/permission|activeTab|all_urls/i.test(message)) return { ok: false, reason: 'no-permission', detail: message.slice(0, 500) };
  return { ok: false, reason: 'failed', detail: message.slice(0, 500) };
}
