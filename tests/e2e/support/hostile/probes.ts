/**
 * Everything a page can do to read what Colophon draws: the text it can get at (innerText,
 * textContent, markup with serialisable shadow roots, a select-all), window.find and the selection
 * it leaves, hit testing and caret positions at every point of the page, animations, the focused
 * element, and the targets and paths of the events the user's own input sends through the page.
 * Every shadow root reached this way is noted with how it was reached.
 *
 * Runs in the page (stringified by attack-script.ts): no imports, nothing from outside its body.
 */
import type { WordCounts } from './attack-types';
import type { AttackState } from './recorder';

export function installProbes(A: AttackState): void {
  const { native, config } = A;
  const rootOf = (node: unknown): ShadowRoot | null => {
    if (!(node instanceof Node)) return null;
    const root = node.getRootNode();
    return root instanceof ShadowRoot ? root : null;
  };
  const note = (node: unknown, via: string) => {
    const root = rootOf(node);
    if (root) A.noteShadow(root, via);
  };
  const count = (text: string | null | undefined, into: Record<string, number>) => {
    if (!text) return;
    for (const word of config.words) {
      let found = 0;
      for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length)) found++;
      if (found) into[word] = (into[word] ?? 0) + found;
    }
  };

  const readText = () => {
    const counts: WordCounts = {};
    const html = document.documentElement;
    const read = (channel: string, text: () => string | null | undefined) => {
      try {
        count(text(), (counts[channel] = {}));
      } catch (error) {
        A.findings.errors.push(`${channel}: ${String(error)}`);
      }
    };
    read('innerText', () => html.innerText);
    read('textContent', () => native.textContent(html));
    read('outerHTML', () => html.outerHTML);
    read('getHTML', () => (html as Element & { getHTML?(options: object): string }).getHTML?.({ serializableShadowRoots: true }));
    read('selectAll', () => {
      const selection = getSelection()!;
      selection.selectAllChildren(html);
      const text = selection.toString();
      selection.removeAllRanges();
      return text;
    });
    read('title', () => document.title);
    return counts;
  };

  // window.find searches what the page renders, shadow trees included; the selection it leaves
  // can then be extended past the word found. A hit in Colophon's marks shows as a selection
  // inside a shadow root (Firefox) or at the shadow host, outside any text (Chromium); each
  // search reads the whole page, so the marks' own three words are where it starts.
  const find = () => {
    const hits: Array<{ word: string; text: string; inShadow: boolean }> = [];
    const selection = getSelection()!;
    const search = (window as unknown as { find(text: string, caseSensitive: boolean, backwards: boolean, wrap: boolean): boolean }).find;
    for (const word of config.words.slice(0, 3)) {
      selection.removeAllRanges();
      for (let tries = 0; tries < 10 && search.call(window, word, true, false, false); tries++) {
        const inShadow = rootOf(selection.anchorNode) !== null;
        const hit = selection.rangeCount ? selection.getRangeAt(0).cloneRange() : null;
        if (inShadow || !(hit?.startContainer instanceof Text)) {
          note(selection.anchorNode, 'window.find');
          for (let i = 0; i < 6; i++) selection.modify('extend', 'forward', 'word');
          hits.push({ word, text: selection.toString().slice(0, 300), inShadow });
          break;
        }
        // The page's own text: search on past it.
        selection.removeAllRanges();
        hit.collapse(false);
        selection.addRange(hit);
      }
    }
    selection.removeAllRanges();
    return hits;
  };

  // With nothing added by anyone else, nothing of Colophon's is in the page to be read.
  A.probe.read = () => {
    const ours = A.foreign.filter((element) => element.isConnected);
    if (ours.length === 0) return;
    const [x, y] = [scrollX, scrollY];
    A.findings.text.withOurs = readText();
    A.findings.find.hits = find();
    const places = ours.map((element) => [element, element.parentNode!, element.nextSibling] as const);
    for (const [element] of places) element.remove();
    try {
      A.findings.text.withoutOurs = readText();
    } finally {
      for (const [element, parent, next] of places) parent.insertBefore(element, next);
      scrollTo(x, y);
    }
  };

  A.probe.shadows = () => {
    const ours = A.foreign.filter((element) => element.isConnected);
    for (const element of ours) if (element.shadowRoot) A.noteShadow(element.shadowRoot, 'element.shadowRoot');
    note(document.activeElement, 'document.activeElement');
    const selection = getSelection();
    note(selection?.anchorNode, 'selection');
    note(selection?.focusNode, 'selection');
    for (const animation of document.getAnimations()) note((animation.effect as KeyframeEffect | null)?.target, 'document.getAnimations');
    // Hit testing over the whole page, a screen at a time, and wherever something not the page's
    // is hit, everything under that point and the caret position there.
    if (ours.length === 0) return;
    const [x, y] = [scrollX, scrollY];
    const width = visualViewport?.width ?? innerWidth;
    const height = visualViewport?.height ?? innerHeight;
    const screens = Math.min(3, Math.ceil(document.documentElement.scrollHeight / height));
    const caretPosition = (document as Document & { caretPositionFromPoint?(x: number, y: number): { offsetNode: Node } | null }).caretPositionFromPoint;
    const caretRange = (document as Document & { caretRangeFromPoint?(x: number, y: number): Range | null }).caretRangeFromPoint;
    for (let screen = 0; screen < screens; screen++) {
      scrollTo(0, screen * height);
      for (let px = 8; px < width; px += 32) {
        for (let py = 8; py < height; py += 32) {
          const hit = native.elementFromPoint.call(document, px, py);
          note(hit, 'elementFromPoint');
          if (!hit || !ours.includes(hit)) continue;
          for (const element of native.elementsFromPoint.call(document, px, py)) note(element, 'elementsFromPoint');
          note(caretPosition?.call(document, px, py)?.offsetNode, 'caretPositionFromPoint');
          note(caretRange?.call(document, px, py)?.startContainer, 'caretRangeFromPoint');
        }
      }
    }
    scrollTo(x, y);
  };

  // The user's own input passes through the page on its way to Colophon's buttons: what do its
  // events tell the page? (Firefox's originalTarget and explicitOriginalTarget are not retargeted.)
  const inspect = (event: Event) => {
    const seen = event as Event & { originalTarget?: unknown; explicitOriginalTarget?: unknown; relatedTarget?: unknown };
    note(seen.target, 'event.target');
    note(seen.relatedTarget, 'event.relatedTarget');
    note(seen.originalTarget, `event.originalTarget (${event.type})`);
    note(seen.explicitOriginalTarget, `event.explicitOriginalTarget (${event.type})`);
    for (const node of event.composedPath()) note(node, 'event.composedPath');
  };
  for (const type of ['pointerover', 'pointerdown', 'pointerup', 'mouseover', 'mouseout', 'mousedown', 'mouseup', 'click', 'focusin', 'focusout', 'keydown', 'keyup', 'input', 'selectionchange', 'selectstart', 'copy', 'dragstart']) {
    native.addEventListener.call(window, type, (event) => event.isTrusted && inspect(event), true);
  }
}
