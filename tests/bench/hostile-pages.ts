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
import { loadavg } from 'node:os';
import { catalogueFile, hostileCorpus } from '../e2e/support/hostile/corpus';
import { hostileChromium } from '../e2e/support/hostile/hostile-chromium';
import { reportByTemplate, roundMs, type HostileRow } from './hostile-summary';
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

/**
 * `seen` counts the tasks in which our script ran; the first, in which the browser compiles and
 * starts the content script, is the injection; the later ones are recognition, marks, the observer.
 */
interface Row extends HostileRow {
  /** The length of the longest later task by the wall clock, the page's own work in it included. */
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
    seen: tasks.length,
    injectionMs: roundMs(tasks[0]?.oursThreadMs ?? 0),
    injectionWallMs: roundMs(tasks[0]?.oursMs ?? 0),
    longestLaterMs: roundMs(longest.oursThreadMs),
    longestLaterWallMs: roundMs(longest.oursMs),
    itsTaskMs: roundMs(longest.taskMs),
    totalOursMs: roundMs(tasks.reduce((sum, task) => sum + task.oursThreadMs, 0)),
  };
  rows.push(row);
  console.log(
    `${row.page.padEnd(62)}${String(row.seen).padStart(5)}${row.injectionMs.toFixed(1).padStart(9)}${row.injectionWallMs.toFixed(1).padStart(9)}${row.longestLaterMs.toFixed(1).padStart(9)}${row.longestLaterWallMs.toFixed(1).padStart(9)}${row.itsTaskMs.toFixed(1).padStart(9)}`,
  );
}
await browser.close();

await reportByTemplate(rows, {
  budgetMs,
  heading: `Colophon's renderer tasks on ${rows.length} hostile pages, per template: our thread time in one task`,
  loadAtStart,
  resultsFile: only.length === 0 ? 'hostile-pages.json' : null,
});
