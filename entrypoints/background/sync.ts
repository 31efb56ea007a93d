/**
 * The background's side of sync: when the outbox runs, and the two requests
 * the pages make of it. A run starts when the worker starts (and on the browser's start-up), after
 * each capture, on the alarms, and on "sync now"; the run itself is utils/sync/outbox-runner.ts.
 *
 * Alarms, because a stopped service worker keeps no timer: a periodic one every minute while
 * anything waits to be sent (and while a run is going, so a run cut short is picked up), and a
 * one-shot one when the next entry falls due sooner than that.
 *
 * Loading the outbox store here joins the outbox to the evidence store's writes
 * (utils/sync/outbox-store.ts), before the background opens the database or stores a capture: each
 * capture is queued in the transaction that stores it.
 */
import type { EvidenceDatabase } from '@/utils/evidence/store';
import type { SyncAnswer } from '@/utils/messages';
import { intakeOriginPermission, loadIntakeConnection } from '@/utils/sync/connection';
import { announceOutboxChange } from '@/utils/sync/outbox-changes';
import { runOutbox, type OutboxRun, type OutboxRunDeps } from '@/utils/sync/outbox-runner';
import { syncNow, unpark } from '@/utils/sync/outbox-state';
import { changeOutboxEntries, outboxSummary } from '@/utils/sync/outbox-store';

export const outboxAlarm = 'colophon-outbox';
export const outboxDueAlarm = 'colophon-outbox-due';

export interface SyncService {
  /** Starts a run without waiting for it (a capture, an alarm). */
  runSoon(): void;
  /** "Sync now": queued entries due at once, and a run started. */
  syncNow(): Promise<SyncAnswer>;
  /** Unparks these entries (parked ones only), and starts a run. */
  retryParked(itemIds: readonly string[]): Promise<SyncAnswer>;
  /** A new connection was saved: entries parked for the old one's refusal are unparked, and a run starts. */
  connectionChanged(): Promise<SyncAnswer>;
  /** Resolves once every run started so far has ended. */
  settled(): Promise<void>;
}

async function mayReach(url: string): Promise<boolean> {
  try {
    return await browser.permissions.contains(intakeOriginPermission(url));
  } catch {
    return false;
  }
}

async function ensurePeriodicAlarm(): Promise<void> {
  if (!(await browser.alarms.get(outboxAlarm))) await browser.alarms.create(outboxAlarm, { periodInMinutes: 1 });
}

async function scheduleAfter(run: OutboxRun): Promise<void> {
  if (run.outcome === 'busy') return;
  const waiting = run.summary.queued + run.summary.uploading > 0;
  if (run.outcome !== 'done' || !waiting) {
    // Nothing to send, or nothing can be sent until the user acts (and their action starts a run).
    await browser.alarms.clear(outboxAlarm);
    await browser.alarms.clear(outboxDueAlarm);
    return;
  }
  await ensurePeriodicAlarm();
  const periodic = await browser.alarms.get(outboxAlarm);
  if (run.nextDueAt !== null && (!periodic || run.nextDueAt < periodic.scheduledTime)) await browser.alarms.create(outboxDueAlarm, { when: run.nextDueAt });
}

/** Parked reasons a new token or intake URL may cure; the rest need the item or the intake fixed. */
const connectionReasons = new Set(['unauthenticated', 'forbidden', 'https-required']);

export function startSync(database: () => Promise<EvidenceDatabase>): SyncService {
  const deps: OutboxRunDeps = { database, mayReach, changed: announceOutboxChange };

  const running = new Set<Promise<void>>();
  const run = async () => {
    await ensurePeriodicAlarm();
    await scheduleAfter(await runOutbox(deps));
  };
  const runSoon = () => {
    const started = run().catch((error: unknown) => console.error('Colophon: the outbox run failed', error));
    running.add(started);
    void started.finally(() => running.delete(started));
  };

  /** Why nothing can be sent yet, or null when a run can send. */
  const refusal = async (): Promise<SyncAnswer | null> => {
    const connection = await loadIntakeConnection();
    if (!connection) return { ok: false, reason: 'not-configured' };
    if (!(await mayReach(connection.url))) return { ok: false, reason: 'no-permission' };
    return null;
  };

  const startAfter = async (change: Parameters<typeof changeOutboxEntries>[1], scope: Parameters<typeof changeOutboxEntries>[2]): Promise<SyncAnswer> => {
    const refused = await refusal();
    if (refused) return refused;
    const db = await database();
    if ((await changeOutboxEntries(db, change, scope)).length > 0) announceOutboxChange();
    runSoon();
    return { ok: true, summary: await outboxSummary(db) };
  };

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === outboxAlarm || alarm.name === outboxDueAlarm) runSoon();
  });
  browser.runtime.onStartup.addListener(runSoon);
  runSoon();

  return {
    runSoon,
    syncNow: () => startAfter((entry) => syncNow(entry, Date.now()), { state: 'queued' }),
    retryParked: (itemIds) => startAfter((entry) => (entry.state === 'parked' ? unpark(entry, Date.now()) : entry), { itemIds }),
    connectionChanged: () =>
      startAfter((entry) => (entry.state === 'parked' && connectionReasons.has(entry.parkedReason ?? '') ? unpark(entry, Date.now()) : syncNow(entry, Date.now())), {}),
    settled: async () => {
      while (running.size > 0) await Promise.all(running);
    },
  };
}
