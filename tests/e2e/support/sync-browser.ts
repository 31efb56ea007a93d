/**
 * A browser with Colophon, driven for the sync tests: captures many items
 * quickly, connects to an intake through the options page as a representative would, reads the
 * outbox, and interrupts the extension's background the way each browser does it — Chromium
 * stops the service worker (as it does after 30 idle seconds, or under memory pressure), Firefox
 * reloads the add-on (its MV2 background page is persistent: it goes away only with the add-on,
 * as on an update).
 *
 * Captures go through the popup's own message (`popup:capture-tab`, visible area) from an
 * extension page in a window of its own, so the marketplace tab stays the active tab of its
 * window, as a capture requires: about two a second, the rate browsers allow screenshots.
 */
import { chromiumTabId, launchChromium, type ChromiumSession } from './chromium';
import { firefoxExtensionOrigin, firefoxTabId, launchFirefox, until, type FirefoxSession } from './firefox';
import type { DemoMarketplace } from './marketplace';

/** An outbox entry as the extension's IndexedDB holds it, reduced to what the tests compare. */
export interface OutboxRow {
  itemId: string;
  state: 'queued' | 'uploading' | 'stored' | 'parked';
  parkedReason: string | null;
  attempts: number;
  /** The code of the last failure, if any. */
  lastError: string | null;
  receiptId: string | null;
  /** The artifact digests the receipt vouches for. */
  receiptArtifacts: string[];
}

/** What an extension page can run: the calls the sync tests make there. */
interface ExtensionPage {
  evaluate<T, A>(script: (arg: A) => T | Promise<T>, arg: A): Promise<T>;
  /** A real click (a user gesture, which a permission request needs). */
  click(selector: string): Promise<void>;
  /** Types into an input, replacing what it held. */
  fill(selector: string, text: string): Promise<void>;
  /** Waits for an element and answers its text. */
  text(selector: string): Promise<string>;
}

export interface SyncBrowser {
  readonly name: 'chromium' | 'firefox';
  /** Stores `count` captures of the visible area of a marketplace page; returns their item ids. */
  captureItems(url: string, count: number): Promise<string[]>;
  /** A page of the extension, opened anew (after an interruption the old ones may be gone). */
  extensionPage(path: string): Promise<ExtensionPage & { close(): Promise<void> }>;
  /** Stops the extension's background at once, whatever it is doing. */
  interrupt(): Promise<void>;
  /** The outbox as stored. */
  outbox(): Promise<OutboxRow[]>;
  /** Asks the background to sync now (which also wakes it); null when it could not answer. */
  syncNow(): Promise<unknown>;
  /** Retries parked items, as the evidence manager's Retry button does. */
  retryParked(itemIds: string[]): Promise<unknown>;
  close(): Promise<void>;
}

/** Reads the outbox with IndexedDB alone; runs inside an extension page. */
export async function readOutbox(): Promise<OutboxRow[]> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open('colophon-evidence');
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  if (!db.objectStoreNames.contains('outbox')) {
    db.close();
    return [];
  }
  type Entry = { itemId: string; state: OutboxRow['state']; parkedReason: string | null; attempts: number; lastError: { code: string } | null; receipt: { receiptId: string; artifacts: { sha256: string }[] } | null };
  const entries = await new Promise<Entry[]>((resolve, reject) => {
    const request = db.transaction('outbox').objectStore('outbox').getAll();
    request.onsuccess = () => resolve(request.result as Entry[]);
    request.onerror = () => reject(request.error);
  });
  db.close();
  return entries.map((entry) => ({
    itemId: entry.itemId,
    state: entry.state,
    parkedReason: entry.parkedReason,
    attempts: entry.attempts,
    lastError: entry.lastError?.code ?? null,
    receiptId: entry.receipt?.receiptId ?? null,
    receiptArtifacts: entry.receipt?.artifacts.map((artifact) => artifact.sha256) ?? [],
  }));
}

/** Sends "sync now" as the popup does; runs inside an extension page. */
export function sendSyncNow(): Promise<unknown> {
  const api = (globalThis as unknown as { browser?: { runtime: { sendMessage(m: unknown): Promise<unknown> } }; chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } });
  return (api.browser ?? api.chrome).runtime.sendMessage({ type: 'page:sync-now' }).catch(() => null);
}

/** Asks to retry parked items as the evidence manager does; runs inside an extension page. */
export function sendRetryParked(itemIds: string[]): Promise<unknown> {
  const api = (globalThis as unknown as { browser?: { runtime: { sendMessage(m: unknown): Promise<unknown> } }; chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } });
  return (api.browser ?? api.chrome).runtime.sendMessage({ type: 'page:retry-parked', itemIds }).catch(() => null);
}

/** Captures the visible area of tab `tabId` `count` times; runs inside an extension page. */
async function captureRepeatedly({ tabId, count }: { tabId: number; count: number }): Promise<string[]> {
  const api = (globalThis as unknown as { browser?: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; itemId?: string; reason?: string; detail?: string }> } }; chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; itemId?: string; reason?: string; detail?: string }> } } });
  const runtime = (api.browser ?? api.chrome).runtime;
  const ids: string[] = [];
  let failures = 0;
  while (ids.length < count) {
    const result = await runtime.sendMessage({ type: 'popup:capture-tab', tabId, options: { fullPage: false, note: '', tags: ['sync-test'] } });
    if (result?.ok && result.itemId) ids.push(result.itemId);
    else if (++failures > 10) throw new Error(`captures keep failing: ${JSON.stringify(result)}`);
  }
  return ids;
}

export async function chromiumSyncBrowser(marketplace: DemoMarketplace): Promise<SyncBrowser> {
  const session: ChromiumSession = await launchChromium({ marketplace, granted: true });
  const extensionPage = async (path: string) => {
    const page = await session.context.newPage();
    await page.goto(`chrome-extension://${session.extensionId}/${path}`);
    return {
      evaluate: <T, A>(script: (arg: A) => T | Promise<T>, arg: A) => page.evaluate(script as never, arg as never) as Promise<T>,
      click: (selector: string) => page.click(selector),
      fill: (selector: string, text: string) => page.fill(selector, text),
      text: async (selector: string) => (await page.waitForSelector(selector, { timeout: 30_000 })).innerText(),
      close: () => page.close(),
    };
  };
  const anyPage = async <T, A = undefined>(script: (arg: A) => T | Promise<T>, arg?: A): Promise<T> => {
    const page = await extensionPage('popup.html');
    try {
      return await page.evaluate(script, arg as A);
    } finally {
      await page.close();
    }
  };
  return {
    name: 'chromium',
    async captureItems(url, count) {
      const tab = await session.context.newPage();
      await tab.goto(url, { waitUntil: 'load' });
      await tab.bringToFront();
      const tabId = await chromiumTabId(session, tab);
      const opened = session.context.waitForEvent('page');
      // A window of its own, so that the marketplace tab stays active in its window.
      await session.worker.evaluate(async (page) => {
        await (globalThis as any).chrome.windows.create({ url: page, type: 'popup', focused: false });
      }, `chrome-extension://${session.extensionId}/popup.html?tab=${tabId}`);
      const control = await opened;
      await control.waitForLoadState();
      try {
        return await control.evaluate(captureRepeatedly, { tabId, count });
      } finally {
        await control.close();
        await tab.close();
      }
    },
    extensionPage,
    async interrupt() {
      const page = session.context.pages()[0] ?? (await session.context.newPage());
      const cdp = await session.context.newCDPSession(page);
      try {
        await cdp.send('ServiceWorker.enable');
        await cdp.send('ServiceWorker.stopAllWorkers');
      } finally {
        await cdp.detach().catch(() => undefined);
      }
    },
    outbox: () => anyPage(readOutbox),
    syncNow: () => anyPage(sendSyncNow),
    retryParked: (itemIds) => anyPage(sendRetryParked, itemIds),
    close: () => session.close(),
  };
}

export async function firefoxSyncBrowser(marketplace: DemoMarketplace): Promise<SyncBrowser> {
  const session: FirefoxSession = await launchFirefox({ marketplace, granted: true });
  const extensionPage = async (path: string) => {
    const page = await session.openExtensionPage(path);
    return {
      evaluate: <T, A>(script: (arg: A) => T | Promise<T>, arg: A) => page.evaluate(script as never, arg as never) as Promise<T>,
      async click(selector: string) {
        await (await page.waitForSelector(selector))!.click();
      },
      async fill(selector: string, text: string) {
        const input = (await page.waitForSelector(selector))!;
        await input.click({ count: 3 });
        await page.keyboard.press('Backspace');
        await input.type(text);
      },
      async text(selector: string) {
        const element = (await page.waitForSelector(selector, { timeout: 30_000 }))!;
        return element.evaluate((node) => (node as HTMLElement).innerText);
      },
      close: () => page.close().catch(() => undefined),
    };
  };
  const anyPage = async <T, A = undefined>(script: (arg: A) => T | Promise<T>, arg?: A): Promise<T> => {
    const page = await extensionPage('popup.html');
    try {
      return await page.evaluate(script, arg as A);
    } finally {
      await page.close();
    }
  };
  return {
    name: 'firefox',
    async captureItems(url, count) {
      const tab = await session.openTab();
      await tab.page.goto(url, { waitUntil: 'load' });
      const tabId = await firefoxTabId(session, tab);
      const controlUrl = `${firefoxExtensionOrigin}/popup.html?tab=${tabId}`;
      await session.probe.evaluate(async (page: string) => {
        await (globalThis as any).browser.windows.create({ url: page, type: 'popup', focused: false });
      }, controlUrl);
      // WebDriver BiDi names extension pages about:blank: find the window's page by asking each.
      const control = await until('the capture window', async () => {
        for (const page of await session.browser.pages()) {
          if ((await page.evaluate(() => location.href).catch(() => '')) === controlUrl) return page;
        }
        return null;
      });
      try {
        return await control.evaluate(captureRepeatedly, { tabId, count });
      } finally {
        await control.close().catch(() => undefined);
        await tab.page.close().catch(() => undefined);
      }
    },
    extensionPage,
    async interrupt() {
      // Reloading closes every page of the add-on, the one asking included: do not wait for it.
      await session.probe.evaluate(() => void (globalThis as any).browser.runtime.reload()).catch(() => undefined);
      await session.reopenProbe();
    },
    outbox: () => until('the outbox to be readable', () => anyPage(readOutbox).catch(() => null)),
    syncNow: () => until('the background to answer', () => anyPage(sendSyncNow).then((answer) => answer ?? null)),
    retryParked: (itemIds) => until('the background to answer', () => anyPage(sendRetryParked, itemIds).then((answer) => answer ?? null)),
    close: () => session.close(),
  };
}
