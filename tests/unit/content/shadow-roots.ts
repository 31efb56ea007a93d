/**
 * Records every shadow root attached while a test runs: the marks' root is closed, so a test can
 * only see inside it through the root `attachShadow` returned.
 */
import { vi } from 'vitest';

export function recordShadowRoots(): ShadowRoot[] {
  const roots: ShadowRoot[] = [];
  const attach = Element.prototype.attachShadow;
  vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(function (this: Element, init: ShadowRootInit) {
    const root = attach.call(this, init);
    roots.push(root);
    return root;
  });
  return roots;
}
