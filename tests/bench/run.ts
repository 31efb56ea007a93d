/**
 * `npm run bench`: how long recognition takes on every saved page.
 *
 *  1. In Node (happy-dom, whose selectors are slower than a browser's): recognisePage on each page,
 *     20 times, median and slowest.
 *  2. In real Chromium with the built extension (`npm run build` first) and the end-to-end
 *     catalogue imported, so that the page tools are loaded and marks drawn where it matches: from
 *     a trace, Colophon's own time in every renderer task in which the content script or the page
 *     tools ran (tests/bench/our-tasks.ts), the first task (compiling and starting the content
 *     script) apart from the later ones. Budget: no task over 16 ms, judged on the renderer
 *     thread's clock (our-tasks.ts says why), with the wall clock's figures beside it.
 *
 * Also the size of the content script every marketplace page loads (goal 35 kB) and of the page
 * tools. Speed is measured here, never asserted in tests. Results: tests/bench/results/recognition.json.
 */
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { savedPage } from '../../utils/cli/saved-page';
import { recognisePage } from '../../utils/sites';
import { chromeBuild, importChromiumCatalogue, launchChromium } from '../e2e/support/chromium';
import { DemoMarketplace } from '../e2e/support/marketplace';
import { pageFixtures } from '../fixtures/pages';
import { ourTasks, type OurTask } from './our-tasks';

const runs = 20;
const budgetMs = 16;
const catalogueFile = resolve(import.meta.dirname, '../e2e/fixtures/catalogue.csv');
const fixtures = pageFixtures();

function nodeTimings() {
  return fixtures.map((fixture) => {
    const html = fixture.html();
    const page = savedPage(html, fixture.url);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      recognisePage(fixture.url, page.document);
      times.push(performance.now() - start);
    }
    void page.close();
    times.sort((a, b) => a - b);
    return { page: fixture.name, kb: Math.round(html.length / 1024), medianMs: times[runs >> 1]!, maxMs: times[runs - 1]! };
  });
}

/** Colophon's time in every renderer task in which its content script or page tools ran, per page. */
async function contentScriptTasks() {
  const session = await launchChromium({ marketplace: new DemoMarketplace() });
  await importChromiumCatalogue(session, catalogueFile);
  const result: Record<string, OurTask[]> = {};
  for (const fixture of fixtures) {
    const page = await session.context.newPage();
    // Colophon recognises once the page is idle (at most 2.4 s after load); trace past that.
    result[fixture.name] = await ourTasks(page, async () => {
      await page.goto(fixture.url, { waitUntil: 'load' });
      await page.waitForTimeout(3000);
    });
    await page.close();
  }
  await session.close();
  return result;
}

const node = nodeTimings();
const tasks = await contentScriptTasks();
const round = (ms: number) => Math.round(ms * 10) / 10;

const rows = node.map((row) => {
  const ours = tasks[row.page] ?? [];
  return {
    ...row,
    contentScriptTasks: ours.length,
    injectionTaskMs: round(ours[0]?.oursThreadMs ?? 0),
    longestLaterTaskMs: round(Math.max(0, ...ours.slice(1).map((task) => task.oursThreadMs))),
    tasksOverBudget: ours.filter((task) => task.oursThreadMs > budgetMs).length,
    injectionTaskWallMs: round(ours[0]?.oursMs ?? 0),
    longestLaterTaskWallMs: round(Math.max(0, ...ours.slice(1).map((task) => task.oursMs))),
    tasksOverBudgetByWallClock: ours.filter((task) => task.oursMs > budgetMs).length,
  };
});
const kB = async (file: string) => Math.round((await stat(join(chromeBuild, file))).size / 102.4) / 10;
const sizes = { contentScriptKb: await kB('content-scripts/marketplace.js'), pageToolsKb: await kB('page-tools.js') };
const format = (value: number) => value.toFixed(1).padStart(8);
console.log(`Recognition on ${rows.length} saved pages (${new Date().toISOString()})`);
console.log(`${''.padEnd(54)}${'happy-dom (ms)'.padStart(16)}   ${"Chromium: Colophon's thread time per task (ms), the wall clock's in brackets"}`);
console.log(`${'page'.padEnd(48)}${'KB'.padStart(6)}${'median'.padStart(8)}${'max'.padStart(8)}   ${'tasks'.padStart(6)}${'injection'.padStart(10)}${'later max'.padStart(10)}${'over'.padStart(6)}`);
for (const row of rows) {
  console.log(
    `${row.page.padEnd(48)}${String(row.kb).padStart(6)}${format(row.medianMs)}${format(row.maxMs)}   ${String(row.contentScriptTasks).padStart(6)}${format(row.injectionTaskMs).padStart(10)}${format(row.longestLaterTaskMs).padStart(10)}${String(row.tasksOverBudget).padStart(6)}  (${row.injectionTaskWallMs.toFixed(1)}, ${row.longestLaterTaskWallMs.toFixed(1)}, ${row.tasksOverBudgetByWallClock})`,
  );
}
const longest = Math.max(...rows.flatMap((row) => [row.injectionTaskMs, row.longestLaterTaskMs]));
console.log(`\nLongest time of Colophon's in one renderer task: ${longest.toFixed(1)} ms (budget ${budgetMs} ms); ${rows.filter((row) => row.tasksOverBudget > 0).length} pages over it.`);
console.log(`Content script ${sizes.contentScriptKb} kB (goal 35 kB), page tools ${sizes.pageToolsKb} kB; load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores.`);
const resultsDir = join(import.meta.dirname, 'results');
await mkdir(resultsDir, { recursive: true });
await writeFile(join(resultsDir, 'recognition.json'), JSON.stringify({ measuredAt: new Date().toISOString(), node: process.version, loadAverage: loadavg()[0], runs, budgetMs, sizes, rows }, null, 2) + '\n');
