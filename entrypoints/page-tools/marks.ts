/**
 * Colophon's marks on a marketplace page: an outline and a badge on every card that looks like a
 * catalogue entry, or a banner on an item page. They live in one closed shadow root laid over the
 * page, positioned from the cards' boxes: the page's own markup, layout and clicks are untouched
 * (the outlines let clicks through; only the badges take them). Page text is never markup here.
 *
 * The page must not reach, read or stop them. Their host is a plain `div`, which no page can
 * upgrade: a custom element name would let a page that defines it first construct our host with
 * its own class (and read the shadow root through `attachInternals()`) or forbid shadow roots on
 * it. The host is made only when there is something to show, so a page learns nothing of Colophon
 * before a mark appears. Every word the marks show is drawn by their style sheet from an
 * attribute (`content: attr(data-text)`), never held in a text node: `window.find` and the
 * selection it leaves, which search and read shadow trees as the user sees them, find nothing of
 * ours. Input on the host never reaches the page (input-shield.ts), and buttons act only on what
 * the user did (`isTrusted`), never on a page's synthetic clicks. If the marks fail anyway, they
 * switch themselves off: recognition and reporting go on without them.
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

/** Sends every event aimed at the host to the marks alone (InputShield.guard). */
export type GuardInput = (host: Element, handler: (event: Event) => void) => void;

/** An element of the marks; its words, if any, go to `data-text`, for the style sheet to draw. */
function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const created = document.createElement(tag);
  created.className = className;
  if (text !== undefined) created.dataset.text = text;
  return created;
}

/** The details shown on hover or click: entry, confidence and reasons, as text. */
function details(match: PageMatch): HTMLElement {
  const box = element('div', 'details');
  box.setAttribute('role', 'tooltip');
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

/** The host, its closed shadow root and what it holds: made the first time something is shown. */
interface Layer {
  host: HTMLElement;
  root: ShadowRoot;
  marks: HTMLElement;
  /** The capture's progress or outcome, bottom right. */
  status: HTMLElement;
}

function createLayer(guard: GuardInput, onInput: (event: Event) => void): Layer {
  const host = document.createElement('div');
  // `all: initial` keeps page styles from sizing or hiding the host; it takes no room itself.
  host.setAttribute('style', 'all: initial; position: absolute; top: 0; left: 0; width: 0; height: 0; z-index: 2147483646;');
  const root = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = marksStyle;
  const marks = element('div', 'layer');
  const status = element('div', 'status');
  status.setAttribute('role', 'status');
  status.hidden = true;
  root.append(style, marks, status);
  guard(host, onInput);
  return { host, root, marks, status };
}

export class PageMarks {
  private built: Layer | null = null;
  /** Set when the marks failed: Colophon goes on without them. */
  private broken = false;
  private marked: MarkedListing[] = [];
  /** Bumped by every show(): a slow show() stops when a newer one started. */
  private generation = 0;
  /** Out of the page while a screenshot is taken: evidence shows the page, not Colophon. */
  private capturing = false;

  /** What each button does when the user clicks it. */
  private readonly actions = new WeakMap<Element, () => void>();

  /** Called by a mark's or the banner's Report button: the listing (null on an item page). */
  onReport: ((listingId: string | null) => void) | null = null;

  constructor(private readonly guard: GuardInput) {}

  /** The layer, made on first use; null once the marks have failed. */
  private layer(): Layer | null {
    if (this.broken) return null;
    try {
      return (this.built ??= createLayer(this.guard, (event) => this.onInput(event)));
    } catch (error) {
      this.fail(error);
      return null;
    }
  }

  private fail(error: unknown): void {
    this.broken = true;
    this.built?.host.remove();
    console.debug('Colophon: marks switched off', error);
  }

  /** Takes Colophon's marks and messages out of the page for a screenshot. */
  hideForCapture(): void {
    this.capturing = true;
    this.built?.host.remove();
  }

  /** Puts them back after the screenshot. */
  showAfterCapture(): void {
    this.capturing = false;
    this.attach();
  }

  /** Shows a capture's progress or outcome (text only), or hides it with null. */
  setStatus(text: string | null, kind: 'progress' | 'stored' | 'failed' = 'progress'): void {
    if (text === null && !this.built) return;
    const layer = this.layer();
    if (!layer) return;
    layer.status.hidden = text === null;
    layer.status.className = `status ${kind}`;
    layer.status.dataset.text = text ?? '';
    this.attach();
  }

  private attach(): void {
    const layer = this.built;
    if (!layer) return;
    const needed = this.marked.length > 0 || !layer.status.hidden;
    if (this.capturing || !needed) return void layer.host.remove();
    if (!layer.host.isConnected) document.documentElement.append(layer.host);
  }

  /**
   * Shows these marks (and only these), or removes them all for an empty list. A page scrolled
   * through hundreds of cards gets its marks in slices of a few milliseconds, the page running
   * between them; resolves when all are shown, or when a newer show() took over.
   */
  async show(listings: MarkedListing[]): Promise<void> {
    try {
      await this.showNow(listings);
    } catch (error) {
      this.fail(error);
    }
  }

  private async showNow(listings: MarkedListing[]): Promise<void> {
    const generation = ++this.generation;
    if (listings.length === 0) {
      this.marked = [];
      this.built?.marks.replaceChildren();
      return this.attach();
    }
    const layer = this.layer();
    if (!layer) return;
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
    layer.marks.replaceChildren(...marks);
    this.place();
  }

  /**
   * Follows the cards after the page's layout changed (resize, late images, new rows). Every box
   * is read before any mark moves: reading after a write would make the browser lay the page out
   * again for each card.
   */
  place(): void {
    if (!this.built || this.broken) return;
    const marks = Array.from(this.built.marks.children) as HTMLElement[];
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
    this.built?.host.remove();
  }

  /**
   * The user's input on the marks, stopped before the page saw it: a click acts on the button
   * under the pointer, or on the focused one when the keyboard clicked (no pointer, `detail` 0).
   * The page's synthetic clicks do nothing.
   */
  private onInput(event: Event): void {
    if (event.type !== 'click' || !event.isTrusted || !this.built) return;
    const click = event as MouseEvent;
    const { root } = this.built;
    const target = click.detail === 0 ? root.activeElement : root.elementFromPoint(click.clientX, click.clientY);
    const button = target?.closest('button');
    if (button) this.actions.get(button)?.();
  }

  private mark({ listingId, card, match }: MarkedListing): HTMLElement {
    const level = match.confidence >= 0.85 ? 'high' : 'medium';
    const mark = element('div', card ? `mark ${level}` : `banner ${level}`);
    mark.dataset.listing = listingId;
    const badge = element('button', 'badge', `Colophon ${Math.round(match.confidence * 100)}%`);
    badge.type = 'button';
    badge.setAttribute('aria-expanded', 'false');
    // Shown while the badge is hovered or focused (the style sheet), and kept open by a click.
    const shown = details(match);
    this.actions.set(badge, () => badge.setAttribute('aria-expanded', String(shown.classList.toggle('open'))));
    const report = element('button', 'report', t('markReport'));
    report.type = 'button';
    report.title = t('markReportTitle');
    // A capture starts only from the user's own click, never from one a page synthesised.
    this.actions.set(report, () => this.onReport?.(card ? listingId : null));
    if (card) mark.append(badge, report, shown);
    else mark.append(element('span', 'banner-text', matchedEntryText(match)), badge, report, shown);
    return mark;
  }
}
