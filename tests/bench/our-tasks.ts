/**
 * Colophon's own time in each renderer task of a page, from a Chromium trace. A task that runs
 * the content script or the page tools is not always Colophon's alone: the content script's
 * MutationObserver callback, for one, runs at the end of whatever page task changed the DOM (on a
 * hostile page, a burst of 50 000 nodes). So for every top-level task (RunTask) in which script
 * from our extension ran, this gives both the task's length and the time spent in our script
 * within it (the union of the intervals of every trace event that names the content script's or
 * the page tools' URL: compiling, evaluating, each call, with whatever layout our calls forced).
 */
import type { Page } from 'playwright-core';

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { data?: { url?: string; scriptName?: string } };
}

export interface OurTask {
  /** The whole task, in ms. */
  taskMs: number;
  /** Our script's time within it, in ms. */
  oursMs: number;
}

const categories = ['toplevel', 'devtools.timeline', 'v8.execute', 'disabled-by-default-devtools.timeline'].join(',');

export async function ourTasks(page: Page, run: () => Promise<void>): Promise<OurTask[]> {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (message) => void events.push(...(message.value as unknown as TraceEvent[])));
  const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', { categories, transferMode: 'ReportEvents' });
  try {
    await run();
  } finally {
    await cdp.send('Tracing.end');
    await done;
    await cdp.detach();
  }

  const complete = events.filter((event) => event.ph === 'X' && event.dur !== undefined);
  // The content script's file and the page tools' only: the popup and the background run
  // extension script too, in their own processes.
  const ours = complete.filter((event) => /^chrome-extension:\/\/[^/]+\/(content-scripts\/|page-tools\.js)/.test(event.args?.data?.url ?? event.args?.data?.scriptName ?? ''));
  const tasks = complete.filter((event) => event.name === 'RunTask').sort((a, b) => a.ts - b.ts);
  const found: OurTask[] = [];
  for (const task of tasks) {
    const end = task.ts + task.dur!;
    const inside = ours
      .filter((call) => call.pid === task.pid && call.tid === task.tid && call.ts >= task.ts && call.ts < end)
      .map((call) => [call.ts, Math.min(end, call.ts + call.dur!)] as const)
      .sort((a, b) => a[0] - b[0]);
    if (inside.length === 0) continue;
    let oursUs = 0;
    let [from, to] = inside[0]!;
    for (const [start, stop] of inside.slice(1)) {
      if (start > to) {
        oursUs += to - from;
        [from, to] = [start, stop];
      } else to = Math.max(to, stop);
    }
    oursUs += to - from;
    found.push({ taskMs: task.dur! / 1000, oursMs: oursUs / 1000 });
  }
  return found;
}
