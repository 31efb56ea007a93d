/**
 * The options page rendered into happy-dom, on WXT's fake browser and a fresh fake-indexeddb, with
 * the helpers its tests drive it through. fakeBrowser has no i18n (its getMessage throws), so
 * messages come from the English catalogue, placeholders filled as the browsers fill them.
 */
import { IDBFactory } from 'fake-indexeddb';
import { render } from 'preact';
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { App } from '@/entrypoints/options/App';
import english from '@/public/_locales/en/messages.json';

interface Message {
  message: string;
  placeholders?: Record<string, { content: string }>;
}

export function englishMessage(key: string, substitutions?: string | string[]): string {
  const entry = (english as Record<string, Message>)[key];
  if (!entry) return '';
  const values = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
  return entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (_, name: string) =>
    (entry.placeholders?.[name.toLowerCase()]?.content ?? '').replace(/\$(\d)/g, (__, n: string) => values[Number(n) - 1] ?? ''),
  );
}

export interface OptionsPage {
  container: HTMLElement;
  get<T extends Element = HTMLElement>(testId: string, within?: ParentNode): T;
  all<T extends Element = HTMLElement>(testId: string, within?: ParentNode): T[];
  query<T extends Element = HTMLElement>(testId: string, within?: ParentNode): T | null;
  unmount(): void;
}

/**
 * The page on a fresh store (or on the store as the last page left it, with `keepStore`); call
 * from each test (restoreMocks undoes the stubs after it).
 */
export async function openOptionsPage({ keepStore = false } = {}): Promise<OptionsPage> {
  fakeBrowser.reset();
  if (!keepStore) globalThis.indexedDB = new IDBFactory();
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(englishMessage as typeof fakeBrowser.i18n.getMessage);
  vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('en');
  // fakeBrowser has no permissions API: the optional permission starts not granted, as after install.
  let granted = false;
  vi.spyOn(fakeBrowser.permissions, 'contains').mockImplementation(async () => granted);
  vi.spyOn(fakeBrowser.permissions, 'request').mockImplementation(async () => (granted = true));
  vi.spyOn(fakeBrowser.permissions, 'remove').mockImplementation(async () => !(granted = false));
  document.body.replaceChildren();
  const container = document.createElement('div');
  document.body.append(container);
  render(<App />, container);
  const query = <T extends Element>(testId: string, within: ParentNode = container) => within.querySelector<T>(`[data-testid="${testId}"]`);
  const page: OptionsPage = {
    container,
    query,
    get<T extends Element>(testId: string, within?: ParentNode) {
      const found = query<T>(testId, within);
      if (!found) throw new Error(`no [data-testid="${testId}"] in ${container.innerHTML.slice(0, 2000)}`);
      return found;
    },
    all: <T extends Element>(testId: string, within: ParentNode = container) => [...within.querySelectorAll<T>(`[data-testid="${testId}"]`)],
    unmount: () => render(null, container),
  };
  await waitFor(() => page.get('options').dataset.status === 'ready');
  return page;
}

/** Waits until `check` returns something truthy: effects, IndexedDB work and timers run meanwhile. */
export async function waitFor(check: () => unknown, timeout = 3000): Promise<void> {
  const start = Date.now();
  for (;;) {
    let failure: unknown;
    try {
      if (check()) return;
    } catch (error) {
      failure = error;
    }
    if (Date.now() - start > timeout) throw failure ?? new Error(`timed out waiting for ${check.toString()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Lets Preact render what the last event changed (it renders in a microtask; a user is slower). */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** What a user's file choice does: the input holds the file, then `change` fires. */
export function chooseFile(input: HTMLInputElement, file: File): void {
  Object.defineProperty(input, 'files', { configurable: true, value: [file] });
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

export function typeInto(input: HTMLInputElement, text: string): void {
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

export function select(element: HTMLSelectElement, value: string): void {
  element.value = value;
  element.dispatchEvent(new Event('change', { bubbles: true }));
}

export function csvFile(lines: string[], name = 'springer-books.csv'): File {
  return new File([lines.join('\r\n') + '\r\n'], name, { type: 'text/csv' });
}
