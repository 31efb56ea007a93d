/**
 * The input shield: events aimed at a guarded host (the user's input on Colophon's marks) go to
 * the marks alone; the page's listeners, added after it as the page's scripts are, never see them,
 * so no event property can hand the page what lies inside. Everything else passes untouched.
 *
 * A browser retargets an event from inside a closed shadow root to its host before the event
 * reaches `window`; happy-dom does not, so these tests dispatch at the host, as a listener on
 * `window` sees the event. The hostile-page corpus (tests/e2e/hostile-pages.test.ts) clicks the
 * buttons inside in real Chromium and Firefox.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputShield } from '@/entrypoints/marketplace.content/input-shield';
import { ContentScriptContext } from '@/entrypoints/marketplace.content/script-context';

describe('InputShield', () => {
  let ctx: ContentScriptContext;
  let host: HTMLElement;
  let pageSaw: string[];
  let ours: string[];
  const pageListener = (event: Event) => pageSaw.push(`${event.type}@${(event.target as Element).localName}`);
  const types = ['pointerdown', 'mouseover', 'mouseout', 'pointerout', 'mousedown', 'click', 'focusin', 'keydown', 'wheel', 'copy'];

  beforeEach(() => {
    pageSaw = [];
    ours = [];
    ctx = new ContentScriptContext();
    const shield = new InputShield(ctx);
    // The page's listeners come after the shield's, on window, on the document and on the host itself.
    for (const type of types) {
      window.addEventListener(type, pageListener, true);
      document.addEventListener(type, pageListener, true);
    }
    host = document.createElement('div');
    host.attachShadow({ mode: 'closed' }).append(document.createElement('button'));
    document.documentElement.append(host);
    for (const type of types) host.addEventListener(type, pageListener);
    shield.guard(host, (event) => ours.push(event.type));
  });

  afterEach(() => {
    ctx.notifyInvalidated();
    host.remove();
    for (const type of types) {
      window.removeEventListener(type, pageListener, true);
      document.removeEventListener(type, pageListener, true);
    }
  });

  it('hands every event aimed at the guarded host to the marks alone', () => {
    for (const type of types) host.dispatchEvent(new Event(type, { bubbles: true, composed: true }));
    expect(pageSaw).toEqual([]);
    expect(ours).toEqual(types);
  });

  it('keeps from the page the "out" events of its elements left for a mark, and no others', () => {
    const link = document.createElement('a');
    document.body.append(link);
    link.dispatchEvent(new MouseEvent('mouseout', { bubbles: true, relatedTarget: host }));
    link.dispatchEvent(new PointerEvent('pointerout', { bubbles: true, relatedTarget: host }));
    expect(pageSaw).toEqual([]);
    link.dispatchEvent(new MouseEvent('mouseover', { bubbles: true, relatedTarget: host }));
    link.dispatchEvent(new MouseEvent('mouseout', { bubbles: true, relatedTarget: document.body }));
    link.remove();
    expect(pageSaw).toEqual(['mouseover@a', 'mouseover@a', 'mouseout@a', 'mouseout@a']);
    expect(ours).toEqual([]);
  });

  it("lets the page's own events through untouched", () => {
    const link = document.createElement('a');
    document.body.append(link);
    link.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    link.remove();
    expect(pageSaw).toEqual(['click@a', 'click@a']);
    expect(ours).toEqual([]);
  });

  it('stops guarding when the script ends', () => {
    ctx.notifyInvalidated();
    host.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    expect(ours).toEqual([]);
    expect(pageSaw).toEqual(['click@div', 'click@div', 'click@div']);
  });
});
