/** The hostile corpus's Chromium: launchChromium's session with the hostile server routed first. */
import type { Page } from 'playwright-core';
import { chromiumTabId, importChromiumCatalogue, launchChromium, openChromiumPopup, type ChromiumSession } from '../chromium';
import type { StoredEvidence } from '../driver';
import type { HostileBrowser, PopupView } from './hostile-browser';
import { evidenceScript, popupViewScript } from './hostile-browser';
import { HostileServer } from './server';

export interface HostileChromium extends HostileBrowser {
  session: ChromiumSession;
  /** The marketplace tab, for the bench's traces. */
  page: Page;
}

export async function hostileChromium(): Promise<HostileChromium> {
  const session = await launchChromium({ granted: true });
  const server = new HostileServer();
  // Routes registered later are tried first: the hostile page, or on to the demo marketplace.
  await session.context.route(/^https?:\/\//, async (route) => {
    const request = route.request();
    const answer = server.answer(request.url(), request.resourceType() === 'document');
    if (!answer) return route.fallback();
    await route.fulfill(answer);
  });
  let page = await session.context.newPage();
  let popup: Page | null = null;
  // A page that crashes its renderer must not take the rest of the corpus with it: the next visit
  // starts in a new tab, with a new popup.
  let crashed = false;
  page.on('crash', () => (crashed = true));

  return {
    name: 'chromium',
    extensionIds: [session.extensionId],
    session,
    get page() {
      return page;
    },
    pwnedRequests: server.pwnedRequests,
    async visit(url, html, headers, name) {
      if (crashed) {
        await Promise.all([page.close(), popup?.close()]);
        page = await session.context.newPage();
        page.on('crash', () => (crashed = true));
        [crashed, popup] = [false, null];
      }
      server.show({ url, headers, name }, html);
      await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 30_000 });
      if (!popup) {
        popup = await openChromiumPopup(session, await chromiumTabId(session, page));
        await page.bringToFront();
      }
    },
    evaluate: <T,>(script: string) => page.evaluate(script) as Promise<T>,
    popup: async () => (popup ? ((await popup.evaluate(popupViewScript)) as PopupView | null) : null),
    click: (x, y) => page.mouse.click(x, y),
    move: (x, y) => page.mouse.move(x, y),
    async importCatalogue(file) {
      await importChromiumCatalogue(session, file);
      await page.bringToFront();
    },
    async evidence() {
      const reader = await session.context.newPage();
      try {
        await reader.goto(`chrome-extension://${session.extensionId}/options.html`);
        return (await reader.evaluate(evidenceScript)) as StoredEvidence[];
      } finally {
        await reader.close();
        await page.bringToFront();
      }
    },
    close: () => session.close(),
  };
}
