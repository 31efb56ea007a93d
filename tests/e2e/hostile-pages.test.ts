/**
 * Colophon on pages that attack it: every saved marketplace page under every attack template
 * (tests/e2e/support/hostile/templates.ts), served at its real URL with an attack script that
 * runs first in the page, in real Chromium and Firefox side by side, with a catalogue imported so
 * that the marks and their Report buttons are there to be attacked. On every page, in both:
 *  - no script of ours executes page data (no payload ever runs or is parsed as markup);
 *  - the page never reads our shadow content, and sees nothing of Colophon until a mark is shown;
 *  - recognition still reports the page's own listings (the popup's summary);
 *  - no capture starts from the page's synthetic clicks, keys and pointer events;
 *  - Colophon is not stopped: after the page spoofed and echoed WXT's content-script handshake
 *    and Colophon-sounding events, a card added after load is still recognised (on every page
 *    with cards, under every template but the three heavy ones, templates.ts says why).
 * A real click on a Report button still captures its listing (the control), and hands the page
 * nothing of ours (Firefox's untargeted event properties included); window.find and the selection
 * it leaves find nothing of the marks; and a seller's field longer than a report may carry (an
 * author of 537 characters) is shortened, not refused.
 *
 * Timings are measured by tests/bench/hostile-pages.ts (npm run bench), never asserted here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogueFile, hostileCorpus } from './support/hostile/corpus';
import type { HostileBrowser } from './support/hostile/hostile-browser';
import { hostileChromium } from './support/hostile/hostile-chromium';
import { hostileFirefox } from './support/hostile/hostile-firefox';
import { templates } from './support/hostile/templates';
import { visitHostilePage, type Visit } from './support/hostile/visit';
import { oversizedSellerPage } from './support/hostile/oversized';
import { captureByRealClick } from './support/hostile/real-click';

const corpus = hostileCorpus();
const browsers: HostileBrowser[] = [];
const visits: Visit[] = [];
const startedAt = Date.now();

/**
 * Each browser goes through the corpus at its own pace, one page after the other in one tab; the
 * test of a page waits for both browsers' visits of it.
 */
function pendingVisit() {
  let settle!: { resolve: (visit: Visit) => void; reject: (error: unknown) => void };
  const promise = new Promise<Visit>((resolve, reject) => (settle = { resolve, reject }));
  // Handled by the page's test; a run cut short must not leave rejections nobody handles.
  promise.catch(() => undefined);
  return { promise, ...settle };
}
const pending = corpus.map(() => [pendingVisit(), pendingVisit()] as const);

beforeAll(async () => {
  browsers.push(...(await Promise.all([hostileChromium(), hostileFirefox()])));
  await Promise.all(browsers.map((browser) => browser.importCatalogue(catalogueFile)));
  // Not awaited: the pages' tests take the visits as they come.
  browsers.forEach(async (browser, index) => {
    for (const [at, page] of corpus.entries()) {
      await visitHostilePage(browser, page).then(pending[at]![index]!.resolve, pending[at]![index]!.reject);
    }
  });
}, 180_000);

afterAll(async () => {
  // What the corpus cost, per browser and template: reported, never asserted.
  for (const name of ['chromium', 'firefox']) {
    const ofBrowser = visits.filter((visit) => visit.browser === name);
    const perTemplate = templates.map((template) => {
      const times = ofBrowser.filter((visit) => visit.page.startsWith(`${template.name}/`)).map((visit) => visit.ms);
      return `${template.name} ${(times.reduce((a, b) => a + b, 0) / 1000).toFixed(1)} s`;
    });
    console.log(`${name}: ${ofBrowser.length} visits, ${(ofBrowser.reduce((sum, visit) => sum + visit.ms, 0) / 1000).toFixed(0)} s (${perTemplate.join(', ')})`);
    // What window.find read, should it ever read anything: the test below names the pages only.
    const read = ofBrowser.filter((visit) => visit.findLeaks.length > 0);
    if (read.length > 0) console.log(`${name}: window.find read the marks on ${read.length} pages, e.g. ${read[0]!.page}: ${read[0]!.findLeaks.join('; ')}`);
  }
  console.log(`hostile corpus: ${((Date.now() - startedAt) / 1000).toFixed(0)} s in all`);
  await Promise.all(browsers.map((browser) => browser.close()));
});

it('holds at least 200 pages, every template on every marketplace and kind of page', () => {
  expect(corpus.length).toBeGreaterThanOrEqual(200);
  const kinds = (name?: string) => new Set(corpus.filter((page) => !name || page.template.name === name).map((page) => `${page.fixture.site} ${page.expected.kind}`));
  for (const template of templates) expect([...kinds(template.name)].sort(), template.name).toEqual([...kinds()].sort());
});

it.each(corpus.map((page, at) => ({ name: page.name, at })))('$name', async ({ name, at }) => {
  const settled = await Promise.allSettled(pending[at]!.map(({ promise }) => promise));
  settled.forEach((result, index) => {
    if (result.status === 'fulfilled') visits.push(result.value);
    const problems = result.status === 'fulfilled' ? result.value.problems : [`the visit failed: ${String(result.reason)}`];
    expect.soft(problems, `${browsers[index]!.name}: ${name}`).toEqual([]);
  });
});

describe.each(['chromium', 'firefox'] as const)('%s', (name) => {
  const browser = () => browsers.find((candidate) => candidate.name === name)!;

  it('stored no evidence: none of the pages started a capture', async () => {
    expect(await browser().evidence()).toEqual([]);
  });

  let control: Visit | null = null;
  it("captures a listing when the user's real click lands on its Report button, under the click storm", async () => {
    const result = await captureByRealClick(browser(), corpus);
    control = result.visit;
    if (result.visit.inputLeaks.length > 0) console.log(`${name}: the user's own click handed the page ${result.visit.inputLeaks.join('; ')}`);
    expect(result.evidence.map((item) => item.listingId)).toEqual([result.listing]);
    expect(result.evidence[0]!.artifacts.map((artifact) => artifact.kind)).toContain('visible-screenshot');
    // The page saw the capture's progress box come and go, but no text of it.
    expect(result.visit.findings!.storm.statusSeen).toBeGreaterThan(0);
    expect(result.visit.problems.filter((problem) => problem.includes('read our text'))).toEqual([]);
  }, 90_000);

  it('lets no page read the marks through window.find and the selection', () => {
    const leaks = visits.filter((visit) => visit.browser === name && visit.findLeaks.length > 0);
    expect(leaks.map((visit) => `${visit.page}: ${visit.findLeaks.join('; ')}`)).toEqual([]);
  });

  it("hands the page nothing of ours through the user's own input on a mark", () => {
    expect(control, 'the control ran').not.toBeNull();
    expect(control!.inputLeaks).toEqual([]);
  });

  it('still recognises an item whose seller wrote an author longer than a report may carry', async () => {
    // The same page without the long author is read within two seconds.
    const visit = await visitHostilePage(browser(), oversizedSellerPage(corpus), { recognitionMs: 8_000 });
    expect(visit.problems).toEqual([]);
  });
});
