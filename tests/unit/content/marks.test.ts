/**
 * The marks on the page: every mark is built from text (page text never becomes markup), a page
 * of hundreds of matched cards is marked in slices with the page running between them, and a
 * newer set of marks replaces an older one still being built.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { PageMarks, type MarkedListing } from '@/entrypoints/marketplace.content/marks';
import { englishMessage } from '../options/page';

let roots: ShadowRoot[] = [];

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
    roots = [];
    const attach = Element.prototype.attachShadow;
    vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(function (this: Element, init: ShadowRootInit) {
      const root = attach.call(this, init);
      roots.push(root);
      return root;
    });
    document.body.replaceChildren();
    vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(englishMessage as typeof fakeBrowser.i18n.getMessage);
  });

  afterEach(() => {
    for (const root of roots) root.host.remove();
    vi.restoreAllMocks();
  });

  it('marks every matched card, in a closed shadow root, with page text as text', async () => {
    const marks = new PageMarks();
    await marks.show(cards(3, '<img src=x onerror="alert(1)">Statistics'));
    expect(Element.prototype.attachShadow).toHaveBeenCalledWith({ mode: 'closed' });
    expect(marksShown()).toHaveLength(3);
    expect(roots[0]!.querySelector('img')).toBeNull();
    expect(roots[0]!.textContent).toContain('<img src=x onerror="alert(1)">Statistics');
  });

  it('builds hundreds of marks in slices, letting the page run between them', async () => {
    // A slow machine: every clock reading is 3 ms later than the one before.
    let now = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => (now += 3));
    const timeout = vi.spyOn(globalThis, 'setTimeout');
    const marks = new PageMarks();
    await marks.show(cards(400));
    expect(marksShown()).toHaveLength(400);
    expect(timeout.mock.calls.length).toBeGreaterThan(100);
  });

  it('lets a newer set of marks replace one still being built', async () => {
    let now = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => (now += 3));
    const marks = new PageMarks();
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
    document.body.replaceChildren();
    vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(englishMessage as typeof fakeBrowser.i18n.getMessage);
  });

  afterEach(() => {
    for (const root of roots) root.host.remove();
    vi.restoreAllMocks();
  });

  function recordRoots(): void {
    const attach = Element.prototype.attachShadow;
    vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(function (this: Element, init: ShadowRootInit) {
      const root = attach.call(this, init);
      roots.push(root);
      return root;
    });
  }

  it('adds nothing to the page until there is something to show', async () => {
    const seen: MutationRecord[] = [];
    const observer = new MutationObserver((records) => seen.push(...records));
    observer.observe(document.documentElement, { childList: true, subtree: true, attributes: true });
    const marks = new PageMarks();
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
    recordRoots();
    const marks = new PageMarks();
    await marks.show(cards(2));
    expect(roots).toHaveLength(1);
    expect(roots[0]!.host.localName).toBe('div');
    expect(roots[0]!.host.parentElement).toBe(document.documentElement);
    expect(marksShown()).toHaveLength(2);
  });

  it('starts no capture on a click the page synthesised', async () => {
    recordRoots();
    const marks = new PageMarks();
    const reported: (string | null)[] = [];
    marks.onReport = (listingId) => reported.push(listingId);
    await marks.show(cards(1));
    const report = roots[0]!.querySelector<HTMLButtonElement>('button.report')!;
    report.click();
    report.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(reported).toEqual([]);
    // The same button answers the user's own click.
    const trusted = new MouseEvent('click', { bubbles: true });
    Object.defineProperty(trusted, 'isTrusted', { value: true });
    report.dispatchEvent(trusted);
    expect(reported).toEqual(['0']);
  });

  it('switches itself off when the shadow root cannot be made, leaving nothing behind and throwing nothing', async () => {
    vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(() => {
      throw new DOMException('Shadow roots are disabled', 'NotSupportedError');
    });
    vi.spyOn(console, 'debug').mockImplementation(() => undefined);
    const before = document.documentElement.children.length;
    const marks = new PageMarks();
    await expect(marks.show(cards(2))).resolves.toBeUndefined();
    marks.setStatus('Capturing…');
    marks.place();
    await expect(marks.show(cards(1))).resolves.toBeUndefined();
    expect(document.documentElement.children.length).toBe(before);
  });
});
