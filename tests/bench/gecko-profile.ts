/**
 * Colophon's runs of work in Firefox, read from a profile of the Gecko profiler (started with the
 * browser through its MOZ_PROFILER_* variables and written when the browser quits). Firefox has
 * no trace of its tasks that automation can read, as Chromium has; its sampler has the stacks. A
 * run is a stretch of consecutive samples of a content process's main thread with the content
 * script or the page tools on the stack: at one sample a millisecond, its length is our time in
 * one task to within a millisecond or two, and the thread's CPU time over it is counted too.
 */
import { readFile } from 'node:fs/promises';

interface Table {
  schema: Record<string, number>;
  data: (number | null)[][];
}
interface Thread {
  name: string;
  samples: Table;
  stackTable: Table;
  frameTable: Table;
  stringTable: string[];
}
interface GeckoProfile {
  meta: { startTime: number; interval: number };
  threads: Thread[];
  processes: GeckoProfile[];
}

export interface OurRun {
  /** When it started, in ms since the epoch. */
  startedAt: number;
  /** From its first sample to its last, plus one sampling interval. */
  ms: number;
  /** The thread's CPU time from the run's first sample to its last. */
  cpuMs: number;
}

const ours = /moz-extension:\/\/[^/]+\/(content-scripts\/|page-tools\.js)/;

/** Every process's main thread, the parent's and each content process's. */
function mainThreads(profile: GeckoProfile): { thread: Thread; startTime: number; interval: number }[] {
  return [
    ...profile.threads.filter((thread) => thread.name === 'GeckoMain').map((thread) => ({ thread, startTime: profile.meta.startTime, interval: profile.meta.interval })),
    ...(profile.processes ?? []).flatMap(mainThreads),
  ];
}

function runsOf(thread: Thread, startTime: number, interval: number): OurRun[] {
  const { frameTable, stackTable, samples, stringTable } = thread;
  const location = frameTable.schema.location!;
  const [prefix, frame] = [stackTable.schema.prefix!, stackTable.schema.frame!];
  const frameIsOurs = frameTable.data.map((row) => ours.test(stringTable[row[location]!] ?? ''));
  // Stacks are listed after their prefixes, so one pass in order settles each.
  const stackHasOurs: boolean[] = [];
  stackTable.data.forEach((row, index) => (stackHasOurs[index] = frameIsOurs[row[frame]!]! || (row[prefix] !== null && stackHasOurs[row[prefix]!]!)));
  const [stackAt, timeAt, cpuAt] = [samples.schema.stack!, samples.schema.time!, samples.schema.threadCPUDelta];
  const runs: OurRun[] = [];
  let current: { first: number; last: number; cpuNs: number } | null = null;
  const close = () => current && runs.push({ startedAt: startTime + current.first, ms: current.last - current.first + interval, cpuMs: current.cpuNs / 1e6 });
  for (const sample of samples.data) {
    const stack = sample[stackAt!];
    const time = sample[timeAt!]!;
    if (stack === null || stack === undefined || !stackHasOurs[stack]) {
      close();
      current = null;
      continue;
    }
    const cpuNs = cpuAt === undefined ? 0 : (sample[cpuAt] ?? 0);
    if (current && time - current.last <= 2.5 * interval) {
      current.last = time;
      current.cpuNs += cpuNs;
    } else {
      close();
      // A sample's CPU time covers the interval before it, when our code had not yet started.
      current = { first: time, last: time, cpuNs: 0 };
    }
  }
  close();
  return runs;
}

/** Our runs in every process of the profile, in the order they started. */
export async function ourGeckoRuns(file: string): Promise<OurRun[]> {
  const profile = JSON.parse(await readFile(file, 'utf8')) as GeckoProfile;
  return mainThreads(profile)
    .flatMap(({ thread, startTime, interval }) => runsOf(thread, startTime, interval))
    .sort((a, b) => a.startedAt - b.startedAt);
}

/** The environment that starts the Gecko profiler with Firefox and has it write `file` when Firefox quits. */
export function geckoProfilerEnv(file: string): Record<string, string> {
  return {
    MOZ_PROFILER_STARTUP: '1',
    MOZ_PROFILER_STARTUP_INTERVAL: '1',
    MOZ_PROFILER_STARTUP_FEATURES: 'js,cpu',
    MOZ_PROFILER_STARTUP_FILTERS: 'GeckoMain',
    // Enough for the main threads of a few minutes of browsing: older samples would be overwritten.
    MOZ_PROFILER_STARTUP_ENTRIES: String(64 * 1024 * 1024),
    MOZ_PROFILER_SHUTDOWN: file,
  };
}
