/**
 * A page that changes the platform under Colophon's feet. Custom elements: the names a page might
 * guess for Colophon's host, defined first with shadow roots disabled and `attachInternals()` in
 * their constructor (which hands a page the shadow root of an element it upgrades, closed or not).
 * Spy: the page's functions that a content script could be tempted to use (timers, observers,
 * messaging, events, shadow roots, DOM reads, JSON) wrapped to count every call the attack did not
 * make. Sabotage: the same functions replaced by ones that do nothing, throw or lie.
 *
 * Runs in the page (stringified by attack-script.ts): no imports, nothing from outside its body.
 */
import type { AttackState } from './recorder';

export function installPatches(A: AttackState): void {
  const { config, findings } = A;

  if (config.customElements) {
    const constructed: Array<{ name: string; internals: ElementInternals }> = [];
    const names = ['colophon-marks', 'colophon-mark', 'colophon-layer', 'colophon-overlay', 'colophon-root', 'colophon-ui', 'colophon-badge', 'marketplace-ui', 'wxt-shadow-root', 'wxt-ui', 'extension-overlay'];
    for (const name of names) {
      const Hostile = class extends HTMLElement {
        constructor() {
          super();
          constructed.push({ name, internals: this.attachInternals() });
        }
      };
      (Hostile as unknown as { disabledFeatures: string[] }).disabledFeatures = ['shadow'];
      A.native.define.call(customElements, name, Hostile);
    }
    // A customised built-in: only `<div is="…">` would be upgraded, never a plain div.
    const Div = class extends HTMLDivElement {
      constructor() {
        super();
        constructed.push({ name: 'colophon-div', internals: undefined as unknown as ElementInternals });
      }
    };
    A.native.define.call(customElements, 'colophon-div', Div, { extends: 'div' });
    const shadows = A.probe.shadows;
    A.probe.shadows = () => {
      shadows();
      findings.internals = constructed.map(({ name, internals }) => {
        const root = internals?.shadowRoot ?? null;
        if (root) A.noteShadow(root, `attachInternals (${name})`);
        return { name, shadowRoot: root !== null };
      });
    };
  }

  if (config.patches === 'none') return;
  const sabotage = config.patches === 'sabotage';
  const counted = (name: string) => {
    if (A.busy === 0) findings.foreignCalls[name] = (findings.foreignCalls[name] ?? 0) + 1;
  };

  const broken: Record<string, (...args: unknown[]) => unknown> = {
    setTimeout: () => 0,
    setInterval: () => 0,
    requestIdleCallback: () => 0,
    requestAnimationFrame: () => 0,
    postMessage: () => undefined,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    dispatchEvent: () => true,
    attachShadow: () => {
      throw new DOMException('shadow roots are not allowed here', 'NotSupportedError');
    },
    append: () => undefined,
    appendChild: (node) => node,
    insertBefore: (node) => node,
    setAttribute: () => undefined,
    getBoundingClientRect: () => new DOMRect(),
    querySelector: () => null,
    querySelectorAll: () => [],
    closest: () => null,
    pushState: () => undefined,
    attachInternals: () => {
      throw new DOMException('no internals', 'NotSupportedError');
    },
  };
  const functions: Array<[object, string]> = [
    [window, 'setTimeout'], [window, 'setInterval'], [window, 'requestIdleCallback'], [window, 'requestAnimationFrame'], [window, 'postMessage'],
    [EventTarget.prototype, 'addEventListener'], [EventTarget.prototype, 'removeEventListener'], [EventTarget.prototype, 'dispatchEvent'],
    [Element.prototype, 'attachShadow'], [Element.prototype, 'append'], [Element.prototype, 'setAttribute'], [Element.prototype, 'getBoundingClientRect'],
    [Element.prototype, 'querySelector'], [Element.prototype, 'querySelectorAll'], [Element.prototype, 'closest'],
    [Document.prototype, 'querySelector'], [Document.prototype, 'querySelectorAll'], [Node.prototype, 'appendChild'], [Node.prototype, 'insertBefore'],
    [History.prototype, 'pushState'], [HTMLElement.prototype, 'attachInternals'],
  ];
  for (const [owner, key] of functions) {
    const original = (owner as Record<string, unknown>)[key] as (...args: unknown[]) => unknown;
    const name = `${owner === window ? 'window' : (owner as { constructor: { name: string } }).constructor.name}.${key}`;
    (owner as Record<string, unknown>)[key] = function (this: unknown, ...args: unknown[]) {
      counted(name);
      // The attack itself keeps working: the page's own copy is what it breaks.
      return sabotage && A.busy === 0 ? broken[key]!(...args) : original.apply(this, args);
    };
  }

  // Constructors: a Proxy keeps `new` working for the spy.
  const BrokenObserver = class {
    observe() {}
    disconnect() {}
    takeRecords() {
      return [];
    }
  };
  for (const key of ['MutationObserver', 'CustomEvent'] as const) {
    const original = window[key] as unknown as new (...args: unknown[]) => object;
    (window as unknown as Record<string, unknown>)[key] = new Proxy(original, {
      construct(target, args, newTarget) {
        counted(`window.${key}`);
        if (sabotage && A.busy === 0) {
          if (key === 'CustomEvent') throw new TypeError('CustomEvent is not available');
          return new BrokenObserver();
        }
        return Reflect.construct(target, args, newTarget);
      },
    });
  }
  const parse = JSON.parse;
  JSON.parse = function (text: string, reviver?: (key: string, value: unknown) => unknown) {
    counted('JSON.parse');
    if (sabotage && A.busy === 0) return { poisoned: true };
    return parse.call(JSON, text, reviver);
  };

  // Getters that read the page and its shadow roots.
  const getters: Array<[object, string, unknown]> = [
    [Node.prototype, 'textContent', ''],
    [HTMLElement.prototype, 'innerText', ''],
    [Element.prototype, 'shadowRoot', null],
    [HTMLScriptElement.prototype, 'text', ''],
  ];
  for (const [owner, key, lie] of getters) {
    const descriptor = Object.getOwnPropertyDescriptor(owner, key)!;
    const name = `${(owner as { constructor: { name: string } }).constructor.name}.${key}`;
    Object.defineProperty(owner, key, {
      ...descriptor,
      get(this: unknown) {
        counted(name);
        return sabotage && A.busy === 0 ? lie : descriptor.get!.call(this);
      },
    });
  }
}
