/**
 * The page's part of a capture (utils/capture-steps.ts): the background takes the screenshots and
 * stores the evidence; this script brings the listing into view, scrolls for the full-page shots,
 * hides the page's fixed headers after the first shot (so the stitched page shows them once),
 * keeps Colophon's own marks out of every shot, hands over the HTML, and puts the page back.
 */
import { t } from '@/utils/i18n';
import { CaptureStep, maxSnapshotChars, type PageFacts } from '@/utils/capture-steps';
import { listingCards } from '@/utils/sites/listing-cards';
import type { PageMarks } from './marks';

/** Longest a shot waits for the images it shows to arrive (lazy-loaded pictures). */
const imageWaitMs = 800;
/** Elements examined per slice when looking for fixed headers, so no task is long. */
const sliceSize = 400;

const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Waits until the images in view have loaded (or failed), for at most `imageWaitMs`. */
async function imagesInView(): Promise<void> {
  const pending = Array.from(document.images).filter((image) => {
    if (image.complete) return false;
    const box = image.getBoundingClientRect();
    return box.bottom > 0 && box.top < innerHeight;
  });
  if (pending.length === 0) return;
  const settled = (image: HTMLImageElement) =>
    new Promise<void>((resolve) => {
      image.addEventListener('load', () => resolve(), { once: true });
      image.addEventListener('error', () => resolve(), { once: true });
    });
  const loaded = Promise.all(pending.map(settled));
  await Promise.race([loaded, pause(imageWaitMs)]);
}

export class PageCapture {
  private savedScroll: { x: number; y: number } | null = null;
  private hidden: Array<{ element: HTMLElement; visibility: string; priority: string }> = [];

  constructor(private readonly marks: PageMarks) {}

  /** Answers one step; unknown or malformed messages get nothing. */
  async handle(raw: unknown): Promise<unknown> {
    const parsed = CaptureStep.safeParse(raw);
    if (!parsed.success) return undefined;
    const step = parsed.data;
    switch (step.step) {
      case 'begin':
        return this.begin(step.listingId);
      case 'scroll':
        this.marks.hideForCapture();
        scrollTo({ left: 0, top: step.y, behavior: 'instant' });
        await frame();
        await imagesInView();
        await frame();
        return { scrollY: Math.max(0, scrollY) };
      case 'hide-progress':
        this.marks.hideForCapture();
        await frame();
        await frame();
        return { ok: true };
      case 'progress':
        this.marks.showAfterCapture();
        this.marks.setStatus(t('captureProgress', String(step.done), String(step.total)));
        return { ok: true };
      case 'hide-fixed':
        await this.hideFixed();
        return { ok: true };
      case 'snapshot':
        return { html: this.snapshot() };
      case 'end':
        this.restore();
        this.marks.setStatus(step.message, step.stored ? 'stored' : 'failed');
        setTimeout(() => this.marks.setStatus(null), 6000);
        return { ok: true };
    }
  }

  private async begin(listingId: string | null): Promise<PageFacts> {
    this.savedScroll ??= { x: scrollX, y: scrollY };
    this.marks.hideForCapture();
    const card = listingId ? listingCards(document, location.href).get(listingId) : null;
    // A search-page capture shows its card in the middle of the visible shot.
    if (card) card.scrollIntoView({ block: 'center', behavior: 'instant' });
    await frame();
    await imagesInView();
    await frame();
    const root = document.documentElement;
    return {
      url: location.href,
      scrollWidth: Math.max(root.scrollWidth, document.body?.scrollWidth ?? 0),
      scrollHeight: Math.max(root.scrollHeight, document.body?.scrollHeight ?? 0),
      viewportWidth: root.clientWidth || innerWidth,
      viewportHeight: root.clientHeight || innerHeight,
      devicePixelRatio,
      language: root.lang.trim() || null,
    };
  }

  /** Fixed and sticky elements, found a slice at a time (a page can hold tens of thousands of elements). */
  private async hideFixed(): Promise<void> {
    const all = document.body ? document.body.getElementsByTagName('*') : [];
    for (let start = 0; start < all.length; start += sliceSize) {
      const found: HTMLElement[] = [];
      for (let i = start; i < Math.min(all.length, start + sliceSize); i++) {
        const element = all[i];
        if (!(element instanceof HTMLElement)) continue;
        const position = getComputedStyle(element).position;
        if (position === 'fixed' || position === 'sticky') found.push(element);
      }
      for (const element of found) {
        this.hidden.push({ element, visibility: element.style.getPropertyValue('visibility'), priority: element.style.getPropertyPriority('visibility') });
        element.style.setProperty('visibility', 'hidden', 'important');
      }
      await pause(0);
    }
    await frame();
  }

  /**
   * The page's HTML as it is now, Colophon's marks left out (they are out of the page during
   * capture); empty for a page too large to send, which is then captured without it.
   */
  private snapshot(): string {
    const doctype = document.doctype ? `<!DOCTYPE ${document.doctype.name}>\n` : '';
    const html = doctype + document.documentElement.outerHTML;
    return html.length <= maxSnapshotChars ? html : '';
  }

  private restore(): void {
    for (const { element, visibility, priority } of this.hidden) {
      if (visibility) element.style.setProperty('visibility', visibility, priority);
      else element.style.removeProperty('visibility');
    }
    this.hidden = [];
    if (this.savedScroll) scrollTo({ left: this.savedScroll.x, top: this.savedScroll.y, behavior: 'instant' });
    this.savedScroll = null;
    this.marks.showAfterCapture();
  }
}
