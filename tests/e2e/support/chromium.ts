/**
 * Real headless Chromium (Debian's, never a downloaded one) with the built extension loaded, and
 * every request answered by the demo marketplace. Playwright passes --disable-extensions by
 * default, so --disable-extensions-except is what lets --load-extension work.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { readCatalogueList, type ListedCatalogue } from './driver';
import { grantedBuild } from './granted-build';
import { DemoMarketplace, notFoundPage, savedPageHeaders } from './marketplace';

export const chromiumPath = process.env.COLOPHON_CHROMIUM ?? '/usr/bin/chromium';
export const chromeBuild = resolve(import.meta.dirname, '../../../.output/chrome-mv3');

export interface ChromiumSession {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  close(): Promise<void>;
}

export interface ChromiumOptions {
  marketplace?: DemoMarketplace;
  headless?: boolean;
  /** A profile to reuse (and keep on close), as after a browser crash; a fresh one by default. */
  profile?: string;
  /** Load the build with its optional permissions granted (support/granted-build.ts). */
  granted?: boolean;
  /**
   * Define esbuild's `__name` helper in every page: a bench run by tsx (which keeps function
   * names) hands the pages functions that call it. Vitest's transform does not add it.
   */
  nameHelper?: boolean;
}

export async function launchChromium(options: ChromiumOptions = {}): Promise<ChromiumSession> {
  const marketplace = options.marketplace ?? new DemoMarketplace();
  const profile = options.profile ?? (await mkdtemp(join(tmpdir(), 'colophon-chromium-')));
  const build = options.granted ? await grantedBuild(chromeBuild) : chromeBuild;
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: options.headless ?? true,
    viewport: { width: 1280, height: 900 },
    args: [
      `--disable-extensions-except=${build}`,
      `--load-extension=${build}`,
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // Saved pages carry preconnect and dns-prefetch hints: resolve nothing, so nothing leaves;
      // only loopback (the sync tests' intake) is reached.
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
    ],
  });
  if (options.nameHelper) await context.addInitScript('globalThis.__name ??= (target) => target;');
  await context.route(/^https?:\/\//, async (route) => {
    // An intake on this machine (the sync tests' reference server) is reached for real.
    if (new URL(route.request().url()).hostname === '127.0.0.1') return route.continue();
    if (route.request().resourceType() !== 'document') return route.fulfill({ status: 204, body: '' });
    const body = marketplace.page(route.request().url());
    await route.fulfill({ status: body === null ? 404 : 200, headers: savedPageHeaders, body: body ?? notFoundPage });
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    worker,
    extensionId,
    async close() {
      await context.close();
      if (!options.profile) await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * The id of the tab just opened on `page`, asked of the extension itself: the newest tab showing
 * its URL (tests open the same page more than once).
 */
export async function chromiumTabId(session: ChromiumSession, page: Page): Promise<number> {
  const url = page.url();
  // Marketplace tabs show their URL to the extension; any other tab is found as the active one.
  // No named inner functions here: tsx's keepNames would wrap them in a helper the worker lacks.
  const id = await session.worker.evaluate(async (target) => {
    const tabs: { id?: number; url?: string; active: boolean }[] = await (globalThis as any).chrome.tabs.query({});
    tabs.sort((a, b) => (b.id ?? 0) - (a.id ?? 0));
    return (tabs.find((tab) => tab.url === target) ?? tabs.find((tab) => tab.active && !tab.url))?.id;
  }, url);
  if (id === undefined) throw new Error(`no tab shows ${url}`);
  return id;
}

/** Opens the popup as a page, describing the tab `tabId`. */
export async function openChromiumPopup(session: ChromiumSession, tabId: number): Promise<Page> {
  const popup = await session.context.newPage();
  await popup.goto(`chrome-extension://${session.extensionId}/popup.html?tab=${tabId}`);
  return popup;
}

/** Imports a catalogue file through the options page, as a user would; resolves with the catalogue list. */
export async function importChromiumCatalogue(session: ChromiumSession, file: string): Promise<ListedCatalogue[]> {
  const options = await session.context.newPage();
  try {
    await options.goto(`chrome-extension://${session.extensionId}/options.html`);
    const before = (await options.evaluate(readCatalogueList)).length;
    await options.setInputFiles('[data-testid="catalogue-file-input"]', file);
    await options.click('[data-testid="import-start"]:not([disabled])');
    await options.waitForFunction((count) => document.querySelectorAll('[data-testid="catalogue-row"]').length > count, before);
    return await options.evaluate(readCatalogueList);
  } finally {
    await options.close();
  }
}
