/**
 * `npm start`: Colophon on a local demo marketplace, for a newcomer's first minute.
 *
 * Builds nothing itself (npm start builds first), opens Debian's Chromium with the built
 * extension, imports a small catalogue through the options page as a user would, then opens saved
 * AliExpress, Taobao and Tmall pages served under their real addresses (no network) and prints
 * what Colophon recognised on each and which listings look like the catalogue's books. With a display, the browser stays open
 * to explore (click Colophon's toolbar button on each tab); without one, it runs headless and
 * writes screenshots and a summary to demo-output/.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DemoMarketplace } from '../e2e/support/marketplace';
import { chromiumTabId, launchChromium, openChromiumPopup } from '../e2e/support/chromium';
import type { TabPage } from '../../utils/messages';

/** Five textbooks, one of them ("Statistics") too generic to flag anything on its own. */
const demoCatalogue = resolve(import.meta.dirname, '../e2e/fixtures/catalogue.csv');

const tour = [
  'taobao/search-authored-2025-cards',
  'aliexpress/search-authored-2026-init-data',
  'aliexpress/item-he-2020-runparams',
  'aliexpress/search-ru-2025-popular',
  'taobao/item-authored-2025-ice-book',
  'tmall/item-2020-tshop',
  'aliexpress/blocked-2026-captcha',
];

const headless = process.env.COLOPHON_HEADLESS === '1' || !process.env.DISPLAY;
const outputDir = resolve(import.meta.dirname, '../../demo-output');

const marketplace = new DemoMarketplace();
const session = await launchChromium({ marketplace, headless });
const started = Date.now();
const lines: string[] = [];

async function tabPage(tabId: number): Promise<TabPage | undefined> {
  return session.worker.evaluate(async (key) => (await (globalThis as any).chrome.storage.session.get(key))[key], `tab-page:${tabId}`);
}

if (headless) await mkdir(outputDir, { recursive: true });

const options = await session.context.newPage();
await options.goto(`chrome-extension://${session.extensionId}/options.html`);
await options.setInputFiles('[data-testid="catalogue-file-input"]', demoCatalogue);
await options.click('[data-testid="import-start"]:not([disabled])');
await options.waitForSelector('[data-testid="catalogue-row"]');
const entries = await options.getAttribute('[data-testid="catalogue-row"]', 'data-entries');
lines.push(`Imported the demo catalogue (${entries} books) through the options page: ${demoCatalogue}\n`);
if (headless) await options.screenshot({ path: join(outputDir, '00-options.png'), fullPage: true });
await options.close();

for (const [index, name] of tour.entries()) {
  const fixture = marketplace.fixture(name);
  const page = await session.context.newPage();
  await page.goto(fixture.url);
  const tabId = await chromiumTabId(session, page);
  let seen: TabPage | undefined;
  for (let waited = 0; !seen && waited < 10_000; waited += 200) {
    seen = await tabPage(tabId);
    if (!seen) await page.waitForTimeout(200);
  }
  const recognition = seen?.recognition;
  const what = !recognition
    ? 'not recognised'
    : recognition.kind === 'blocked'
      ? `${recognition.marketplace} wall (${recognition.wall}): not a product page`
      : `${recognition.marketplace} ${recognition.kind} page, ${recognition.listings.length} listing(s)`;
  lines.push(`${fixture.url}\n    ${what}`);
  for (const listing of recognition?.listings.slice(0, 3) ?? []) {
    const price = listing.price === null ? '' : `  ${listing.price} ${listing.currency ?? ''}`;
    const book = listing.isbn ? `  ISBN ${listing.isbn}` : '';
    lines.push(`      · ${listing.id}  ${(listing.title ?? '').slice(0, 70)}${price}${book}`);
  }
  for (const listing of recognition?.listings ?? []) {
    const match = seen?.matches[listing.id]?.[0];
    if (!match) continue;
    const reasons = match.reasons.map((reason) => (reason.kind === 'isbn' ? `ISBN ${reason.isbn}` : reason.kind === 'title' ? `title "${reason.title}"` : reason.kind === 'author' ? `author ${reason.name}` : reason.kind === 'edition' ? `edition ${reason.edition}` : reason.kind === 'segment' ? `in “${reason.text}”` : `rather than “${reason.title}”`));
    lines.push(`    ! ${listing.id} looks like "${match.title}" (${Math.round(match.confidence * 100)}%): ${reasons.join(' + ')}`);
  }
  if (headless) {
    const slug = `${String(index + 1).padStart(2, '0')}-${name.replace('/', '-')}`;
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(outputDir, `${slug}-page.png`) });
    const popup = await openChromiumPopup(session, tabId);
    await popup.setViewportSize({ width: 420, height: 480 });
    await popup.waitForSelector('[data-testid="page-summary"], [data-testid="not-marketplace"]');
    await popup.screenshot({ path: join(outputDir, `${slug}-popup.png`) });
    await popup.close();
  }
}

const summary = `Colophon recognised ${tour.length} demo marketplace pages in ${((Date.now() - started) / 1000).toFixed(1)} s:\n\n${lines.join('\n')}\n`;
console.log(summary);
if (headless) {
  await writeFile(join(outputDir, 'summary.txt'), summary);
  console.log(`Screenshots of each page and of Colophon's popup on it: ${outputDir}/`);
  await session.close();
} else {
  console.log('The browser stays open: click Colophon in the toolbar on each tab. Press Ctrl-C to finish.');
  process.on('SIGINT', () => void session.close().then(() => process.exit(0)));
}
