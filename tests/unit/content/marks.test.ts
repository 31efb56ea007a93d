/**
 * The marks on the page: every mark is built from text (page text never becomes markup), a page
 * of hundreds of matched cards is marked in slices with the page running between them, and a
 * newer set of marks replaces an older one still being built.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { PageMarks, type MarkedListing } from '@/entrypoints/page-tools/marks';
import { englishMessage } from '../options/page';
import { recordShadowRoots } from './shadow-roots';

let roots: ShadowRoot[] = [];
/** The input the shield would hand the marks, by host. */
let guarded = new Map<Element, (event: Event) => void>();
const guard = (host: Element, handler: (event: Event) => void) => void guarded.set(host, handler);

function cards(count: number, title = 'Fundamentals of Power Electronics'): MarkedListing[] {
  return Array.from({ length: count }, (_, i) => {
    const card = document.createElement('div');
    document.body.append(card);
    return {
      listingId: String(i),
      card,
      match: { listingId: String(i), entryId: `e${i}`, title, confidence: 0.9, reasons: [{ kind: 'title' as const, title, language: 'und' }] },
    };
  });
}

const marksShown = () => roots.at(-1)!.querySelectorAll('.mark, .banner');

describe('PageMarks', () => {
  beforeEach(() => {
    roots = recordShadowRoots();
    guarded = new Map();
    document.body.replaceChildren();
    vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(englishMessage as typeof fakeBrowser.i18n.getMessage);
  });

  afterEach(() => {
    for (const root of roots) root.host.remove();
    vi.restoreAllMocks();
  });

  it('marks every matched card, in a closed shadow root, with page text as text', async () => {
    const marks = new PageMarks(guard);
    await marks.show(cards(3, '<img src=x onerror="alert(1)">Statistics'));
    expect(Element.prototype.attachShadow).toHaveBeenCalledWith({ mode: 'closed' });
    expect(marksShown()).toHaveLength(3);
    expect(roots[0]!.querySelector('img')).toBeNull();
    const shown = Array.from(roots[0]!.querySelectorAll<HTMLElement>('[data-text]'), (element) => element.dataset.text);
    expect(shown).toContain('Looks like “<img src=x onerror="alert(1)">Statistics” (90%)');
  });

  it('holds no text a search of the page could find: every word is drawn from an attribute', async () => {
    const marks = new PageMarks(guard);
    await marks.show(cards(2));
    marks.setStatus('Capturing…');
    const texts = document.createTreeWalker(roots[0]!, NodeFilter.SHOW_TEXT);
    const found: string[] = [];
    while (texts.nextNode()) if (texts.currentNode.parentElement?.localName !== 'style') found.push(texts.currentNode.textContent!);
    expect(found).toEqual([]);
    expect(roots[0]!.querySelectorAll('[data-text]').length).toBeGreaterThan(6);
  });

  it('builds hundreds of marks in slices, letting the page run between them', async () => {
    // A slow machine: every clock reading is 3 ms later than the one before.
    let now = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => (now += 3));
    const timeout = vi.spyOn(globalThis, 'setTimeout');
    const marks = new PageMarks(guard);
    await marks.show(cards(400));
    expect(marksShown()).toHaveLength(400);
    expect(timeout.mock.calls.length).toBeGreaterThan(100);
  });

  it('lets a newer set of marks replace one still being built', async () => {
    let now = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => (now += 3));
    const marks = new PageMarks(guard);
    const older = marks.show(cards(400));
    await marks.show(cards(2));
    await older;
    expect(marksShown()).toHaveLength(2);
    await marks.show([]);
    expect(roots.at(-1)!.host.isConnected).toBe(false);
  });
});

describe('PageMarks on a hostile page', () => {
  beforeEach(() => {
    roots = [];
    guarded = new Map();
    document.body.replaceChildren();
    vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(englishMessage as typeof fakeBrowser.i18n.getMessage);
  });

  afterEach(() => {
    for (const root of roots) root.host.remove();
    vi.restoreAllMocks();
  });

  it('adds nothing to the page until there is something to show', async () => {
    const seen: MutationRecord[] = [];
    const observer = new MutationObserver((records) => seen.push(...records));
    observer.observe(document.documentElement, { childList: true, subtree: true, attributes: true });
    const marks = new PageMarks(guard);
    await marks.show([]);
    marks.setStatus(null);
    marks.place();
    marks.remove();
    await Promise.resolve();
    observer.disconnect();
    expect(seen.filter((record) => record.target === document.documentElement)).toEqual([]);
  });

  it('hosts its shadow root on a plain element, which a page defining custom elements cannot take over', async () => {
    // The page's own element classes, with shadow roots forbidden, under the names a host might take.
    for (const name of ['colophon-marks', 'colophon-host', 'x-colophon']) {
      customElements.define(name, class extends HTMLElement {
        static disabledFeatures = ['shadow'];
      });
    }
    roots = recordShadowRoots();
    const marks = new PageMarks(guard);
    await marks.show(cards(2));
    expect(roots).toHaveLength(1);
    expect(roots[0]!.host.localName).toBe('div');
    expect(roots[0]!.host.parentElement).toBe(document.documentElement);
    expect(marksShown()).toHaveLength(2);
  });

  it('starts no capture on a click the page synthesised, and one on the user\'s own click on Report', async () => {
    roots = recordShadowRoots();
    const marks = new PageMarks(guard);
    const reported: (string | null)[] = [];
    marks.onReport = (listingId) => reported.push(listingId);
    await marks.show(cards(1));
    const root = roots[0]!;
    const report = root.querySelector<HTMLButtonElement>('button.report')!;
    const badge = root.querySelector<HTMLButtonElement>('button.badge')!;
    const input = guarded.get(root.host)!;
    // The shield hands the marks every event aimed at their host; the button is the one under the pointer.
    let under: Element = report;
    root.elementFromPoint = () => under;
    report.click();
    input(new MouseEvent('click', { detail: 1, clientX: 5, clientY: 5 }));
    expect(reported).toEqual([]);
    const trusted = (init: MouseEventInit) => {
      const event = new MouseEvent('click', init);
      Object.defineProperty(event, 'isTrusted', { value: true });
      return event;
    };
    input(trusted({ detail: 1, clientX: 5, clientY: 5 }));
    expect(reported).toEqual(['0']);
    // A click on the badge opens its details and keeps them open; the keyboard clicks the focused button.
    under = badge;
    input(trusted({ detail: 1 }));
    expect(badge.getAttribute('aria-expanded')).toBe('true');
    expect(root.querySelector('.details')!.classList.contains('open')).toBe(true);
    report.focus();
    input(trusted({ detail: 0 }));
    expect(reported).toEqual(['0', '0']);
  });

  it('switches itself off when the shadow root cannot be made, leaving nothing behind and throwing nothing', async () => {
    vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(() => {
      throw new DOMException('Shadow roots are disabled', 'NotSupportedError');
    });
    vi.spyOn(console, 'debug').mockImplementation(() => undefined);
    const before = document.documentElement.children.length;
    const marks = new PageMarks(guard);
    await expect(marks.show(cards(2))).resolves.toBeUndefined();
    marks.setStatus('Capturing…');
    marks.place();
    await expect(marks.show(cards(1))).resolves.toBeUndefined();
    expect(document.documentElement.children.length).toBe(before);
  });
});
