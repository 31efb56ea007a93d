/**
 * What the hostile-page benches do on each page, in Chromium and in Firefox alike, as
 * tests/e2e/hostile-pages.test.ts does: load it, wait until the popup describes it, give the click
 * storm its ticks over the marks, add a card after load where the page has cards, and wait past
 * the quiet period that follows a change and the reading after it.
 */
import type { HostilePage } from '../e2e/support/hostile/corpus';
import type { HostileBrowser } from '../e2e/support/hostile/hostile-browser';
import { popupShows } from '../e2e/support/hostile/judge';
import { poll, stormTicks } from '../e2e/support/hostile/visit';

export async function benchVisit(browser: HostileBrowser, page: HostilePage): Promise<void> {
  await browser.visit(page.url, page.html(browser.extensionIds), page.headers, page.name);
  await poll(() => browser.popup().catch(() => null), (view) => popupShows(view, page), 20_000);
  if (page.expected.marked.length > 0) await poll(() => browser.evaluate<number>('window.__attack.findings.storm.ticksWithOurs'), (ticks) => ticks >= stormTicks, 10_000);
  if (page.lateCard) {
    await browser.evaluate(`window.__attack.lateCard(${JSON.stringify(page.lateCard)})`);
    await poll(() => browser.popup().catch(() => null), (view) => popupShows(view, page, 1), 10_000);
  }
  await new Promise((done) => setTimeout(done, 600));
}
