/**
 * Colophon's marks on a marketplace page: an outline and a badge on every card that looks like a
 * catalogue entry, or a banner on an item page. They live in one closed shadow root laid over the
 * page, positioned from the cards' boxes: the page's own markup, layout and clicks are untouched
 * (the outlines let clicks through; only the badges take them). Page text is never markup here:
 * every string is set as text.
 */
import { t } from '@/utils/i18n';
import { matchedEntryText, reasonText } from '@/utils/match-reasons';
import type { PageMatch } from './matches-answer';
import { marksStyle } from './marks-style';

export interface MarkedListing {
  listingId: string;
  /** The card to outline; null on an item page, where the whole page is the listing. */
  card: Element | null;
  match: PageMatch;
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const created = document.createElement(tag);
  created.className = className;
  if (text !== undefined) created.textContent = text;
  return created;
}

/** The details shown on hover or click: entry, confidence and reasons, as text. */
function details(match: PageMatch): HTMLElement {
  const box = element('div', 'details');
  box.append(
    element('strong', 'entry', matchedEntryText(match)),
    element('span', 'reasons', match.reasons.map(reasonText).join(' + ')),
  );
  return box;
}

/** Longest Colophon works on the page in one go before letting it run, so that no task of ours holds the page for long. */
const sliceMs = 8;

/** Lets the page run its own tasks before Colophon goes on. */
function yieldToPage(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export class PageMarks {
  private readonly host = document.createElement('colophon-marks');
  private readonly root: ShadowRoot;
  private readonly layer: HTMLElement;
  private marked: MarkedListing[] = [];
  /** Bumped by every show(): a slow show() stops when a newer one started. */
  private generation = 0;
  /** The capture's progress or outcome, bottom right. */
  private readonly status: HTMLElement;
  /** Out of the page while a screenshot is taken: evidence shows the page, not Colophon. */
  private capturing = false;

  /** Called by a mark's or the banner's Report button: the listing (null on an item page). */
  onReport: ((listingId: string | null) => void) | null = null;

  constructor() {
    // `all: initial` keeps page styles from sizing or hiding the host; it takes no room itself.
    this.host.setAttribute('style', 'all: initial; position: absolute; top: 0; left: 0; width: 0; height: 0; z-index: 2147483646;');
    this.root = this.host.attachShadow({ mode: 'closed' });
    const style = document.createElement('style');
    style.textContent = marksStyle;
    this.layer = element('div', 'layer');
    this.status = element('div', 'status');
    this.status.setAttribute('role', 'status');
    this.status.hidden = true;
    this.root.append(style, this.layer, this.status);
  }

  /** Takes Colophon's marks and messages out of the page for a screenshot. */
  hideForCapture(): void {
    this.capturing = true;
    this.host.remove();
  }

  /** Puts them back after the screenshot. */
  showAfterCapture(): void {
    this.capturing = false;
    this.attach();
  }

  /** Shows a capture's progress or outcome (text only), or hides it with null. */
  setStatus(text: string | null, kind: 'progress' | 'stored' | 'failed' = 'progress'): void {
    this.status.hidden = text === null;
    this.status.className = `status ${kind}`;
    this.status.textContent = text ?? '';
    this.attach();
  }

  private attach(): void {
    const needed = this.marked.length > 0 || !this.status.hidden;
    if (this.capturing || !needed) return void this.host.remove();
    if (!this.host.isConnected) document.documentElement.append(this.host);
  }

  /**
   * Shows these marks (and only these), or removes them all for an empty list. A page scrolled
   * through hundreds of cards gets its marks in slices of a few milliseconds, the page running
   * between them; resolves when all are shown, or when a newer show() took over.
   */
  async show(listings: MarkedListing[]): Promise<void> {
    const generation = ++this.generation;
    if (listings.length === 0) {
      this.marked = [];
      this.layer.replaceChildren();
      return this.attach();
    }
    const marks: HTMLElement[] = [];
    let sliceStart = performance.now();
    for (const listing of listings) {
      marks.push(this.mark(listing));
      if (performance.now() - sliceStart < sliceMs) continue;
      await yieldToPage();
      if (generation !== this.generation) return;
      sliceStart = performance.now();
    }
    this.marked = listings;
    this.attach();
    this.layer.replaceChildren(...marks);
    this.place();
  }

  /**
   * Follows the cards after the page's layout changed (resize, late images, new rows). Every box
   * is read before any mark moves: reading after a write would make the browser lay the page out
   * again for each card.
   */
  place(): void {
    const marks = Array.from(this.layer.children) as HTMLElement[];
    const boxes = marks.map((_, index) => {
      const card = this.marked[index]?.card;
      return card ? { connected: card.isConnected, box: card.getBoundingClientRect() } : null;
    });
    const x = scrollX;
    const y = scrollY;
    marks.forEach((mark, index) => {
      const read = boxes[index];
      if (!read) return;
      const { box } = read;
      const hidden = !read.connected || (box.width === 0 && box.height === 0);
      mark.hidden = hidden;
      if (hidden) return;
      mark.style.transform = `translate(${box.left + x}px, ${box.top + y}px)`;
      mark.style.width = `${box.width}px`;
      mark.style.height = `${box.height}px`;
    });
  }

  remove(): void {
    this.generation++;
    this.marked = [];
    this.host.remove();
  }

  private mark({ listingId, card, match }: MarkedListing): HTMLElement {
    const level = match.confidence >= 0.85 ? 'high' : 'medium';
    const mark = element('div', card ? `mark ${level}` : `banner ${level}`);
    mark.dataset.listing = listingId;
    const badge = element('button', 'badge', `Colophon ${Math.round(match.confidence * 100)}%`);
    badge.type = 'button';
    badge.setAttribute('aria-expanded', 'false');
    const shown = details(match);
    shown.hidden = true;
    badge.addEventListener('click', (event) => {
      // The badge sits over a link: the click is Colophon's, not the page's.
      event.preventDefault();
      event.stopPropagation();
      shown.hidden = !shown.hidden;
      badge.setAttribute('aria-expanded', String(!shown.hidden));
    });
    badge.addEventListener('mouseenter', () => (shown.hidden = false));
    badge.addEventListener('mouseleave', () => (shown.hidden = badge.getAttribute('aria-expanded') !== 'true'));
    const report = element('button', 'report', t('markReport'));
    report.type = 'button';
    report.title = t('markReportTitle');
    report.addEventListener('click', (event) => {
      event.preventDefault();
      event.stopPropagation();
      this.onReport?.(card ? listingId : null);
    });
    if (card) mark.append(badge, report, shown);
    else mark.append(element('span', 'banner-text', matchedEntryText(match)), badge, report, shown);
    return mark;
  }
}
