// @vitest-environment node
// (real captures in fake-indexeddb need Node's Blob, store-helpers.ts; the reference intake runs in Node.)
/**
 * The outbox's claim, exactly once in effect, put to every moment the service worker can die: the
 * real outbox against the reference intake (SQLite, 16-byte chunks), killed at each point where it
 * waits on IndexedDB, the intake or its kept keys (./crash-points.ts), then started again on a new
 * connection and run to the end. After each, every item is at the intake exactly once, whole, with
 * the captured bytes and a receipt the extension accepts, and nothing is lost here
 * (./crash-checks.ts).
 *
 * A stop costs a sync, so the points are spread over many items rather than each point replayed
 * over all of them: every point of one item's first sync once, a seeded sample of them again
 * during the recovery, then seeded stops every few points while 60 items go at once. Everything is
 * drawn from one seed (COLOPHON_CRASH_SEED to replay another); the same seed stops at the same points.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteIntakeSettings } from '@/utils/sync/intake-database';
import { outboxEntry } from '@/utils/sync/outbox-store';
import { addCapture, openEvidenceDatabase } from '@/utils/evidence/store/index';
import { runOutbox } from '@/utils/sync/outbox-runner';
import { captureOf } from '../../support/evidence/store-helpers';
import { exactlyOnceProblems } from '../../unit/sync/crash-checks';
import {
  describeRuns, newInstallation, runWorker, seeded, startCrashWorld, syncWithDrawnStops, syncWithStops, type CrashWorld, type Installation,
  type WorkerRun,
} from '../../unit/sync/crash-world';

const seed = Number(process.env.COLOPHON_CRASH_SEED ?? 20261207);
const minutes = 60_000;

let world: CrashWorld;
beforeAll(async () => {
  world = await startCrashWorld(seed);
});
afterAll(async () => world?.close());

/** A first sync: the intake's keys not yet kept, so the run fetches and keeps them too. */
async function firstSync(items: number): Promise<Installation> {
  await deleteIntakeSettings('server-keys');
  return newInstallation(world, items);
}

async function expectExactlyOnce(installation: Installation, runs: readonly WorkerRun[]): Promise<void> {
  expect(await exactlyOnceProblems(world, installation), describeRuns(world, runs)).toEqual([]);
  // A killed run ends in Killed (or what the runner made of it), never in a summary of its own.
  expect(runs.filter(({ worker, run }) => worker.killed && run !== undefined), describeRuns(world, runs)).toEqual([]);
}

const kindOf = (label: string) => label.split(' ').slice(0, 2).join(' ');

/** An item's first sync killed at `stop`, then finished: what the intake and the entry held in between. */
async function killedFirstSync(stop: number) {
  const installation = await firstSync(1);
  const item = installation.items[0]!;
  const killed = await runWorker(world, installation, stop);
  const held = await world.intake.store.sql.query('SELECT complete FROM items WHERE organisation_id = $1 AND item_id = $2', [world.organisation, item.id]);
  const db = await openEvidenceDatabase(installation.name);
  const entry = await outboxEntry(db, item.id);
  db.close();
  await expectExactlyOnce(installation, [killed, ...(await syncWithStops(world, installation, []))]);
  return { killed, held, entry };
}

describe('the outbox killed while it uploads', () => {
  it('is killed where each stop point says: before a request leaves, after the intake did the work, around a commit', async () => {
    const { points } = (await runWorker(world, await firstSync(1), null)).worker;
    expect(new Set(points.map(kindOf))).toEqual(
      new Set(['fetch send', 'fetch lost', 'fetch answered', 'idb begin', 'idb result', 'idb commit', 'keys begin', 'keys result', 'keys commit']),
    );

    // Before the record leaves: the intake holds nothing of the item; the entry keeps the key it is to go with.
    const unsent = await killedFirstSync(points.indexOf('fetch send PUT /v1/items/{item}') + 1);
    expect(unsent.held).toEqual([]);
    expect(unsent.entry).toMatchObject({ state: 'uploading', idempotencyKeys: { item: expect.any(String) } });

    // Its answer lost: the intake holds the record; all the dead run tried afterwards was refused.
    const lost = await killedFirstSync(points.indexOf('fetch lost PUT /v1/items/{item}') + 1);
    expect(lost.held).toEqual([{ complete: 0 }]);
    expect(lost.entry).toMatchObject({ state: 'uploading' });
    expect(lost.killed.worker.refusedAfterKill).toBeGreaterThan(0);

    // The attempt's transaction, written but not committed, leaves nothing; committed, it stays.
    const commit = points.indexOf('idb commit outbox', 3) + 1;
    expect(points[commit - 2]).toBe('idb result outbox.put');
    expect((await killedFirstSync(commit - 1)).entry).toMatchObject({ state: 'queued', attempts: 0 });
    expect((await killedFirstSync(commit)).entry).toMatchObject({ state: 'uploading', attempts: 1 });
  }, minutes);

  it('stopped at every point of an item’s first sync, and a second time during the recovery for a seeded sample, stores each item exactly once', async () => {
    const clean = await runWorker(world, await firstSync(1), null);
    const points = clean.worker.points.length;
    // How long the recovery is depends on where the first run stopped: kept per stop, to draw a second stop inside it.
    const recoveryPoints = new Map<number, number>();
    for (let stop = 1; stop <= points; stop++) {
      const installation = await firstSync(1);
      const runs = await syncWithStops(world, installation, [stop]);
      expect(runs[0]!.worker.killed, describeRuns(world, runs)).toBe(true);
      recoveryPoints.set(stop, runs[1]!.worker.points.length);
      await expectExactlyOnce(installation, runs);
    }

    const draw = seeded(seed + 1);
    const sample = 40;
    for (let n = 0; n < sample; n++) {
      const first = 1 + Math.floor(draw() * points);
      const second = 1 + Math.floor(draw() * recoveryPoints.get(first)!);
      const installation = await firstSync(1);
      const runs = await syncWithStops(world, installation, [first, second]);
      expect(runs[0]!.worker.killed && runs[1]!.worker.killed, describeRuns(world, runs)).toBe(true);
      await expectExactlyOnce(installation, runs);
    }
  }, 10 * minutes);

  it('stopped every few points while 60 items go at once, stores each item exactly once', async () => {
    const installation = await newInstallation(world, 60);
    const runs = await syncWithDrawnStops(world, installation, { span: 45, stops: 850, draw: seeded(seed + 2) });
    const stops = runs.filter((run) => run.worker.killed);
    await expectExactlyOnce(installation, runs);
    expect(stops.length).toBe(850);
    // Stops fell before, during and after requests, and as transactions began, answered and committed.
    expect([...new Set(stops.map((run) => kindOf(run.worker.points.at(-1)!)))]).toEqual(
      expect.arrayContaining(['fetch send', 'fetch lost', 'fetch answered', 'idb begin', 'idb result', 'idb commit']),
    );
  }, 10 * minutes);
});

describe('a receipt learnt by reconciliation, after the answer to the last chunk was lost', () => {
  it("comes with the intake's duplicate notice, as the lost answer did: another member's report of the same listing", async () => {
    const clean = await runWorker(world, await firstSync(1), null);
    const lastChunkLost = clean.worker.points.findLastIndex((label) => label.startsWith('fetch lost PUT')) + 1;

    await world.intake.admin.createOrganisation('wiley', 'Wiley');
    const wiley = await world.intake.admin.createRepresentative('a.chen', { organisation: 'wiley', name: 'A. Chen' });
    // The listing the next capture here is of, captured first on another member's machine: another item, the same listing.
    const theirs = await openEvidenceDatabase(`crash-simulation-wiley-${seed}`);
    await addCapture(theirs, captureOf(world.nextCapture, { capturedBy: 'A. Chen' }));
    await runOutbox({ database: async () => theirs, connection: async () => ({ url: world.intake.url, token: wiley.token }), now: world.now });
    theirs.close();
    const ours = await firstSync(1);
    const runs = await syncWithStops(world, ours, [lastChunkLost]);
    expect(runs[0]!.worker.points.at(-1)).toMatch(/^fetch lost PUT .*\/artifacts\/1 /);
    // The restart finds the item complete by reconciling; nothing of it is sent again.
    expect(runs[1]!.worker.points.filter((label) => label.startsWith('fetch send PUT'))).toEqual([]);
    const db = await openEvidenceDatabase(ours.name);
    expect(await outboxEntry(db, ours.items[0]!.id)).toMatchObject({ state: 'stored', duplicate: { reportedByOtherMembers: true, otherMembers: 1 } });
    db.close();
    await expectExactlyOnce(ours, runs);
  }, minutes);
});

describe('the simulation', () => {
  it('stops at the same points for the same seed', async () => {
    const traces: string[][] = [];
    for (let replay = 0; replay < 2; replay++) {
      const fresh = await startCrashWorld(seed);
      try {
        const installation = await newInstallation(fresh, 4);
        const runs = await syncWithDrawnStops(fresh, installation, { span: 45, stops: 30, draw: seeded(seed + 3) });
        expect(await exactlyOnceProblems(fresh, installation), describeRuns(fresh, runs)).toEqual([]);
        traces.push(runs.map((run) => run.worker.points.join(' → ')));
      } finally {
        await fresh.close();
      }
    }
    expect(traces[0]!.length).toBeGreaterThan(20);
    expect(traces[1]).toEqual(traces[0]);
  }, 2 * minutes);
});
