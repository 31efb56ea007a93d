/**
 * The page's own functions, kept by the attack before any part of it patches or breaks the page's
 * copies (patches.ts): the attack itself only ever calls these. Runs in the page (stringified by
 * attack-script.ts): no imports, nothing from outside its body.
 */
export interface Natives {
  setTimeout: (handler: () => void, ms?: number) => number;
  setInterval: (handler: () => void, ms?: number) => number;
  now: () => number;
  addEventListener: typeof EventTarget.prototype.addEventListener;
  dispatchEvent: typeof EventTarget.prototype.dispatchEvent;
  postMessage: (message: unknown, origin: string) => void;
  CustomEvent: typeof CustomEvent;
  MouseEvent: typeof MouseEvent;
  KeyboardEvent: typeof KeyboardEvent;
  PointerEvent: typeof PointerEvent;
  attachShadow: typeof Element.prototype.attachShadow;
  querySelectorAll: typeof Document.prototype.querySelectorAll;
  elementQuerySelectorAll: typeof Element.prototype.querySelectorAll;
  getElementsByTagName: typeof Document.prototype.getElementsByTagName;
  elementFromPoint: typeof Document.prototype.elementFromPoint;
  elementsFromPoint: typeof Document.prototype.elementsFromPoint;
  createElement: typeof Document.prototype.createElement;
  appendChild: typeof Node.prototype.appendChild;
  setAttribute: typeof Element.prototype.setAttribute;
  getBoundingClientRect: typeof Element.prototype.getBoundingClientRect;
  click: typeof HTMLElement.prototype.click;
  define: typeof CustomElementRegistry.prototype.define;
  stringify: typeof JSON.stringify;
  textContent: (node: Node) => string | null;
}

export function captureNatives(): Natives {
  const nodeText = Object.getOwnPropertyDescriptor(Node.prototype, 'textContent')!.get!;
  return {
    setTimeout: window.setTimeout.bind(window) as Natives['setTimeout'],
    setInterval: window.setInterval.bind(window) as Natives['setInterval'],
    now: performance.now.bind(performance),
    addEventListener: EventTarget.prototype.addEventListener,
    dispatchEvent: EventTarget.prototype.dispatchEvent,
    postMessage: window.postMessage.bind(window) as Natives['postMessage'],
    CustomEvent: window.CustomEvent,
    MouseEvent: window.MouseEvent,
    KeyboardEvent: window.KeyboardEvent,
    PointerEvent: window.PointerEvent,
    attachShadow: Element.prototype.attachShadow,
    querySelectorAll: Document.prototype.querySelectorAll,
    elementQuerySelectorAll: Element.prototype.querySelectorAll,
    getElementsByTagName: Document.prototype.getElementsByTagName,
    elementFromPoint: Document.prototype.elementFromPoint,
    elementsFromPoint: Document.prototype.elementsFromPoint,
    createElement: Document.prototype.createElement,
    appendChild: Node.prototype.appendChild,
    setAttribute: Element.prototype.setAttribute,
    getBoundingClientRect: Element.prototype.getBoundingClientRect,
    click: HTMLElement.prototype.click,
    define: CustomElementRegistry.prototype.define,
    stringify: JSON.stringify,
    textContent: (node) => nodeText.call(node),
  };
}
