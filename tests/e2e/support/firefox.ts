/**
 * Real headless Firefox ESR (Debian's, never a downloaded one) over WebDriver BiDi with
 * puppeteer-core, the built extension installed as a temporary add-on, and every request of the
 * pages we open answered by the demo marketplace through BiDi request interception.
 *
 * Firefox specifics (see /work/shared/BROWSERS.md):
 *  - `-remote-allow-system-access` lets BiDi open and script `moz-extension://` pages, but
 *    `page.goto('moz-extension://…')` may never resolve: we start it and poll the page instead.
 *  - the pref `extensions.webextensions.uuids` fixes the extension's internal UUID, so its pages
 *    live at a known `moz-extension://<uuid>/` origin.
 *  - WebExtension tab ids are not BiDi context ids: the extension itself tells us which tab is
 *    which, from a "probe" extension page that stays open for the whole session.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { grantedBuild } from './granted-build';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { firefoxAddonId } from '../../../wxt.config';
import { quietEnv, quietPrefs, serveMarketplace, startStrayProxy } from './firefox-network';
import { DemoMarketplace } from './marketplace';

export const firefoxPath = process.env.COLOPHON_FIREFOX ?? '/usr/bin/firefox-esr';
export const firefoxBuild = resolve(import.meta.dirname, '../../../.output/firefox-mv2');
/** The extension's internal UUID, fixed by pref: its pages are at moz-extension://<uuid>/. */
export const firefoxExtensionUuid = 'c5702c64-a491-4756-84c4-7ac6f33af86c';
export const firefoxExtensionOrigin = `moz-extension://${firefoxExtensionUuid}`;

export interface FirefoxTab {
  page: Page;
  /** The WebExtension tab id, recorded when the tab was created (see `openTab`). */
  createdTabId: number;
}

export interface FirefoxSession {
  browser: Browser;
  extensionOrigin: string;
  /** An extension page kept open all session, to ask the extension about tabs. */
  readonly probe: Page;
  /** Opens the probe again: reloading the add-on closes every page of it. */
  reopenProbe(): Promise<void>;
  /** Requests that got past interception and were stopped by the local proxy. */
  strayRequests: readonly string[];
  /** A new tab, its requests served by the demo marketplace, still on about:blank. */
  openTab(): Promise<FirefoxTab>;
  /** Opens `moz-extension://<uuid>/<path>` in a new tab, once it has loaded. */
  openExtensionPage(path: string): Promise<Page>;
  close(): Promise<void>;
}

interface TabInfo {
  id: number;
  /** Only for tabs the extension may see: marketplace pages (host permissions) and its own pages. */
  url?: string;
  active: boolean;
}

/** Every tab, as the extension sees it (run in an extension page). */
function listTabs(probe: Page): Promise<TabInfo[]> {
  return probe.evaluate(async () =>
    (await browser.tabs.query({})).map((tab): { id: number; url?: string; active: boolean } => ({ id: tab.id!, url: tab.url, active: tab.active })),
  );
}

/** Thrown by an attempt of `until` when waiting longer cannot help. */
export class StopWaiting extends Error {}

/**
 * Retries `attempt` until it gives a value other than null/undefined/false. Errors and attempts
 * that hang (a page between two documents) count as "not yet"; the last error is reported.
 */
export async function until<T>(
  what: string,
  attempt: () => Promise<T | null | undefined | false>,
  { timeout = 15_000, interval = 50, attemptTimeout = 5_000 } = {},
): Promise<T> {
  const deadline = Date.now() + timeout;
  let lastError: unknown;
  for (;;) {
    let timer: NodeJS.Timeout | undefined;
    try {
      const value = await Promise.race([
        attempt(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`attempt took over ${attemptTimeout} ms`)), attemptTimeout);
        }),
      ]);
      if (value !== null && value !== undefined && value !== false) return value;
    } catch (error) {
      if (error instanceof StopWaiting) throw error;
      lastError = error;
    } finally {
      clearTimeout(timer);
    }
    if (Date.now() >= deadline) {
      throw new Error(`Firefox: timed out after ${timeout} ms waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ''}`);
    }
    await new Promise((done) => setTimeout(done, interval));
  }
}

/** Runs one task at a time: tab ids are told apart by what appeared while a task ran. */
function serialised() {
  let queue: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };
}

export async function launchFirefox(
  options: { marketplace?: DemoMarketplace; headless?: boolean; extraPrefs?: Record<string, unknown>; granted?: boolean } = {},
): Promise<FirefoxSession> {
  const marketplace = options.marketplace ?? new DemoMarketplace();
  const manifest = JSON.parse(await readFile(resolve(firefoxBuild, 'manifest.json'), 'utf8').catch(() => '{}'));
  const builtId = manifest.browser_specific_settings?.gecko?.id;
  if (builtId !== firefoxAddonId) {
    throw new Error(`no Firefox build of Colophon (add-on id ${firefoxAddonId}) in ${firefoxBuild}: run \`npm run build\` first`);
  }

  const strays = await startStrayProxy();
  // A fresh temporary profile, removed again by browser.close().
  const firefox = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath,
    headless: options.headless ?? true,
    args: ['-remote-allow-system-access'],
    env: { ...process.env, ...quietEnv },
    defaultViewport: { width: 1280, height: 900 },
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [firefoxAddonId]: firefoxExtensionUuid }),
      // Automation cannot answer a permission prompt: what Colophon asks for in a click (the
      // intake's origin and the consent to what sync sends) is granted as the user would grant it.
      'extensions.webextOptionalPermissionPrompts': false,
      ...quietPrefs,
      ...strays.prefs,
      ...options.extraPrefs,
    },
  }).catch(async (error: unknown) => {
    await strays.close();
    throw error;
  });

  const close = async () => {
    const child = firefox.process();
    const timer = setTimeout(() => child?.kill('SIGKILL'), 10_000);
    try {
      await firefox.close();
    } catch {
      child?.kill('SIGKILL');
    } finally {
      clearTimeout(timer);
      await strays.close();
    }
    if (strays.seen.length > 0) {
      console.warn(`Firefox tried to reach the network ${strays.seen.length} times (stopped by the local proxy):\n  ${[...new Set(strays.seen)].join('\n  ')}`);
    }
  };

  try {
    const installed = await firefox.installExtension(options.granted ? await grantedBuild(firefoxBuild) : firefoxBuild);
    if (installed !== firefoxAddonId) throw new Error(`installed ${installed}, expected ${firefoxAddonId}`);

    const exclusive = serialised();

    const openExtensionPage = (path: string) =>
      exclusive(async () => {
        // In the foreground: a background tab takes about a second to open and its timers are
        // throttled, which delays the popup's rendering by two more.
        const page = await firefox.newPage();
        try {
          await serveMarketplace(page, marketplace);
          const url = `${firefoxExtensionOrigin}/${path.replace(/^\//, '')}`;
          // The navigation's promise may never settle in Firefox: start it and watch the page.
          // Should it not even leave about:blank, start it again.
          let started = Date.now();
          page.goto(url, { timeout: 0 }).catch(() => undefined);
          await until(`${url} to load`, async () => {
            const [href, state] = await page.evaluate(() => [location.href, document.readyState] as const);
            if (href === url) return state === 'complete';
            if (href === 'about:blank' && Date.now() - started > 5_000) {
              started = Date.now();
              page.goto(url, { timeout: 0 }).catch(() => undefined);
            }
            return false;
          });
          return page;
        } catch (error) {
          await page.close().catch(() => undefined);
          throw error;
        }
      });

    let probe = await openExtensionPage('popup.html');
    const tabs = () => listTabs(probe);

    // The background answers messages: content scripts' first reports will not be lost.
    const backgroundAnswers = () =>
      until('the background script', () =>
        probe.evaluate(() =>
          browser.runtime.sendMessage({ type: 'popup:get-tab-page', tabId: 0 }).then(
            () => true,
            () => false,
          ),
        ),
      );
    await backgroundAnswers();

    const openTab = () =>
      exclusive(async (): Promise<FirefoxTab> => {
        const before = new Set((await tabs()).map((tab) => tab.id));
        const page = await firefox.newPage();
        try {
          await serveMarketplace(page, marketplace);
          const fresh = await until('the new tab to be seen by the extension', async () => {
            const appeared = (await tabs()).filter((tab) => !before.has(tab.id));
            if (appeared.length > 1) throw new StopWaiting(`Firefox: several tabs appeared at once: ${JSON.stringify(appeared)}`);
            return appeared[0];
          });
          return { page, createdTabId: fresh.id };
        } catch (error) {
          await page.close().catch(() => undefined);
          throw error;
        }
      });

    return {
      browser: firefox,
      extensionOrigin: firefoxExtensionOrigin,
      get probe() {
        return probe;
      },
      async reopenProbe() {
        await probe.close().catch(() => undefined);
        probe = await openExtensionPage('popup.html');
        await backgroundAnswers();
      },
      strayRequests: strays.seen,
      openTab,
      openExtensionPage,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * The id of the tab showing `tab.page`, asked of the extension itself: the tab whose URL is the
 * page's current URL (the extension sees the URLs of marketplace pages through its host
 * permissions). Two cases need more: several tabs showing the same URL (the suite opens one page
 * twice), and other sites' pages, whose URL the extension cannot see. There the id recorded when
 * the tab was created decides, and is checked: the extension must still report that tab, with the
 * page's URL if it sees one, and as the active tab once the page is brought to the front.
 */
export async function firefoxTabId(session: FirefoxSession, tab: FirefoxTab): Promise<number> {
  await tab.page.bringToFront();
  return until(`the extension to tell which tab shows ${tab.page.url()}`, async () => {
    const href = await tab.page.evaluate(() => location.href);
    const tabs = await listTabs(session.probe);
    const showing = tabs.filter((candidate) => candidate.url === href);
    const recorded = tabs.find((candidate) => candidate.id === tab.createdTabId);
    if (!recorded) throw new StopWaiting(`Firefox: tab ${tab.createdTabId} is gone; the extension sees ${JSON.stringify(tabs)}`);
    // Consistent: among the tabs showing the page's URL, or showing none the extension can see.
    // Right after a single-page navigation the extension may still report the previous URL.
    const consistent = showing.length > 0 ? showing.includes(recorded) : recorded.url === undefined;
    if (!consistent || !recorded.active) {
      throw new Error(`the page is at ${href}, the extension reports tab ${tab.createdTabId} as ${JSON.stringify(recorded)} among ${JSON.stringify(tabs)}`);
    }
    return recorded.id;
  }, { timeout: 5_000 });
}

/** Opens the popup as a page, describing the tab `tabId`. */
export function openFirefoxPopup(session: FirefoxSession, tabId: number): Promise<Page> {
  return session.openExtensionPage(`popup.html?tab=${tabId}`);
}
