/**
 * What both hostile-page benches (hostile-pages.ts in Chromium, hostile-pages-firefox.ts) make of
 * their rows: the figures per template, printed and, for a run of the whole corpus, written to the
 * results file with the load the machine was under.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { templates } from '../e2e/support/hostile/templates';

/** One page's figures, in ms: our time on the thread's clock (the judged one) and on the wall's. */
export interface HostileRow {
  page: string;
  template: string;
  /** How many tasks or runs of ours were seen on the page. */
  seen: number;
  injectionMs: number;
  injectionWallMs: number;
  longestLaterMs: number;
  longestLaterWallMs: number;
}

export const roundMs = (ms: number) => Math.round(ms * 10) / 10;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? 0;

function byTemplate(rows: readonly HostileRow[], budgetMs: number) {
  return templates
    .filter(({ name }) => rows.some((row) => row.template === name))
    .map(({ name }) => {
      const of = rows.filter((row) => row.template === name);
      const worst = of.reduce((top, row) => (Math.max(row.longestLaterMs, row.injectionMs) > Math.max(top.longestLaterMs, top.injectionMs) ? row : top));
      return {
        template: name,
        pages: of.length,
        pagesWithoutRuns: of.filter((row) => row.seen === 0).length,
        medianInjectionMs: median(of.map((row) => row.injectionMs)),
        maxInjectionMs: Math.max(...of.map((row) => row.injectionMs)),
        medianLongestLaterMs: median(of.map((row) => row.longestLaterMs)),
        maxLongestLaterMs: Math.max(...of.map((row) => row.longestLaterMs)),
        worstPage: worst.page,
        pagesOverBudget: of.filter((row) => row.longestLaterMs > budgetMs || row.injectionMs > budgetMs).length,
        pagesOverBudgetByWallClock: of.filter((row) => row.longestLaterWallMs > budgetMs || row.injectionWallMs > budgetMs).length,
      };
    });
}

/** Prints the figures per template under `heading`; writes them and the rows to `resultsFile` unless it is null. */
export async function reportByTemplate<Row extends HostileRow>(
  rows: readonly Row[],
  { budgetMs, heading, loadAtStart, resultsFile }: { budgetMs: number; heading: string; loadAtStart: number; resultsFile: string | null },
): Promise<void> {
  const perTemplate = byTemplate(rows, budgetMs);
  console.log(`\n${heading}, ms (budget ${budgetMs})`);
  console.log(`${''.padEnd(22)}${''.padStart(6)}${'injection'.padStart(16)}${'later'.padStart(18)}`);
  console.log(`${'template'.padEnd(22)}${'pages'.padStart(6)}${'median'.padStart(8)}${'max'.padStart(8)}${'median'.padStart(9)}${'max'.padStart(9)}${'over'.padStart(6)}  worst page`);
  for (const t of perTemplate) {
    console.log(
      `${t.template.padEnd(22)}${String(t.pages).padStart(6)}${t.medianInjectionMs.toFixed(1).padStart(8)}${t.maxInjectionMs.toFixed(1).padStart(8)}${t.medianLongestLaterMs.toFixed(1).padStart(9)}${t.maxLongestLaterMs.toFixed(1).padStart(9)}${String(t.pagesOverBudget).padStart(6)}  ${t.worstPage}`,
    );
  }
  const loadAtEnd = loadavg()[0]!;
  console.log(`Load average ${loadAtStart.toFixed(1)} at the start, ${loadAtEnd.toFixed(1)} at the end, on ${cpus().length} cores.`);
  if (resultsFile === null) return;
  const resultsDir = join(import.meta.dirname, 'results');
  await mkdir(resultsDir, { recursive: true });
  await writeFile(
    join(resultsDir, resultsFile),
    JSON.stringify({ measuredAt: new Date().toISOString(), node: process.version, loadAverage: { start: loadAtStart, end: loadAtEnd }, budgetMs, perTemplate, rows }, null, 2) + '\n',
  );
}
