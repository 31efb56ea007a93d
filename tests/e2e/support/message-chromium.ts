/**
 * Chromium set up for message fuzzing (message-browser.ts says what and why): launched as
 * chromium.ts launches it, with the copy of the build that may use `scripting.executeScript`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { chromeBuild, chromiumPath } from './chromium';
import { DemoMarketplace, notFoundPage, savedPageHeaders } from './marketplace';
import { backgroundState, pageTriesToSend, scriptingBuild, senderSource, type FuzzBrowser } from './message-browser';
import { storeSnapshot } from './message-pages';

/** What the tests use of Chromium's own `chrome` API, in an extension page. */
interface ChromeScope {
  chrome: {
    tabs: { query(query: object): Promise<{ id?: number; url?: string }[]>; getCurrent(): Promise<{ id?: number } | undefined> };
    scripting: { executeScript(injection: object): Promise<{ frameId: number; result?: unknown }[]> };
  };
}

export async function chromiumFuzzBrowser(marketplace: DemoMarketplace, urls: FuzzBrowser['urls']): Promise<FuzzBrowser> {
  const build = await scriptingBuild(chromeBuild);
  const profile = await mkdtemp(join(tmpdir(), 'colophon-fuzz-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: [`--disable-extensions-except=${build.path}`, `--load-extension=${build.path}`, '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--host-resolver-rules=MAP * ~NOTFOUND'],
  });
  const close = async () => {
    await context.close();
    await rm(profile, { recursive: true, force: true });
    await build.remove();
  };
  try {
    await context.route(/^https?:\/\//, async (route) => {
      if (route.request().resourceType() !== 'document') return route.fulfill({ status: 204, body: '' });
      const body = marketplace.page(route.request().url());
      await route.fulfill({ status: body === null ? 404 : 200, headers: savedPageHeaders, body: body ?? notFoundPage });
    });
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const extensionId = new URL(worker.url()).host;
    const extensionBase = `chrome-extension://${extensionId}/`;
    const open = async (url: string) => {
      const page = await context.newPage();
      await page.goto(url, { waitUntil: 'load' });
      return page;
    };
    const pageA = await open(urls.a);
    await open(urls.b);
    const extension = await open(`${extensionBase}popup.html`);

    const tabs = await extension.evaluate(async (marketplaceUrls) => {
      const all = await (globalThis as unknown as ChromeScope).chrome.tabs.query({});
      const find = (url: string) => all.find((tab) => tab.url === url)?.id ?? -1;
      return { a: find(marketplaceUrls.a), b: find(marketplaceUrls.b), all: all.map((tab) => tab.id!).sort((x, y) => x - y) };
    }, urls);
    const extensionTab = await extension.evaluate(async () => (await (globalThis as unknown as ChromeScope).chrome.tabs.getCurrent())?.id);

    const fuzz: FuzzBrowser = {
      name: 'chromium',
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
        const arg = JSON.stringify({ text, concurrency });
        if (from === 'page') return extension.evaluate(`(${senderSource})(${arg})`) as Promise<string>;
        const sender = fuzz.senders[from];
        const target = JSON.stringify({ tabId: sender.tab!.id, frameIds: [sender.frameId] });
        return extension.evaluate(`chrome.scripting.executeScript({ target: ${target}, world: 'ISOLATED', func: ${senderSource}, args: [${arg}] }).then((results) => results[0].result)`) as Promise<string>;
      },
      snapshot: () => extension.evaluate(storeSnapshot),
      background: (mark) => worker.evaluate(`(${backgroundState})(globalThis, ${JSON.stringify(mark ?? null)})`),
      pageTriesToSend: () => pageA.evaluate(pageTriesToSend, extensionId),
      close,
    };
    fuzz.senders.frame.frameId = await addFrame(pageA, extension, tabs.a, urls.frame);
    return fuzz;
  } catch (error) {
    await close();
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
  const frames = await extension.evaluate(
    async (tab) => {
      const { scripting } = (globalThis as unknown as ChromeScope).chrome;
      return (await scripting.executeScript({ target: { tabId: tab, allFrames: true }, func: () => location.href })).map(({ frameId, result }) => ({ frameId, href: result as string }));
    },
    tabId,
  );
  const frame = frames.find((candidate) => candidate.frameId !== 0 && candidate.href === url);
  if (!frame) throw new Error(`no iframe at ${url} in tab ${tabId}: ${JSON.stringify(frames)}`);
  return frame.frameId;
}
