/**
 * `npm run bench`, hostile pages: Colophon's renderer tasks on every page of the hostile corpus
 * (tests/e2e/support/hostile/), in real Chromium with the built extension (`npm run build`
 * first) and the end-to-end catalogue imported, so that marks are drawn where it matches. Each
 * page is traced through the visit hostile-steps.ts describes. hostile-pages-firefox.ts measures
 * the same in Firefox.
 *
 * Budget: no task of ours over 50 ms. Our time in a task is counted apart from the task's length,
 * by the wall clock and by the renderer thread's clock, and judged on the thread's
 * (tests/bench/our-tasks.ts says why); the first task, in which the browser compiles and starts
 * the content script, is counted apart from the later ones. The machine is shared: the load average
 * goes with the figures. Measured here, never asserted in tests.
 * Results: tests/bench/results/hostile-pages.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { catalogueFile, hostileCorpus } from '../e2e/support/hostile/corpus';
import { hostileChromium } from '../e2e/support/hostile/hostile-chromium';
import { templates } from '../e2e/support/hostile/templates';
import { benchVisit } from './hostile-steps';
import { ourTasks } from './our-tasks';

const budgetMs = 50;
/**
 * `npx tsx tests/bench/hostile-pages.ts script-flood dom-flood/taobao/item-2020-classic` runs only
 * those templates and pages, and leaves the results file as it is.
 */
const only = process.argv.slice(2);
const loadAtStart = loadavg()[0]!;
const browser = await hostileChromium();
await browser.importCatalogue(catalogueFile);

interface Row {
  page: string;
  template: string;
  tasks: number;
  /** The first task, in which the browser compiles and starts the content script: our thread time. */
  injectionMs: number;
  /** The same by the wall clock. */
  injectionWallMs: number;
  /** The longest of the later tasks (recognition, marks, the observer): our thread time in it. */
  longestLaterMs: number;
  /** Our time in that task by the wall clock. */
  longestLaterWallMs: number;
  /** The length of that task by the wall clock, the page's own work in it included. */
  itsTaskMs: number;
  totalOursMs: number;
}
const rows: Row[] = [];
console.log(`${'page'.padEnd(62)}${'tasks'.padStart(5)}${'inject'.padStart(9)}${'(wall)'.padStart(9)}${'later'.padStart(9)}${'(wall)'.padStart(9)}${'task'.padStart(9)}`);
for (const page of hostileCorpus().filter((page) => only.length === 0 || only.includes(page.template.name) || only.includes(page.name))) {
  const tasks = await ourTasks(browser.page, () => benchVisit(browser, page));
  const later = tasks.slice(1);
  const longest = later.reduce((top, task) => (task.oursThreadMs > top.oursThreadMs ? task : top), { oursMs: 0, oursThreadMs: 0, taskMs: 0 });
  const row: Row = {
    page: page.name,
    template: page.template.name,
    tasks: tasks.length,
    injectionMs: round(tasks[0]?.oursThreadMs ?? 0),
    injectionWallMs: round(tasks[0]?.oursMs ?? 0),
    longestLaterMs: round(longest.oursThreadMs),
    longestLaterWallMs: round(longest.oursMs),
    itsTaskMs: round(longest.taskMs),
    totalOursMs: round(tasks.reduce((sum, task) => sum + task.oursThreadMs, 0)),
  };
  rows.push(row);
  console.log(
    `${row.page.padEnd(62)}${String(row.tasks).padStart(5)}${row.injectionMs.toFixed(1).padStart(9)}${row.injectionWallMs.toFixed(1).padStart(9)}${row.longestLaterMs.toFixed(1).padStart(9)}${row.longestLaterWallMs.toFixed(1).padStart(9)}${row.itsTaskMs.toFixed(1).padStart(9)}`,
  );
}
await browser.close();

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? 0;
const perTemplate = templates.filter(({ name }) => rows.some((row) => row.template === name)).map(({ name }) => {
  const of = rows.filter((row) => row.template === name);
  const worst = of.reduce((top, row) => (row.longestLaterMs > top.longestLaterMs ? row : top));
  return {
    template: name,
    pages: of.length,
    medianInjectionMs: median(of.map((row) => row.injectionMs)),
    maxInjectionMs: Math.max(...of.map((row) => row.injectionMs)),
    medianLongestLaterMs: median(of.map((row) => row.longestLaterMs)),
    maxLongestLaterMs: worst.longestLaterMs,
    worstPage: worst.page,
    pagesOverBudget: of.filter((row) => row.longestLaterMs > budgetMs || row.injectionMs > budgetMs).length,
    pagesOverBudgetByWallClock: of.filter((row) => row.longestLaterWallMs > budgetMs || row.injectionWallMs > budgetMs).length,
  };
});
console.log(`\nColophon's renderer tasks on ${rows.length} hostile pages, per template: our thread time in one task, ms (budget ${budgetMs})`);
console.log(`${''.padEnd(22)}${''.padStart(6)}${'injection'.padStart(16)}${'later tasks'.padStart(18)}`);
console.log(`${'template'.padEnd(22)}${'pages'.padStart(6)}${'median'.padStart(8)}${'max'.padStart(8)}${'median'.padStart(9)}${'max'.padStart(9)}${'over'.padStart(6)}  worst page`);
for (const t of perTemplate) {
  console.log(
    `${t.template.padEnd(22)}${String(t.pages).padStart(6)}${t.medianInjectionMs.toFixed(1).padStart(8)}${t.maxInjectionMs.toFixed(1).padStart(8)}${t.medianLongestLaterMs.toFixed(1).padStart(9)}${t.maxLongestLaterMs.toFixed(1).padStart(9)}${String(t.pagesOverBudget).padStart(6)}  ${t.worstPage}`,
  );
}
console.log(`Load average ${loadAtStart.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end, on ${cpus().length} cores.`);
const resultsDir = join(import.meta.dirname, 'results');
await mkdir(resultsDir, { recursive: true });
if (only.length === 0) await writeFile(
  join(resultsDir, 'hostile-pages.json'),
  JSON.stringify({ measuredAt: new Date().toISOString(), node: process.version, loadAverage: { start: loadAtStart, end: loadavg()[0] }, budgetMs, perTemplate, rows }, null, 2) + '\n',
);
