/** The end-to-end driver for Firefox, over puppeteer-core and WebDriver BiDi. */
import type { BrowserDriver, MarketplaceTab, PopupSummary } from './driver';
import { readPopup } from './driver';
import { firefoxTabId, launchFirefox, openFirefoxPopup, StopWaiting, until } from './firefox';

export async function firefoxDriver(): Promise<BrowserDriver> {
  const session = await launchFirefox();
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
      };
    },
    close: () => session.close(),
  };
}
