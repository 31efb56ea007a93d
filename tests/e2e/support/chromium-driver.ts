/** The end-to-end driver for Chromium, over playwright-core. */
import type { BrowserDriver, ListedCatalogue, MarketplaceTab, PopupSummary, StoredEvidence } from './driver';
import { catchDownloads, caughtBundle, evidenceRows, readEvidenceStore, readPopup } from './driver';
import { chromiumTabId, importChromiumCatalogue, launchChromium, openChromiumPopup, type ChromiumOptions } from './chromium';

export async function chromiumDriver(options: ChromiumOptions = {}): Promise<BrowserDriver> {
  const session = await launchChromium(options);
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
            // Back to the marketplace tab, as when a real popup closes: screenshots are of the active tab.
            await page.bringToFront();
          }
        },
        click: (x, y) => page.mouse.click(x, y),
        async markedListings() {
          // DevTools sees into closed shadow roots, which nothing in the page can.
          const cdp = await session.context.newCDPSession(page);
          try {
            const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
            const marked: string[] = [];
            const visit = (node: { attributes?: string[]; children?: unknown[]; shadowRoots?: unknown[] }) => {
              const attributes = node.attributes ?? [];
              const listing = attributes.indexOf('data-listing');
              if (listing >= 0) marked.push(attributes[listing + 1]!);
              for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) visit(child as typeof node);
            };
            visit(root);
            return marked;
          } finally {
            await cdp.detach();
          }
        },
      };
    },
    importCatalogue: (file) => importChromiumCatalogue(session, file),
    async evidence(): Promise<StoredEvidence[]> {
      const page = await session.context.newPage();
      try {
        await page.goto(`chrome-extension://${session.extensionId}/options.html`);
        return await page.evaluate(readEvidenceStore);
      } finally {
        await page.close();
      }
    },
    async exportCase(caseName) {
      const page = await session.context.newPage();
      try {
        await page.goto(`chrome-extension://${session.extensionId}/evidence.html`);
        await page.waitForSelector('[data-testid="evidence-row"]');
        const rows = await page.evaluate(evidenceRows);
        await page.evaluate(catchDownloads);
        await page.click('[data-testid="evidence-select-all"]');
        await page.fill('[data-testid="evidence-add-case-name"]', caseName);
        await page.click('[data-testid="evidence-add-case-apply"]');
        await page.click('[data-testid="evidence-section-cases"]');
        await page.click('[data-testid="evidence-case-open"]');
        await page.click('[data-testid="evidence-export-case"]:not([disabled])');
        await page.waitForFunction(() => (window as unknown as { colophonBundle?: Blob }).colophonBundle !== undefined, undefined, { timeout: 30_000 });
        return { rows, bundle: (await page.evaluate(caughtBundle))! };
      } finally {
        await page.close();
      }
    },
    async verifyChain() {
      const page = await session.context.newPage();
      try {
        await page.goto(`chrome-extension://${session.extensionId}/evidence.html`);
        await page.click('[data-testid="evidence-chain-verify"]');
        const result = await page.waitForSelector('[data-testid="evidence-chain"][data-result="true"], [data-testid="evidence-chain"][data-result="false"], [data-testid="evidence-chain"][data-result="failed"]', { timeout: 60_000 });
        return { ok: (await result.getAttribute('data-result')) === 'true', text: await result.innerText() };
      } finally {
        await page.close();
      }
    },
    close: () => session.close(),
  };
}
