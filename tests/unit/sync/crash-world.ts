/**
 * The world the outbox's crash simulation runs in: the reference intake (intake/src, SQLite and
 * files in a temporary folder) with one member organisation, evidence databases in fake-indexeddb
 * holding real captures, and the runs of the outbox against both, each on a connection of its own
 * and watched by a SimulatedWorker (./crash-points.ts) that may kill it.
 *
 * Everything a run depends on is fixed by the seed or counted: the clock stands still unless
 * moved past a backoff, the jitter is seeded, idempotency keys are numbered, and each run waits on
 * one seam at a time, so the same seed reaches the same stop points in the same order.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startIntake, type RunningIntake } from '@/intake/src/intake';
import type { EvidenceItem } from '@/utils/protocol/evidence';
import { addCapture, openEvidenceDatabase, type EvidenceDatabase } from '@/utils/evidence/store';
import { runOutbox, type OutboxRun, type OutboxRunDeps } from '@/utils/sync/outbox-runner';
import { storedServerKeyRing } from '@/utils/sync/receipt-check';
import { captureOf } from '../../support/evidence/store-helpers';
import { SimulatedWorker, watchedDatabase, watchedFetch, watchedKeyStore } from './crash-points';

/** Small enough that each artifact of captureOf() takes several chunks (5 and 3). */
export const simulationChunkBytes = 16;

/** mulberry32: a small seeded generator, so a failing stop can be replayed from its seed. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface CrashWorld {
  seed: number;
  intake: RunningIntake;
  organisation: string;
  token: string;
  /** Every item captured in this world so far, with the bytes of its artifacts as captured. */
  captured: Map<string, { item: EvidenceItem; bytes: Uint8Array[] }>;
  /** The number of the next capture (captureOf): one length throughout, so every item takes the same chunks. */
  nextCapture: number;
  now(): number;
  /** Moves the outbox's clock on, past a backoff. */
  skip(ms: number): void;
  random: () => number;
  newKey: () => string;
  close(): Promise<void>;
}

export async function startCrashWorld(seed: number): Promise<CrashWorld> {
  // Memory-backed where there is one: the intake fsyncs every chunk, and what is stopped here is
  // the extension, not the server's disk.
  const folder = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'colophon-crash-'));
  const intake = await startIntake({
    data: folder,
    port: 0,
    limits: { maxChunkBytes: simulationChunkBytes },
    // Thousands of requests a minute, one at a time: the intake's rate limits are not what is
    // stopped here, and their refusals would hang on the real clock, which the runs do not share.
    traffic: { requestsPerMinutePerToken: 10_000_000, requestsPerMinutePerOrganisation: 10_000_000 },
    log: () => undefined,
  });
  const organisation = 'springer-nature';
  await intake.admin.createOrganisation(organisation, 'Springer Nature');
  const { token } = await intake.admin.createRepresentative('j.smith', { organisation, name: 'J. Smith' });
  // Ahead of the real clock, so every entry a capture queues (stamped with the real time) is due.
  let clock = Date.now() + 24 * 60 * 60 * 1000;
  let keysIssued = 0;
  return {
    seed,
    intake,
    organisation,
    token,
    captured: new Map(),
    nextCapture: 100_000,
    now: () => clock,
    skip: (ms) => void (clock += ms),
    random: seeded(seed),
    newKey: () => `crash-${seed}-${String(++keysIssued).padStart(10, '0')}`,
    async close() {
      try {
        await intake.close();
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    },
  };
}

/** One browser profile's evidence database: its own items, its own outbox. */
export interface Installation {
  name: string;
  items: EvidenceItem[];
}

let installations = 0;

/** The next millisecond: captures a millisecond apart queue in capture order (longest-waiting first). */
async function nextMillisecond(): Promise<void> {
  const start = Date.now();
  while (Date.now() === start) await new Promise((resolve) => setImmediate(resolve));
}

export async function newInstallation(world: CrashWorld, items: number): Promise<Installation> {
  const installation: Installation = { name: `crash-simulation-${world.seed}-${++installations}`, items: [] };
  const db = await openEvidenceDatabase(installation.name);
  try {
    for (let n = 0; n < items; n++) {
      await nextMillisecond();
      const capture = captureOf(world.nextCapture++);
      const item = await addCapture(db, capture);
      const bytes = await Promise.all(capture.artifacts.map(async ({ blob }) => new Uint8Array(await blob.arrayBuffer())));
      world.captured.set(item.id, { item, bytes });
      installation.items.push(item);
    }
  } finally {
    db.close();
  }
  return installation;
}

/** One run of the outbox, as one start of the service worker, and how it ended. */
export interface WorkerRun {
  worker: SimulatedWorker;
  /** What runOutbox answered; undefined when it threw (a killed run throws Killed). */
  run?: OutboxRun;
  error?: unknown;
}

function depsFor(world: CrashWorld, db: EvidenceDatabase, worker: SimulatedWorker): OutboxRunDeps {
  const watched = watchedDatabase(db, worker);
  return {
    database: async () => watched,
    connection: async () => ({ url: world.intake.url, token: world.token }),
    fetch: watchedFetch(worker),
    now: world.now,
    random: world.random,
    newKey: world.newKey,
    keyRing: (client) => storedServerKeyRing(client, world.now, watchedKeyStore(worker)),
  };
}

/** Starts the outbox on a new connection to the installation's database, killing it at `killAt`. */
export async function runWorker(world: CrashWorld, installation: Installation, killAt: number | null): Promise<WorkerRun> {
  const db = await openEvidenceDatabase(installation.name);
  const worker = new SimulatedWorker(killAt);
  try {
    return { worker, run: await runOutbox(depsFor(world, db, worker)) };
  } catch (error) {
    return { worker, error };
  } finally {
    db.close();
  }
}

/**
 * Runs the outbox once per stop in `stops` (each a new start killed at that point), then without
 * stops until nothing is left to send, moving the clock past any backoff; answers every run.
 */
export async function syncWithStops(world: CrashWorld, installation: Installation, stops: readonly number[]): Promise<WorkerRun[]> {
  const runs: WorkerRun[] = [];
  for (const stop of stops) runs.push(await runWorker(world, installation, stop));
  for (let more = 0; more < 6; more++) {
    const last = await runWorker(world, installation, null);
    runs.push(last);
    const { run } = last;
    if (!run || run.nextDueAt === null || run.summary.uploading + run.summary.queued === 0) break;
    world.skip(Math.max(run.nextDueAt - world.now(), 0) + 1);
  }
  return runs;
}

/**
 * Runs the outbox again and again, each run killed after a number of points drawn from `draw`
 * (1 to `span`), `stops` times, then without stops until nothing is left to send; answers every run.
 */
export async function syncWithDrawnStops(world: CrashWorld, installation: Installation, plan: { span: number; stops: number; draw: () => number }): Promise<WorkerRun[]> {
  const runs: WorkerRun[] = [];
  let killed = 0;
  while (runs.length < plan.stops + 10) {
    const last = await runWorker(world, installation, killed < plan.stops ? 1 + Math.floor(plan.draw() * plan.span) : null);
    runs.push(last);
    if (last.worker.killed) {
      killed++;
      continue;
    }
    const { run } = last;
    if (!run || run.nextDueAt === null || run.summary.uploading + run.summary.queued === 0) break;
    world.skip(Math.max(run.nextDueAt - world.now(), 0) + 1);
  }
  return runs;
}

/** What happened, for a failure's message: each run's stop point and its last steps (the last 20 runs of a long sync). */
export function describeRuns(world: CrashWorld, runs: readonly WorkerRun[]): string {
  const leftOut = runs.length > 24 ? runs.length - 20 : 0;
  return [
    `seed ${world.seed}, ${runs.length} runs${leftOut > 0 ? `, the first ${leftOut} left out` : ''}`,
    ...runs.slice(leftOut).map(({ worker, run, error }, index) => {
      const end = worker.killed ? `killed at point ${worker.killAt}: ${worker.points.at(-1)}` : run ? `ended ${JSON.stringify(run.summary)}` : `threw ${String(error)}`;
      return `run ${leftOut + index + 1}, ${worker.points.length} points, ${end}; last steps: ${worker.points.slice(-6).join(' → ')}`;
    }),
  ].join('\n');
}
