/**
 * The hostile corpus's Firefox: launchFirefox's session, and a marketplace tab of our own whose
 * requests the hostile server answers first (its listener runs before the demo marketplace's,
 * which leaves alone a request already answered).
 */
import type { ElementHandle, Page } from 'puppeteer-core';
import { firefoxAddonId } from '../../../../wxt.config';
import type { StoredEvidence } from '../driver';
import { readCatalogueList } from '../driver';
import { firefoxExtensionUuid, launchFirefox, until } from '../firefox';
import { serveMarketplace } from '../firefox-network';
import { DemoMarketplace } from '../marketplace';
import type { HostileBrowser, PopupView } from './hostile-browser';
import { evidenceScript, popupViewScript } from './hostile-browser';
import { HostileServer } from './server';

async function tabIds(probe: Page): Promise<number[]> {
  return probe.evaluate(async () => (await browser.tabs.query({})).map((tab) => tab.id!));
}

export async function hostileFirefox(): Promise<HostileBrowser> {
  const marketplace = new DemoMarketplace();
  const session = await launchFirefox({ granted: true, marketplace });
  const server = new HostileServer();
  const before = new Set(await tabIds(session.probe));
  const page = await session.browser.newPage();
  page.on('request', (request) => {
    if (request.isInterceptResolutionHandled()) return;
    const answer = server.answer(request.url(), request.isNavigationRequest());
    if (answer) request.respond(answer).catch((error: unknown) => !page.isClosed() && console.warn(`Firefox: could not answer ${request.url()}:`, error));
  });
  await serveMarketplace(page, marketplace);
  const tabId = await until('the marketplace tab to be seen by the extension', async () => (await tabIds(session.probe)).find((id) => !before.has(id)));
  const popup = await session.openExtensionPage(`popup.html?tab=${tabId}`);
  await page.bringToFront();

  return {
    name: 'firefox',
    extensionIds: [firefoxAddonId, firefoxExtensionUuid],
    pwnedRequests: server.pwnedRequests,
    async visit(url, html, headers, name) {
      server.show({ url, headers, name }, html);
      await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 30_000 });
    },
    evaluate: <T,>(script: string) => page.evaluate(script) as Promise<T>,
    popup: async () => (await popup.evaluate(popupViewScript)) as PopupView | null,
    click: (x, y) => page.mouse.click(x, y),
    move: (x, y) => page.mouse.move(x, y),
    async importCatalogue(file) {
      const options = await session.openExtensionPage('options.html');
      try {
        const count = (await options.evaluate(readCatalogueList)).length;
        const input = (await options.waitForSelector('[data-testid="catalogue-file-input"]')) as ElementHandle<HTMLInputElement>;
        await input.uploadFile(file);
        await (await options.waitForSelector('[data-testid="import-start"]:not([disabled])'))!.click();
        await options.waitForFunction((known: number) => document.querySelectorAll('[data-testid="catalogue-row"]').length > known, {}, count);
      } finally {
        await options.close().catch(() => undefined);
        await page.bringToFront();
      }
    },
    async evidence() {
      const reader = await session.openExtensionPage('options.html');
      try {
        return (await reader.evaluate(evidenceScript)) as StoredEvidence[];
      } finally {
        await reader.close().catch(() => undefined);
        await page.bringToFront();
      }
    },
    close: () => session.close(),
  };
}
