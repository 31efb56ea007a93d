/**
 * `npm run bench`, hostile pages in Firefox: Colophon's work on every page of the hostile corpus
 * in real Firefox with the built extension, each page visited as hostile-steps.ts describes, the
 * same visit hostile-pages.ts traces in Chromium. Firefox's own sampling profiler gives our runs
 * of work (gecko-profile.ts says how they are read); one browser per template, so that each
 * profile holds a few minutes of samples.
 *
 * Budget: no run of ours over 50 ms, judged as in Chromium on the thread's own clock, the CPU time
 * the profiler records with each sample (a run's length by the wall clock goes with it: on this
 * two-core machine the system pauses the thread now and then, which is not our work). The first
 * run on a page, in which Firefox starts the content script, is counted apart from the later ones. `npx tsx tests/bench/hostile-pages-firefox.ts
 * dom-flood …` runs only the templates and pages named, and leaves the results file as it is.
 * Results: tests/bench/results/hostile-pages-firefox.json.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { catalogueFile, hostileCorpus, type HostilePage } from '../e2e/support/hostile/corpus';
import { hostileFirefox } from '../e2e/support/hostile/hostile-firefox';
import { templates } from '../e2e/support/hostile/templates';
import { geckoProfilerEnv, ourGeckoRuns, type OurRun } from './gecko-profile';
import { benchVisit } from './hostile-steps';

const budgetMs = 50;
const only = process.argv.slice(2);
const loadAtStart = loadavg()[0]!;
const work = await mkdtemp(join(tmpdir(), 'colophon-gecko-'));

interface Row {
  page: string;
  template: string;
  runs: number;
  /** The first run, in which Firefox starts the content script: the thread's CPU time. */
  injectionMs: number;
  /** Its length by the wall clock. */
  injectionWallMs: number;
  /** The longest later run (recognition, marks, the observer): the thread's CPU time. */
  longestLaterMs: number;
  /** Its length by the wall clock. */
  longestLaterWallMs: number;
  totalOursMs: number;
}
const rows: Row[] = [];
const round = (ms: number) => Math.round(ms * 10) / 10;
const pages = hostileCorpus().filter((page) => only.length === 0 || only.includes(page.template.name) || only.includes(page.name));

console.log(`${'page'.padEnd(62)}${'runs'.padStart(5)}${'inject'.padStart(9)}${'(wall)'.padStart(9)}${'later'.padStart(9)}${'(wall)'.padStart(9)}`);
/**
 * Under the click storm (events on every element, twenty times a second) the profile Firefox wrote
 * for a browser that had visited many pages held no samples of their content processes at all,
 * whereas one written while the page's process still ran holds them. So those pages get a browser
 * each; the other templates share one.
 */
const pagesPerBrowser = (template: (typeof templates)[number]) => (template.attack.storm === 'full' ? 1 : Infinity);

async function profiledVisits(pages: HostilePage[], profile: string): Promise<{ page: HostilePage; from: number; to: number }[]> {
  Object.assign(process.env, geckoProfilerEnv(profile));
  const browser = await hostileFirefox();
  const windows: { page: HostilePage; from: number; to: number }[] = [];
  try {
    await browser.importCatalogue(catalogueFile);
    for (const page of pages) {
      const from = Date.now();
      await benchVisit(browser, page);
      windows.push({ page, from, to: Date.now() });
    }
  } finally {
    await browser.close();
  }
  return windows;
}

for (const template of templates) {
  const ofTemplate = pages.filter((page) => page.template === template);
  if (ofTemplate.length === 0) continue;
  const perBrowser = pagesPerBrowser(template);
  for (let first = 0; first < ofTemplate.length; first += perBrowser) {
    const profile = join(work, `${template.name}-${first}.json`);
    const windows = await profiledVisits(ofTemplate.slice(first, first + perBrowser), profile);
    report(template.name, windows, await ourGeckoRuns(profile));
  }
}
await rm(work, { recursive: true, force: true });

function report(template: string, windows: { page: HostilePage; from: number; to: number }[], runs: OurRun[]): void {
  for (const { page, from, to } of windows) {
    const inside = runs.filter((run) => run.startedAt >= from && run.startedAt < to);
    const later = inside.slice(1);
    const longest = later.reduce((top, run) => (run.cpuMs > top.cpuMs ? run : top), { ms: 0, cpuMs: 0 });
    const row: Row = {
      page: page.name,
      template,
      runs: inside.length,
      injectionMs: round(inside[0]?.cpuMs ?? 0),
      injectionWallMs: round(inside[0]?.ms ?? 0),
      longestLaterMs: round(longest.cpuMs),
      longestLaterWallMs: round(longest.ms),
      totalOursMs: round(inside.reduce((sum, run) => sum + run.cpuMs, 0)),
    };
    rows.push(row);
    console.log(
      `${row.page.padEnd(62)}${String(row.runs).padStart(5)}${row.injectionMs.toFixed(1).padStart(9)}${row.injectionWallMs.toFixed(1).padStart(9)}${row.longestLaterMs.toFixed(1).padStart(9)}${row.longestLaterWallMs.toFixed(1).padStart(9)}`,
    );
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? 0;
const perTemplate = templates.filter(({ name }) => rows.some((row) => row.template === name)).map(({ name }) => {
  const of = rows.filter((row) => row.template === name);
  const worst = of.reduce((top, row) => (Math.max(row.longestLaterMs, row.injectionMs) > Math.max(top.longestLaterMs, top.injectionMs) ? row : top));
  return {
    template: name,
    pages: of.length,
    pagesWithoutRuns: of.filter((row) => row.runs === 0).length,
    medianInjectionMs: median(of.map((row) => row.injectionMs)),
    maxInjectionMs: Math.max(...of.map((row) => row.injectionMs)),
    medianLongestLaterMs: median(of.map((row) => row.longestLaterMs)),
    maxLongestLaterMs: Math.max(...of.map((row) => row.longestLaterMs)),
    worstPage: worst.page,
    pagesOverBudget: of.filter((row) => row.longestLaterMs > budgetMs || row.injectionMs > budgetMs).length,
    pagesOverBudgetByWallClock: of.filter((row) => row.longestLaterWallMs > budgetMs || row.injectionWallMs > budgetMs).length,
  };
});
console.log(`\nColophon's runs of work on ${rows.length} hostile pages in Firefox, per template: the thread's CPU time in one run, ms (budget ${budgetMs})`);
console.log(`${'template'.padEnd(22)}${'pages'.padStart(6)}${'inject'.padStart(8)}${'max'.padStart(8)}${'later'.padStart(9)}${'max'.padStart(9)}${'over'.padStart(6)}  worst page`);
for (const t of perTemplate) {
  console.log(
    `${t.template.padEnd(22)}${String(t.pages).padStart(6)}${t.medianInjectionMs.toFixed(1).padStart(8)}${t.maxInjectionMs.toFixed(1).padStart(8)}${t.medianLongestLaterMs.toFixed(1).padStart(9)}${t.maxLongestLaterMs.toFixed(1).padStart(9)}${String(t.pagesOverBudget).padStart(6)}  ${t.worstPage}`,
  );
}
console.log(`Load average ${loadAtStart.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end, on ${cpus().length} cores.`);
if (only.length === 0) {
  const resultsDir = join(import.meta.dirname, 'results');
  await mkdir(resultsDir, { recursive: true });
  await writeFile(
    join(resultsDir, 'hostile-pages-firefox.json'),
    JSON.stringify({ measuredAt: new Date().toISOString(), node: process.version, loadAverage: { start: loadAtStart, end: loadavg()[0] }, budgetMs, perTemplate, rows }, null, 2) + '\n',
  );
}
