/** The end-to-end driver for Chromium, over playwright-core. */
import type { BrowserDriver, MarketplaceTab, PopupSummary } from './driver';
import { readPopup } from './driver';
import { chromiumTabId, launchChromium, openChromiumPopup } from './chromium';

export async function chromiumDriver(): Promise<BrowserDriver> {
  const session = await launchChromium();
  return {
    name: 'chromium',
    async open(url): Promise<MarketplaceTab> {
      const page = await session.context.newPage();
      await page.goto(url, { waitUntil: 'load' });
      await page.bringToFront();
      const tabId = await chromiumTabId(session, page);
      return {
        evaluate: ((script: (arg?: unknown) => unknown, arg?: unknown) => page.evaluate(script, arg)) as MarketplaceTab['evaluate'],
        async popup(): Promise<PopupSummary> {
          const popup = await openChromiumPopup(session, tabId);
          try {
            await popup.waitForFunction(readPopup);
            return (await popup.evaluate(readPopup))!;
          } finally {
            await popup.close();
          }
        },
      };
    },
    close: () => session.close(),
  };
}
