/**
 * The evidence page rendered into happy-dom, on WXT's fake browser and a fresh fake-indexeddb,
 * with the evidence its tests look at and the helpers they drive it through.
 *
 * Why the captures are made with node:buffer's Blob: happy-dom's Blob does not survive structured
 * cloning into fake-indexeddb (it comes back a plain object: tests/unit/evidence/store-helpers.ts),
 * while Node's does, as a browser's does into a real IndexedDB. The page needs happy-dom's DOM,
 * so its store runs on real stored bytes made that way rather than on a stub.
 */
import { Blob as NodeBlob } from 'node:buffer';
import { createHash } from 'node:crypto';
import { IDBFactory } from 'fake-indexeddb';
import { render } from 'preact';
import { expect, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { BundleExporter } from '@/components/evidence/save-bundle';
import { App } from '@/entrypoints/evidence/App';
import english from '@/public/_locales/en/messages.json';
import chinese from '@/public/_locales/zh_CN/messages.json';
import type { EvidenceMetadata } from '@/utils/protocol/evidence';
import { openEvidenceDatabase, type Capture, type EvidenceDatabase } from '@/utils/evidence/store';
import { metadataOf, pixelPng } from '../../support/evidence/store-helpers';

interface Message {
  message: string;
  placeholders?: Record<string, { content: string }>;
}

/** browser.i18n.getMessage over a locale's catalogue, placeholders filled as the browsers fill them. */
export function messageFrom(catalogue: Record<string, Message>) {
  return (key: string, substitutions?: string | string[]): string => {
    const entry = catalogue[key];
    if (!entry) return '';
    const values = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
    return entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (_, name: string) =>
      (entry.placeholders?.[name.toLowerCase()]?.content ?? '').replace(/\$(\d)/g, (__, n: string) => values[Number(n) - 1] ?? ''),
    );
  };
}
export const en = messageFrom(english);
export const zh = messageFrom(chinese);

export const sha256OfBytes = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');

/** A screenshot's bytes: a PNG followed by the capture's number, so each is its own. */
export const screenshotBytes = (n: number) => new Uint8Array([...pixelPng, n]);
export const pageBytes = (n: number) => new TextEncoder().encode(`<!doctype html><title>listing ${n}</title>`);

/** Capture number `n`, with bytes that survive fake-indexeddb. */
export function captureOf(n: number, overrides: Partial<EvidenceMetadata> = {}): Capture {
  return {
    metadata: metadataOf(n, overrides),
    artifacts: [
      { kind: 'visible-screenshot', mediaType: 'image/png', blob: new NodeBlob([screenshotBytes(n)], { type: 'image/png' }) as unknown as Blob },
      { kind: 'full-page-screenshot', mediaType: 'image/png', blob: new NodeBlob([screenshotBytes(n + 100)], { type: 'image/png' }) as unknown as Blob },
      { kind: 'page-html', mediaType: 'text/html', blob: new NodeBlob([pageBytes(n)], { type: 'text/html' }) as unknown as Blob },
    ],
  };
}

export const nodeBlob = (bytes: Uint8Array | string, type = '') => new NodeBlob([bytes], { type }) as unknown as Blob;

export interface EvidencePageDriver {
  container: HTMLElement;
  get<T extends Element = HTMLElement>(testId: string, within?: ParentNode): T;
  all<T extends Element = HTMLElement>(testId: string, within?: ParentNode): T[];
  query<T extends Element = HTMLElement>(testId: string, within?: ParentNode): T | null;
  /** The store, through a connection of the test's own. */
  db: EvidenceDatabase;
  unmount(): void;
}

interface Options {
  locale?: 'en' | 'zh_CN';
  exportBundle?: BundleExporter;
  by?: string;
  /** Fills the fresh store before the page opens. */
  seed?(db: EvidenceDatabase): Promise<void>;
}

const noExport: BundleExporter = () => Promise.reject(new Error('this test exports nothing'));

/** The page on a fresh store; call from each test (restoreMocks undoes the stubs after it). */
export async function openEvidencePage({ locale = 'en', exportBundle = noExport, by = 'J. Smith', seed }: Options = {}): Promise<EvidencePageDriver> {
  fakeBrowser.reset();
  globalThis.indexedDB = new IDBFactory();
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation((locale === 'en' ? en : zh) as typeof fakeBrowser.i18n.getMessage);
  vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue(locale === 'en' ? 'en' : 'zh-CN');
  const db = await openEvidenceDatabase();
  await seed?.(db);
  document.body.replaceChildren();
  const container = document.createElement('div');
  document.body.append(container);
  render(<App exportBundle={exportBundle} by={by} />, container);
  const query = <T extends Element>(testId: string, within: ParentNode = container) => within.querySelector<T>(`[data-testid="${testId}"]`);
  const page: EvidencePageDriver = {
    container,
    db,
    query,
    get<T extends Element>(testId: string, within?: ParentNode) {
      const found = query<T>(testId, within);
      if (!found) throw new Error(`no [data-testid="${testId}"] in ${container.innerHTML.slice(0, 3000)}`);
      return found;
    },
    all: <T extends Element>(testId: string, within: ParentNode = container) => [...within.querySelectorAll<T>(`[data-testid="${testId}"]`)],
    unmount() {
      render(null, container);
      db.close();
    },
  };
  await until(() => expect(page.get('evidence-page').dataset.status).toBe('ready'));
  await until(() => expect(page.get('evidence-list').dataset.loaded).toBe('true'));
  return page;
}

/** Retries `assertion` until it passes: effects, IndexedDB work and timers run meanwhile. */
export async function until(assertion: () => unknown, timeout = 3000): Promise<void> {
  const start = Date.now();
  for (;;) {
    try {
      await assertion();
      return;
    } catch (failure) {
      if (Date.now() - start > timeout) throw failure;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export function typeInto(input: HTMLInputElement | HTMLTextAreaElement, text: string): void {
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

export function choose(element: HTMLSelectElement | HTMLInputElement, value: string): void {
  element.value = value;
  element.dispatchEvent(new Event('change', { bubbles: true }));
}

/** The listing ids of the rows shown, in order. */
export const shownListingIds = (page: EvidencePageDriver) => page.all('evidence-listing-id').map((cell) => cell.textContent);

/** Opens the item whose row shows `listingId`, and waits for it. */
export async function openItem(page: EvidencePageDriver, listingId: string): Promise<HTMLElement> {
  const row = page.all('evidence-row').find((one) => page.get('evidence-listing-id', one).textContent === listingId);
  if (!row) throw new Error(`no row for listing ${listingId}`);
  page.get<HTMLButtonElement>('evidence-open', row).click();
  await until(() => expect(page.get('evidence-item').dataset.status).toBe('ready'));
  return page.get<HTMLElement>('evidence-item');
}
