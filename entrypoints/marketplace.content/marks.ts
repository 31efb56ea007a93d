/**
 * Colophon's marks on a marketplace page: an outline and a badge on every card that looks like a
 * catalogue entry, or a banner on an item page. They live in one closed shadow root laid over the
 * page, positioned from the cards' boxes: the page's own markup, layout and clicks are untouched
 * (the outlines let clicks through; only the badges take them). Page text is never markup here:
 * every string is set as text.
 */
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

/** Longest Colophon works on the page in one go before letting it run (issue #3: no task over 50 ms). */
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

  constructor() {
    // `all: initial` keeps page styles from sizing or hiding the host; it takes no room itself.
    this.host.setAttribute('style', 'all: initial; position: absolute; top: 0; left: 0; width: 0; height: 0; z-index: 2147483646;');
    this.root = this.host.attachShadow({ mode: 'closed' });
    const style = document.createElement('style');
    style.textContent = marksStyle;
    this.layer = element('div', 'layer');
    this.root.append(style, this.layer);
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
      return this.host.remove();
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
    if (!this.host.isConnected) document.documentElement.append(this.host);
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
    if (card) mark.append(badge, shown);
    else mark.append(element('span', 'banner-text', matchedEntryText(match)), badge, shown);
    return mark;
  }
}
