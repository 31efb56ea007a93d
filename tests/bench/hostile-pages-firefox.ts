/**
 * `npm run bench`, hostile pages in Firefox: Colophon's work on every page of the hostile corpus
 * in real Firefox with the built extension, each page visited as hostile-steps.ts describes, the
 * same visit hostile-pages.ts traces in Chromium. Firefox's own sampling profiler gives our runs
 * of work (gecko-profile.ts says how they are read); a browser per template, so that each profile
 * holds a few minutes of samples, and per page under the click storm (pagesPerBrowser says why).
 *
 * Budget: no run of ours over 50 ms, judged as in Chromium on the thread's own clock, the CPU time
 * the profiler records with each sample (a run's length by the wall clock goes with it: on this
 * two-core machine the system pauses the thread now and then, which is not our work). The first
 * run on a page, in which Firefox starts the content script, is counted apart from the later ones.
 * `npx tsx tests/bench/hostile-pages-firefox.ts dom-flood …` runs only the templates and pages
 * named, and leaves the results file as it is.
 * Results: tests/bench/results/hostile-pages-firefox.json.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { catalogueFile, hostileCorpus, type HostilePage } from '../e2e/support/hostile/corpus';
import { hostileFirefox } from '../e2e/support/hostile/hostile-firefox';
import { templates } from '../e2e/support/hostile/templates';
import { geckoProfilerEnv, ourGeckoRuns, type OurRun } from './gecko-profile';
import { benchVisit } from './hostile-steps';
import { reportByTemplate, roundMs, type HostileRow } from './hostile-summary';

const budgetMs = 50;
const only = process.argv.slice(2);
const loadAtStart = loadavg()[0]!;
const work = await mkdtemp(join(tmpdir(), 'colophon-gecko-'));

/**
 * `seen` counts our runs on the page; the first, in which Firefox starts the content script, is
 * the injection; the later ones are recognition, marks, the observer. Times are the thread's CPU
 * time, with each run's length by the wall clock beside them.
 */
interface Row extends HostileRow {
  totalOursMs: number;
}
const rows: Row[] = [];
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
      seen: inside.length,
      injectionMs: roundMs(inside[0]?.cpuMs ?? 0),
      injectionWallMs: roundMs(inside[0]?.ms ?? 0),
      longestLaterMs: roundMs(longest.cpuMs),
      longestLaterWallMs: roundMs(longest.ms),
      totalOursMs: roundMs(inside.reduce((sum, run) => sum + run.cpuMs, 0)),
    };
    rows.push(row);
    console.log(
      `${row.page.padEnd(62)}${String(row.seen).padStart(5)}${row.injectionMs.toFixed(1).padStart(9)}${row.injectionWallMs.toFixed(1).padStart(9)}${row.longestLaterMs.toFixed(1).padStart(9)}${row.longestLaterWallMs.toFixed(1).padStart(9)}`,
    );
  }
}

await reportByTemplate(rows, {
  budgetMs,
  heading: `Colophon's runs of work on ${rows.length} hostile pages in Firefox, per template: the thread's CPU time in one run`,
  loadAtStart,
  resultsFile: only.length === 0 ? 'hostile-pages-firefox.json' : null,
});
