/**
 * The content script's lifetime, in place of WXT's ContentScriptContext (wxt.config.ts puts this
 * module where WXT's entry imports its own).
 *
 * WXT's context announces every start to the page: it posts "<extension id>:marketplace:wxt:
 * content-script-started" with `window.postMessage` and as a document event, so that a newer copy
 * of the script can stop an older one, and it dispatches its location changes as window events
 * named after the extension. A marketplace page sees all three. It can tell that its visitor runs
 * Colophon (and show enforcement staff something else), and by echoing the announcement it makes
 * the script stop itself. This context says nothing to the page and listens to nothing the page
 * can send: it ends only when the extension itself is gone (`browser.runtime.id` unset, after an
 * update or uninstall), which every timer, callback and listener checks before it runs.
 */
import { extensionGone } from './extension-runtime';

/** How often a page without the Navigation API is checked for a single-page navigation. */
const locationPollMs = 1000;

export class ContentScriptContext {
  private readonly controller = new AbortController();
  private watchingLocation = false;

  // WXT's entry constructs the context with the script's name and definition; neither is needed.
  constructor(_name?: string, _options?: unknown) {}

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Whether the script must stop: invalidated, or the extension was updated or removed under the page. */
  get isInvalid(): boolean {
    if (!this.signal.aborted && extensionGone()) this.notifyInvalidated();
    return this.signal.aborted;
  }

  get isValid(): boolean {
    return !this.isInvalid;
  }

  onInvalidated(callback: () => void): () => void {
    this.signal.addEventListener('abort', callback);
    return () => this.signal.removeEventListener('abort', callback);
  }

  notifyInvalidated(): void {
    this.controller.abort('Colophon was updated or removed');
  }

  /** A never-settling promise, for work that must not go on after the script ended. */
  block<T>(): Promise<T> {
    return new Promise(() => {});
  }

  setTimeout(handler: () => void, timeout?: number): number {
    const id = window.setTimeout(() => this.isValid && handler(), timeout);
    this.onInvalidated(() => window.clearTimeout(id));
    return id;
  }

  setInterval(handler: () => void, timeout?: number): number {
    const id = window.setInterval(() => this.isValid && handler(), timeout);
    this.onInvalidated(() => window.clearInterval(id));
    return id;
  }

  requestAnimationFrame(callback: FrameRequestCallback): number {
    const id = window.requestAnimationFrame((time) => this.isValid && callback(time));
    this.onInvalidated(() => window.cancelAnimationFrame(id));
    return id;
  }

  requestIdleCallback(callback: IdleRequestCallback, options?: IdleRequestOptions): number {
    const id = window.requestIdleCallback((deadline) => this.isValid && callback(deadline), options);
    this.onInvalidated(() => window.cancelIdleCallback(id));
    return id;
  }

  /** Listens until the script ends. */
  addEventListener<K extends keyof WindowEventMap>(target: Window, type: K, handler: (event: WindowEventMap[K]) => void, options?: AddEventListenerOptions): void;
  addEventListener(target: EventTarget, type: string, handler: (event: Event) => void, options?: AddEventListenerOptions): void;
  addEventListener(target: EventTarget, type: string, handler: (event: Event) => void, options?: AddEventListenerOptions): void {
    target.addEventListener(type, handler, { ...options, signal: this.signal });
  }

  /**
   * Calls back when the page moves to another address without loading a new document (Taobao's
   * search pages). The Navigation API's events reach only this script's own listener; where the
   * browser lacks it (Firefox ESR), the address is polled. Nothing is dispatched to the page.
   */
  onLocationChange(callback: (url: URL) => void): void {
    if (this.watchingLocation || this.isInvalid) return;
    this.watchingLocation = true;
    let last = location.href;
    const changed = (href: string) => {
      if (href === last || this.isInvalid) return;
      last = href;
      callback(new URL(href));
    };
    const navigation = (globalThis as { navigation?: EventTarget }).navigation;
    if (typeof navigation?.addEventListener === 'function') {
      this.addEventListener(navigation, 'navigate', (event) => changed((event as Event & { destination: { url: string } }).destination.url));
    } else {
      this.setInterval(() => changed(location.href), locationPollMs);
    }
  }
}
