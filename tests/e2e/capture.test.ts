/**
 * One click captures a listing: on a fixture item page and a fixture
 * search page under their real URLs, the Report button of Colophon's mark stores an evidence
 * item whose screenshots' bytes match the hashes taken at capture; the evidence manager lists
 * them, groups them into a case and exports it as a bundle that the verifier accepts, and every
 * kind of tampering with that bundle is named. The browsers load the build
 * with the optional `<all_urls>` permission granted, as a user allows it once for these buttons.
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumDriver } from './support/chromium-driver';
import type { BrowserDriver, MarketplaceTab, StoredEvidence } from './support/driver';
import { firefoxDriver } from './support/firefox-driver';
import { DemoMarketplace } from './support/marketplace';
import { flipByte, namedFiles, replaceEntry, rewriteBundle, verifyBytes, bundleEntries } from '../support/evidence/bundle-helpers';

const marketplace = new DemoMarketplace();
const poll = { timeout: 30_000, interval: 500 };
const catalogueFile = resolve(import.meta.dirname, 'fixtures/catalogue.csv');

async function waitForMarks(tab: MarketplaceTab, listing: string) {
  await expect.poll(async () => (await tab.popup()).matched, poll).toContain(listing);
}

/** The Report button sits in the top right corner of a card's mark. */
async function reportCard(tab: MarketplaceTab, listing: string) {
  const box = await tab.evaluate((id) => {
    const card = document.querySelector(`a[id="item_id_${id}"]`)!;
    card.scrollIntoView({ block: 'center', behavior: 'instant' });
    const rect = card.getBoundingClientRect();
    return { right: rect.right, top: rect.top };
  }, listing);
  // Let the marks follow the scroll before clicking.
  await new Promise((done) => setTimeout(done, 600));
  await tab.click(box.right - 8, box.top + 8);
}

/** The banner's Report button is its rightmost control, near the top right of the window. */
async function reportBanner(tab: MarketplaceTab) {
  const width = await tab.evaluate(() => document.documentElement.clientWidth);
  await tab.click(width - 12 - 12 - 10, 12 + 8 + 10);
}

/**
 * The evidence is read in an extension page, which opening makes the active tab: looking too soon
 * would take the tab away from the capture (which then stops, as it must). So wait for it first.
 */
async function storedEvidence(browser: BrowserDriver, listing: string): Promise<StoredEvidence | undefined> {
  await new Promise((done) => setTimeout(done, 10_000));
  await expect.poll(async () => (await browser.evidence()).find((item) => item.listingId === listing), poll).toBeDefined();
  return (await browser.evidence()).find((item) => item.listingId === listing);
}

function expectWhole(item: StoredEvidence | undefined) {
  expect(item).toBeDefined();
  const kinds = item!.artifacts.map((a) => a.kind);
  expect(kinds[0]).toBe('visible-screenshot');
  expect(kinds).toContain('full-page-screenshot');
  expect(kinds).toContain('page-html');
  for (const artifact of item!.artifacts) {
    expect(artifact.size).toBeGreaterThan(0);
    expect(artifact.bytesSha256).toBe(artifact.sha256);
  }
}

describe.each([
  ['chromium', () => chromiumDriver({ granted: true })],
  ['firefox', () => firefoxDriver({ granted: true })],
] as const)('%s', (_name, launch) => {
  let browser: BrowserDriver;
  beforeAll(async () => {
    browser = await launch();
    await browser.importCatalogue(catalogueFile);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('captures an item page from its banner in one click', async () => {
    const tab = await browser.open(marketplace.fixture('taobao/item-authored-2025-ice-book').url);
    await waitForMarks(tab, '1017564382910');
    await reportBanner(tab);
    const item = await storedEvidence(browser, '1017564382910');
    expect(item!.pageKind).toBe('item');
    expectWhole(item);
  });

  it('captures one search card from its mark in one click', async () => {
    const tab = await browser.open(marketplace.fixture('taobao/search-authored-2025-cards').url);
    await waitForMarks(tab, '745612390871');
    await reportCard(tab, '745612390871');
    const item = await storedEvidence(browser, '745612390871');
    expect(item!.pageKind).toBe('search');
    expectWhole(item);
  });

  it('lists both in the evidence manager, which exports their case as a bundle the verifier accepts and whose tampering it names', async () => {
    const { rows, bundle } = await browser.exportCase('Taobao, November');
    expect(rows.sort()).toEqual(['1017564382910', '745612390871']);
    const bytes = Uint8Array.from(Buffer.from(bundle, 'base64'));
    const untouched = await verifyBytes(bytes);
    expect(untouched.failures, JSON.stringify(untouched.failures)).toEqual([]);
    expect(untouched.ok).toBe(true);

    const entries = await bundleEntries(bytes);
    const screenshot = entries.find((entry) => entry.name.endsWith('visible-screenshot.png'))!.name;
    const second = entries[1]!.name;
    const tampered: Array<[string, Uint8Array, string[]]> = [
      ['a flipped byte', await rewriteBundle(bytes, (all) => replaceEntry(all, screenshot, flipByte(all.find((e) => e.name === screenshot)!.data, 100))), [screenshot]],
      ['a deleted file', await rewriteBundle(bytes, (all) => all.filter((e) => e.name !== screenshot)), [screenshot]],
      ['an added file', await rewriteBundle(bytes, (all) => [...all.slice(0, 2), { name: 'items/extra.txt', data: new Uint8Array([1, 2, 3]) }, ...all.slice(2)]), ['items/extra.txt']],
      ['a renamed file', await rewriteBundle(bytes, (all) => all.map((e) => (e.name === screenshot ? { ...e, name: screenshot.replace('.png', '-2.png') } : e))), [screenshot]],
      ['two files reordered', await rewriteBundle(bytes, (all) => [all[0]!, all[2]!, all[1]!, ...all.slice(3)]), [second]],
      ['an edited manifest', await rewriteBundle(bytes, (all) => replaceEntry(all, 'manifest.json', flipByte(all.find((e) => e.name === 'manifest.json')!.data, 40))), ['manifest.json']],
    ];
    for (const [what, changed, named] of tampered) {
      const verification = await verifyBytes(changed);
      expect(verification.ok, what).toBe(false);
      for (const file of named) expect(namedFiles(verification), what).toContain(file);
    }
  });
});
