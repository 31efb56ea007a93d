/**
 * `npm run bench`: how long recognition takes on every saved page.
 *
 *  1. In Node (happy-dom, whose selectors are slower than a browser's): recognisePage on each page,
 *     20 times, median and slowest.
 *  2. In real Chromium with the built extension (`npm run build` first): from a trace, every
 *     renderer task in which the content script ran, and the longest (budget: 50 ms).
 *
 * Speed is measured here, never asserted in tests. Results: tests/bench/results/recognition.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { savedPage } from '../../utils/cli/saved-page';
import { recognisePage } from '../../utils/sites';
import { launchChromium } from '../e2e/support/chromium';
import { DemoMarketplace } from '../e2e/support/marketplace';
import { extensionTaskDurations } from './extension-tasks';
import { pageFixtures } from '../fixtures/pages';

const runs = 20;
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

/** The durations of every renderer task in which Colophon's content script ran, per page. */
async function contentScriptTasks() {
  const session = await launchChromium({ marketplace: new DemoMarketplace() });
  const result: Record<string, number[]> = {};
  for (const fixture of fixtures) {
    const page = await session.context.newPage();
    // Colophon recognises once the page is idle (at most 2.4 s after load); trace past that.
    result[fixture.name] = await extensionTaskDurations(page, async () => {
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

const rows = node.map((row) => ({
  ...row,
  contentScriptTasks: tasks[row.page]?.length ?? 0,
  injectionTaskMs: tasks[row.page]?.[0] ?? 0,
  longestLaterTaskMs: Math.max(0, ...(tasks[row.page]?.slice(1) ?? [])),
  longestContentScriptTaskMs: Math.max(0, ...(tasks[row.page] ?? [])),
}));
const format = (value: number) => value.toFixed(1).padStart(8);
console.log(`Recognition on ${rows.length} saved pages (${new Date().toISOString()})`);
console.log(`${''.padEnd(54)}${'happy-dom (ms)'.padStart(16)}   ${'Chromium: content-script tasks'}`);
console.log(`${'page'.padEnd(48)}${'KB'.padStart(6)}${'median'.padStart(8)}${'max'.padStart(8)}   ${'tasks'.padStart(6)}${'injection'.padStart(10)}${'later max'.padStart(10)}`);
for (const row of rows) {
  console.log(`${row.page.padEnd(48)}${String(row.kb).padStart(6)}${format(row.medianMs)}${format(row.maxMs)}   ${String(row.contentScriptTasks).padStart(6)}${format(row.injectionTaskMs).padStart(10)}${format(row.longestLaterTaskMs).padStart(10)}`);
}
const longest = Math.max(...rows.map((row) => row.longestContentScriptTaskMs));
console.log(`\nLongest renderer task running Colophon's content script: ${longest.toFixed(1)} ms (budget 50 ms); load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores.`);
const resultsDir = join(import.meta.dirname, 'results');
await mkdir(resultsDir, { recursive: true });
await writeFile(join(resultsDir, 'recognition.json'), JSON.stringify({ measuredAt: new Date().toISOString(), node: process.version, loadAverage: loadavg()[0], runs, rows }, null, 2) + '\n');
