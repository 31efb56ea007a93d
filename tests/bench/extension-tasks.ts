/**
 * The renderer tasks in which Colophon's content script ran, read from a Chromium trace: every
 * top-level task (RunTask) that contains a script call from our extension's URL, with its
 * duration. This attributes time to Colophon precisely, where the page's Long Tasks API only sees
 * that something was slow.
 */
import type { Page } from 'playwright-core';

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { data?: { url?: string; scriptName?: string; frame?: string } };
}

const categories = ['toplevel', 'devtools.timeline', 'v8.execute', 'disabled-by-default-devtools.timeline'].join(',');

/** In time order: the first is the script's injection (compiling and starting it). */
export async function extensionTaskDurations(page: Page, run: () => Promise<void>): Promise<number[]> {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (message) => void events.push(...(message.value as unknown as TraceEvent[])));
  const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', { categories, transferMode: 'ReportEvents' });
  await run();
  await cdp.send('Tracing.end');
  await done;
  await cdp.detach();

  const fromExtension = (event: TraceEvent) => {
    const url = event.args?.data?.url ?? event.args?.data?.scriptName ?? '';
    return url.startsWith('chrome-extension://');
  };
  const tasks = events.filter((event) => event.ph === 'X' && event.name === 'RunTask' && event.dur !== undefined);
  const ours = events.filter((event) => event.ph === 'X' && fromExtension(event));
  const durations: number[] = [];
  tasks.sort((a, b) => a.ts - b.ts);
  for (const task of tasks) {
    const end = task.ts + task.dur!;
    if (ours.some((call) => call.pid === task.pid && call.tid === task.tid && call.ts >= task.ts && call.ts < end)) durations.push(task.dur! / 1000);
  }
  return durations;
}
