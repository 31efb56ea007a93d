/**
 * The control for the click storm: on the storm's Taobao search page, the user's own click on a
 * mark's Report button (top right of its card) still captures that listing, with the page
 * clicking everything around it all the while.
 */
import type { StoredEvidence } from '../driver';
import type { AttackFindings } from './attack-types';
import type { HostilePage } from './corpus';
import type { HostileBrowser } from './hostile-browser';
import { judge } from './judge';
import { poll, visitHostilePage, type Visit } from './visit';

const listing = '745612390871';
const pageName = 'click-storm/taobao/search-authored-2025-cards';

/**
 * A capture takes the marks out of the page for every shot and puts them back after: it is over
 * when they were out at least once, are back, and have stayed put for a while.
 */
const captureSettled = `(() => {
  const changes = window.__attack.findings.foreignMutations;
  const last = changes[changes.length - 1];
  return { removed: changes.some((change) => change.kind === 'removed'), back: last?.kind === 'added', quietMs: performance.now() - window.__attack.started - (last?.at ?? 0) };
})()`;

export async function captureByRealClick(browser: HostileBrowser, corpus: HostilePage[]): Promise<{ listing: string; evidence: StoredEvidence[]; visit: Visit }> {
  const stormPage = corpus.find((page) => page.name === pageName)!;
  const page: HostilePage = { ...stormPage, name: `control/${stormPage.fixture.name}`, lateCard: null };
  const visit = await visitHostilePage(browser, page);
  const box = await browser.evaluate<{ right: number; top: number }>(`(() => {
    const card = document.querySelector('a[id="item_id_${listing}"]');
    card.scrollIntoView({ block: 'center', behavior: 'instant' });
    const box = card.getBoundingClientRect();
    return { right: box.right, top: box.top };
  })()`);
  // Let the marks follow the scroll before clicking.
  await new Promise((done) => setTimeout(done, 600));
  await browser.click(box.right - 8, box.top + 8);
  await poll(() => browser.evaluate<{ removed: boolean; back: boolean; quietMs: number }>(captureSettled), (state) => state.removed && state.back && state.quietMs > 2500, 45_000);
  const findings = JSON.parse(await browser.evaluate<string>('window.__attack.report()')) as AttackFindings;
  const evidence = await browser.evidence();
  return { listing, evidence, visit: { ...visit, ...judge(findings, page, visit.popup, []), findings } };
}
