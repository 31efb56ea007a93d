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

  afterEach(() => document.documentElement.querySelectorAll('colophon-marks').forEach((host) => host.remove()));

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
    expect(document.querySelector('colophon-marks')).toBeNull();
  });
});
