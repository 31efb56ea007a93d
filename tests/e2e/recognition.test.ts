/**
 * The built extension, in real Chromium and Firefox, on saved pages served under their real
 * marketplace URLs: it recognises the page, reports it to the background, picks up cards that
 * arrive after load and shows the counts in the popup.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DemoMarketplace } from './support/marketplace';
import type { BrowserDriver, MarketplaceTab } from './support/driver';
import { chromiumDriver } from './support/chromium-driver';
import { firefoxDriver } from './support/firefox-driver';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { elementEventTypes } from '@/entrypoints/marketplace.content/event-types';
import { chromeBuild } from './support/chromium';

const marketplace = new DemoMarketplace();
const poll = { timeout: 20_000, interval: 250 };

const pages = [
  { fixture: 'aliexpress/search-authored-2026-init-data', marketplace: 'aliexpress', kind: 'search' },
  { fixture: 'aliexpress/search-ru-2025-popular', marketplace: 'aliexpress', kind: 'search' },
  { fixture: 'taobao/search-authored-2025-cards', marketplace: 'taobao', kind: 'search' },
  { fixture: 'taobao/search-2018-mainsrp', marketplace: 'taobao', kind: 'search' },
  { fixture: 'taobao/item-2026-ice', marketplace: 'taobao', kind: 'item' },
  { fixture: 'tmall/item-2020-tshop', marketplace: 'tmall', kind: 'item' },
  { fixture: 'aliexpress/blocked-2026-captcha', marketplace: 'aliexpress', kind: 'blocked' },
];

/** Adds a result card the way Taobao's search app renders one, after the page has loaded. */
function addTaobaoCard(id: string) {
  const first = document.querySelector('a[id^="item_id_"]')!;
  const card = first.cloneNode(true) as HTMLAnchorElement;
  card.id = `item_id_${id}`;
  card.href = `https://item.taobao.com/item.htm?id=${id}&ns=1`;
  first.parentElement!.append(card);
}

/** Single-page navigation: Taobao swaps the results and the URL without loading a document. */
function showNextResultsPage(ids: string[]) {
  const cards = Array.from(document.querySelectorAll<HTMLAnchorElement>('a[id^="item_id_"]'));
  cards.forEach((card, index) => {
    if (index >= ids.length) return card.remove();
    card.id = `item_id_${ids[index]}`;
    card.href = `https://item.taobao.com/item.htm?id=${ids[index]}`;
  });
  history.pushState({}, '', `${location.pathname}${location.search}&page=2`);
}

describe('the built content script', () => {
  // Every marketplace page loads it; the polyfill comes in whenever one of its modules names a
  // value the build auto-imports from a module that uses the extension API.
  const script = readFileSync(resolve(chromeBuild, 'content-scripts/marketplace.js'), 'utf8');

  it('stays within 35 kB', () => {
    expect(Buffer.byteLength(script)).toBeLessThanOrEqual(35 * 1024);
  });

  it('goes without webextension-polyfill and zod, which only the page tools need', () => {
    expect(script).not.toContain('This script should only be loaded in a browser extension');
    expect(script).not.toContain('zod');
  });
});

describe.each([
  ['chromium', chromiumDriver],
  ['firefox', firefoxDriver],
] as const)('%s', (_name, launch) => {
  let browser: BrowserDriver;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it.each(pages)('recognises $fixture and shows it in the popup', async ({ fixture, marketplace: site, kind }) => {
    const page = marketplace.fixture(fixture);
    const tab = await browser.open(page.url);
    await expect.poll(() => tab.popup(), poll).toMatchObject({ state: 'summary', marketplace: site, kind, listings: kind === 'blocked' ? 0 : page.expected.listings.length });
  });

  describe('on a Taobao search page', () => {
    let tab: MarketplaceTab;
    const fixture = marketplace.fixture('taobao/search-authored-2025-cards');
    const count = fixture.expected.listings.length;

    it('picks up cards added after load', async () => {
      tab = await browser.open(fixture.url);
      await expect.poll(() => tab.popup(), poll).toMatchObject({ listings: count });
      await tab.evaluate(addTaobaoCard, '700000000001');
      await tab.evaluate(addTaobaoCard, '700000000002');
      await expect.poll(() => tab.popup(), poll).toMatchObject({ kind: 'search', listings: count + 2 });
    });

    it('follows single-page navigation to the next results', async () => {
      await tab.evaluate(showNextResultsPage, ['700000000011', '700000000012', '700000000013']);
      await expect.poll(() => tab.popup(), poll).toMatchObject({ kind: 'search', listings: 3 });
    });
  });

  it('shields every event type this browser can aim at an element', async () => {
    const tab = await browser.open(marketplace.fixture('taobao/item-2026-ice').url);
    const types = await tab.evaluate(() => {
      const found = new Set<string>();
      for (const prototype of [Element.prototype, HTMLElement.prototype, SVGElement.prototype]) {
        for (const key of Object.getOwnPropertyNames(prototype)) if (key.startsWith('on')) found.add(key.slice(2));
      }
      return [...found];
    });
    expect(types.length).toBeGreaterThan(80);
    expect(types.filter((type) => !elementEventTypes.includes(type))).toEqual([]);
  });

  it('leaves other sites alone', async () => {
    const tab = await browser.open('https://example.com/');
    await expect.poll(() => tab.popup(), poll).toMatchObject({ state: 'not-marketplace', kind: null, listings: null });
  });
});
