/**
 * Firefox set up for message fuzzing (message-browser.ts says what and why), on firefox.ts's
 * session. Firefox's `tabs.executeScript` (Manifest V2) needs only the host permissions Colophon
 * already has, so the build is loaded as it is.
 */
import type { Page } from 'puppeteer-core';
import { launchFirefox } from './firefox';
import type { DemoMarketplace } from './marketplace';
import { backgroundState, pageTriesToSend, senderSource, type FuzzBrowser } from './message-browser';
import { storeSnapshot } from './message-pages';

export async function firefoxFuzzBrowser(marketplace: DemoMarketplace, urls: FuzzBrowser['urls']): Promise<FuzzBrowser> {
  const session = await launchFirefox({ marketplace });
  try {
    const open = async (url: string) => {
      const tab = await session.openTab();
      await tab.page.goto(url, { waitUntil: 'load' });
      return tab;
    };
    const tabA = await open(urls.a);
    const tabB = await open(urls.b);
    const extension = await session.openExtensionPage('popup.html');
    const extensionBase = `${session.extensionOrigin}/`;
    const extensionId = await extension.evaluate(() => browser.runtime.id);
    const all = await extension.evaluate(async () => (await browser.tabs.query({})).map((tab) => tab.id!).sort((x, y) => x - y));
    const extensionTab = await extension.evaluate(async () => (await browser.tabs.getCurrent())?.id);
    const tabs = { a: tabA.createdTabId, b: tabB.createdTabId, all };

    const fuzz: FuzzBrowser = {
      name: 'firefox',
      extensionId,
      extensionBase,
      urls,
      tabs,
      senders: {
        page: { id: extensionId, url: `${extensionBase}popup.html`, frameId: 0, tab: { id: extensionTab } },
        'content-a': { id: extensionId, url: urls.a, frameId: 0, tab: { id: tabs.a, url: urls.a } },
        'content-b': { id: extensionId, url: urls.b, frameId: 0, tab: { id: tabs.b, url: urls.b } },
        frame: { id: extensionId, url: urls.frame, frameId: -1, tab: { id: tabs.a, url: urls.a } },
      },
      async send(from, text, concurrency) {
        const call = `(${senderSource})(${JSON.stringify({ text, concurrency })})`;
        if (from === 'page') return extension.evaluate(call) as Promise<string>;
        const sender = fuzz.senders[from];
        return extension.evaluate(
          async (code, tabId, frameId) => ((await browser.tabs.executeScript(tabId, { code, frameId })) as unknown as string[])[0]!,
          call,
          sender.tab!.id!,
          sender.frameId!,
        );
      },
      snapshot: () => extension.evaluate(storeSnapshot),
      background: (mark) => extension.evaluate(`browser.runtime.getBackgroundPage().then((page) => (${backgroundState})(page, ${JSON.stringify(mark ?? null)}))`) as never,
      pageTriesToSend: () => tabA.page.evaluate(pageTriesToSend, extensionId),
      close: () => session.close(),
    };
    fuzz.senders.frame.frameId = await addFrame(tabA.page, extension, tabs.a, urls.frame);
    return fuzz;
  } catch (error) {
    await session.close();
    throw error;
  }
}

/** Puts `url` in an iframe of the marketplace page, as a page's own script would; its frame id. */
async function addFrame(page: Page, extension: Page, tabId: number, url: string): Promise<number> {
  await page.evaluate(
    (src) =>
      new Promise<void>((loaded) => {
        const frame = document.createElement('iframe');
        frame.src = src;
        frame.onload = () => loaded();
        document.body.append(frame);
      }),
    url,
  );
  // Firefox's results do not say which frame gave them: each frame tells its own id.
  const frames = await extension.evaluate(
    async (tab) => (await browser.tabs.executeScript(tab, { allFrames: true, code: '[browser.runtime.getFrameId(window), location.href]' })) as [number, string][],
    tabId,
  );
  const frame = frames.find(([frameId, href]) => frameId !== 0 && href === url);
  if (!frame) throw new Error(`no iframe at ${url} in tab ${tabId}: ${JSON.stringify(frames)}`);
  return frame[0];
}
