/** The end-to-end driver for Firefox, over puppeteer-core and WebDriver BiDi. */
import type { BrowserDriver, ListedCatalogue, MarketplaceTab, PopupSummary, StoredEvidence } from './driver';
import { catchDownloads, caughtBundle, evidenceRows, readCatalogueList, readEvidenceStore, readPopup } from './driver';
import { firefoxTabId, launchFirefox, openFirefoxPopup, StopWaiting, until } from './firefox';

export async function firefoxDriver(options: { granted?: boolean } = {}): Promise<BrowserDriver> {
  const session = await launchFirefox(options);
  return {
    name: 'firefox',
    async open(url): Promise<MarketplaceTab> {
      const tab = await session.openTab();
      await tab.page.goto(url, { waitUntil: 'load' });
      await tab.page.bringToFront();
      return {
        evaluate: ((script: (arg?: unknown) => unknown, arg?: unknown) => tab.page.evaluate(script, arg)) as MarketplaceTab['evaluate'],
        async popup(): Promise<PopupSummary> {
          const popup = await openFirefoxPopup(session, await firefoxTabId(session, tab));
          try {
            return await until(
              'the popup to describe the tab',
              async () => {
                const summary = await popup.evaluate(readPopup);
                if (summary) return summary;
                // The popup's own error state ("could not reach the background", say) is final.
                const error = await popup.evaluate(() => document.querySelector('main .error')?.textContent ?? null);
                if (error !== null) throw new StopWaiting(`the popup failed: ${error}`);
                return null;
              },
              { timeout: 10_000 },
            );
          } finally {
            await popup.close().catch(() => undefined);
            // Back to the marketplace tab, as when a real popup closes: a background tab's timers
            // are throttled, which would slow the content script down.
            await tab.page.bringToFront().catch(() => undefined);
          }
        },
        // WebDriver BiDi offers no way into a closed shadow root: the popup's list stands in.
        markedListings: async () => null,
        click: (x, y) => tab.page.mouse.click(x, y),
      };
    },
    async importCatalogue(file): Promise<ListedCatalogue[]> {
      const options = await session.openExtensionPage('options.html');
      try {
        const before = (await options.evaluate(readCatalogueList)).length;
        const input = await options.waitForSelector('[data-testid="catalogue-file-input"]');
        await (input as import('puppeteer-core').ElementHandle<HTMLInputElement>).uploadFile(file);
        const start = await options.waitForSelector('[data-testid="import-start"]:not([disabled])');
        await start!.click();
        await options.waitForFunction((count: number) => document.querySelectorAll('[data-testid="catalogue-row"]').length > count, {}, before);
        return await options.evaluate(readCatalogueList);
      } finally {
        await options.close().catch(() => undefined);
      }
    },
    async evidence(): Promise<StoredEvidence[]> {
      const page = await session.openExtensionPage('options.html');
      try {
        return await page.evaluate(readEvidenceStore);
      } finally {
        await page.close().catch(() => undefined);
      }
    },
    async exportCase(caseName) {
      const page = await session.openExtensionPage('evidence.html');
      try {
        await page.waitForSelector('[data-testid="evidence-row"]');
        const rows = await page.evaluate(evidenceRows);
        await page.evaluate(catchDownloads);
        const click = async (selector: string) => (await page.waitForSelector(selector))!.click();
        await click('[data-testid="evidence-select-all"]');
        await (await page.waitForSelector('[data-testid="evidence-add-case-name"]'))!.type(caseName);
        await click('[data-testid="evidence-add-case-apply"]');
        await click('[data-testid="evidence-section-cases"]');
        await click('[data-testid="evidence-case-open"]');
        await click('[data-testid="evidence-export-case"]:not([disabled])');
        const bundle = await until('the bundle to be exported', () => page.evaluate(caughtBundle), { timeout: 30_000 });
        return { rows, bundle };
      } finally {
        await page.close().catch(() => undefined);
      }
    },
    close: () => session.close(),
  };
}
