/**
 * `npx tsx tests/demo/evidence-screenshot.ts`: the README's picture of the evidence manager. Two
 * listings are captured on the demo marketplace with their Report buttons (the build loaded with
 * one-click capture from the page allowed), then the evidence manager is photographed: its list,
 * and one item opened. Writes .readme/evidence-manager.png and .readme/evidence-item.png.
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { launchChromium } from '../e2e/support/chromium';
import { DemoMarketplace } from '../e2e/support/marketplace';

const outputDir = resolve(import.meta.dirname, '../../.readme');
const marketplace = new DemoMarketplace();
const session = await launchChromium({ marketplace, granted: true });
await mkdir(outputDir, { recursive: true });

const options = await session.context.newPage();
await options.goto(`chrome-extension://${session.extensionId}/options.html`);
await options.setInputFiles('[data-testid="catalogue-file-input"]', resolve(import.meta.dirname, '../e2e/fixtures/catalogue.csv'));
await options.click('[data-testid="import-start"]:not([disabled])');
await options.waitForSelector('[data-testid="catalogue-row"]');
await options.fill('[data-testid="captured-by"]', 'Rights team, Springer Nature');
await options.press('[data-testid="captured-by"]', 'Tab');
await options.close();

const item = await session.context.newPage();
await item.goto(marketplace.fixture('taobao/item-authored-2025-ice-book').url);
await item.waitForTimeout(3000);
const width = await item.evaluate(() => document.documentElement.clientWidth);
await item.mouse.click(width - 34, 30);
await item.waitForTimeout(8000);

const search = await session.context.newPage();
await search.goto(marketplace.fixture('taobao/search-authored-2025-cards').url);
await search.waitForTimeout(3000);
const card = await search.evaluate(() => {
  const found = document.querySelector('a[id="item_id_745612390871"]')!;
  found.scrollIntoView({ block: 'center', behavior: 'instant' });
  const box = found.getBoundingClientRect();
  return { x: box.right - 8, y: box.top + 8 };
});
await search.waitForTimeout(800);
await search.mouse.click(card.x, card.y);
await search.waitForTimeout(12000);

const manager = await session.context.newPage();
await manager.setViewportSize({ width: 1280, height: 760 });
await manager.goto(`chrome-extension://${session.extensionId}/evidence.html`);
await manager.waitForTimeout(2500);
await manager.screenshot({ path: join(outputDir, 'evidence-manager.png') });
console.log(`Wrote ${join(outputDir, 'evidence-manager.png')}`);
await session.close();
