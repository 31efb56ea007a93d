/**
 * A representative imports a catalogue through the options page; then, on saved pages under their
 * real marketplace URLs, exactly the listings that look like its books are marked (on search
 * pages, cards that arrive after load too) and listed in the popup.
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumDriver } from './support/chromium-driver';
import type { BrowserDriver, MarketplaceTab } from './support/driver';
import { firefoxDriver } from './support/firefox-driver';
import { DemoMarketplace } from './support/marketplace';

const marketplace = new DemoMarketplace();
const poll = { timeout: 20_000, interval: 250 };
const catalogueFile = resolve(import.meta.dirname, 'fixtures/catalogue.csv');

/**
 * What must be marked on each page with tests/e2e/fixtures/catalogue.csv. The catalogue also holds
 * "Statistics", a generic title that must mark nothing on its own, and none of the other books
 * on these pages (Head First Python's "Fundamentals of Python Programming" included).
 */
const pages = [
  { fixture: 'taobao/search-authored-2025-cards', marked: ['745612390871', '1003847261953'] },
  { fixture: 'aliexpress/search-authored-2026-init-data', marked: ['1005007284916352'] },
  { fixture: 'taobao/item-authored-2025-ice-book', marked: ['1017564382910'] },
  { fixture: 'tmall/item-authored-2025-ice-book', marked: [] },
];

/** A Taobao search card for a listing of a catalogue book, added after the page loaded. */
function addAlgorithmsCard() {
  const first = document.querySelector('a[id^="item_id_"]')!;
  const card = first.cloneNode(true) as HTMLAnchorElement;
  card.id = 'item_id_700000000042';
  card.href = 'https://item.taobao.com/item.htm?id=700000000042';
  const title = card.querySelector('[class*="title--"]')!;
  title.setAttribute('title', '算法导论 第四版 Introduction to Algorithms 4th Edition Cormen 英文原版');
  title.textContent = title.getAttribute('title');
  first.parentElement!.append(card);
}

async function expectMarked(tab: MarketplaceTab, marked: string[]) {
  await expect.poll(async () => (await tab.popup()).matched.sort(), poll).toEqual([...marked].sort());
  // Where the browser's automation can see into Colophon's closed shadow root, check the marks too.
  const onPage = await tab.markedListings();
  if (onPage !== null) expect(onPage.sort()).toEqual([...marked].sort());
}

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

  it('imports the catalogue through the options page', async () => {
    const listed = await browser.importCatalogue(catalogueFile);
    expect(listed).toEqual([{ name: 'catalogue', entries: 5, enabled: true }]);
  });

  it.each(pages)('marks exactly the catalogue books on $fixture', async ({ fixture, marked }) => {
    const tab = await browser.open(marketplace.fixture(fixture).url);
    await expectMarked(tab, marked);
  });

  it('marks a matching card that arrives after load', async () => {
    const tab = await browser.open(marketplace.fixture('taobao/search-authored-2025-cards').url);
    await expectMarked(tab, ['745612390871', '1003847261953']);
    await tab.evaluate(addAlgorithmsCard);
    await expectMarked(tab, ['745612390871', '1003847261953', '700000000042']);
  });
});
