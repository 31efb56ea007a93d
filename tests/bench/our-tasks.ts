/**
 * Colophon's own time in each renderer task of a page, from a Chromium trace. A task that runs
 * the content script or the page tools is not always Colophon's alone: the content script's
 * MutationObserver callback, for one, runs at the end of whatever page task changed the DOM (on a
 * hostile page, a burst of 50 000 nodes). So for every top-level task (RunTask) in which script
 * from our extension ran, this gives both the task's length and the time spent in our script
 * within it (the union of the intervals of every trace event that names the content script's or
 * the page tools' URL: compiling, evaluating, each call, with whatever layout our calls forced).
 *
 * Our time is given twice: by the wall clock, and by the renderer thread's own clock (the time
 * the thread ran, which Chromium records with every trace event). On this two-core machine the
 * browser, its extension pages and the bench's driver take turns with the page's renderer, and a
 * task the system paused for 20 ms is 20 ms longer by the wall clock without Colophon doing any
 * more work; the thread's clock is what our code costs, and what the budgets are judged on.
 */
import type { Page } from 'playwright-core';

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** The thread's own clock, in µs: when it started, and how long the thread ran. */
  tts?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: { data?: { url?: string; scriptName?: string } };
}

export interface OurTask {
  /** The whole task, in ms. */
  taskMs: number;
  /** Our script's time within it by the wall clock, in ms. */
  oursMs: number;
  /** Our script's time within it by the renderer thread's clock, in ms. */
  oursThreadMs: number;
}

/** The total length of the union of intervals, each [start, stop), in the unit they are given in. */
function unionLength(intervals: (readonly [number, number])[]): number {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  if (sorted.length === 0) return 0;
  let total = 0;
  let [from, to] = sorted[0]!;
  for (const [start, stop] of sorted.slice(1)) {
    if (start > to) {
      total += to - from;
      [from, to] = [start, stop];
    } else to = Math.max(to, stop);
  }
  return total + to - from;
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
    const inside = ours.filter((call) => call.pid === task.pid && call.tid === task.tid && call.ts >= task.ts && call.ts < end);
    if (inside.length === 0) continue;
    const wall = inside.map((call) => [call.ts, Math.min(end, call.ts + call.dur!)] as const);
    // A thread runs no longer than the wall clock: an event whose thread duration says more (a
    // few do, in a task that lasted a tenth of a millisecond) counts for its wall duration.
    const thread = inside.filter((call) => call.tts !== undefined && call.tdur !== undefined).map((call) => [call.tts!, call.tts! + Math.min(call.tdur!, call.dur!)] as const);
    found.push({ taskMs: task.dur! / 1000, oursMs: unionLength(wall) / 1000, oursThreadMs: unionLength(thread) / 1000 });
  }
  return found;
}
