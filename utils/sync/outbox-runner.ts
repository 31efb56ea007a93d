/**
 * One run of the outbox: recover what a stopped worker left uploading, ask the
 * intake about every entry whose last answer may have been lost (POST /v1/reconcile), then upload
 * the due entries one at a time until none is due. Runs start at start-up, after each capture, on
 * the alarm and on "sync now" (entrypoints/background/sync.ts); nothing is kept alive between or
 * during them: every step is in IndexedDB, and a run stopped anywhere is finished by the next.
 *
 * One run at a time (navigator.locks where there is one, else a flag): two would share entries.
 * A run asked for while one is going makes that one look once more before it ends, so an item
 * captured during a run never waits for the alarm.
 */
import type { EvidenceDatabase } from '@/utils/evidence/store/database';
import { getItem } from '@/utils/evidence/store/query';
import { isServerWide } from './attempt-failure';
import { loadIntakeConnection, type IntakeConnection } from './connection';
import { createIntakeClient, IntakeError, type IntakeClient } from './intake-client';
import { intakeLimits } from '../protocol/intake';
import { parkFor, postpone, reconciled } from './outbox-holds';
import { dueEntries, nextDueAt, recoverAfterRestart, startAttempt, succeed, type OutboxEntry, type OutboxState } from './outbox-state';
import { changeOutboxEntries, outboxEntriesIn, outboxSummary, replaceOutboxEntry } from './outbox-store';
import { checkItemReceipt, storedServerKeyRing, type ServerKeyRing } from './receipt-check';
import { uploadEntry, type UploadContext } from './upload-item';

export interface OutboxRunDeps {
  database: () => Promise<EvidenceDatabase>;
  connection?: () => Promise<IntakeConnection | null>;
  /** Whether the browser lets the extension reach the intake's origin; when not, nothing is sent. */
  mayReach?: (url: string) => Promise<boolean>;
  fetch?: typeof fetch;
  timeoutMs?: number;
  now?: () => number;
  random?: () => number;
  newKey?: () => string;
  keyRing?: (client: IntakeClient) => ServerKeyRing;
  /** Called after each change stored (announceOutboxChange in the background). */
  changed?: () => void;
}

export interface OutboxRun {
  outcome: 'done' | 'busy' | 'not-configured' | 'no-permission';
  summary: Record<OutboxState, number>;
  /** When the next queued entry falls due, for the alarm; null when none waits. */
  nextDueAt: number | null;
  /** The failure that ended the run early: the intake unreachable, rate-limiting or failing. */
  stoppedBy: IntakeError | null;
}

export const outboxLockName = 'colophon-outbox';

/** An entry failing in ways worth an immediate retry (a dropped chunk) is still tried at most this often per run. */
const maxAttemptsPerRun = 3;

let runningHere = false;
let askedAgain = false;

export async function runOutbox(deps: OutboxRunDeps): Promise<OutboxRun> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (locks) return locks.request(outboxLockName, { ifAvailable: true }, (lock) => (lock ? runUntilSettled(deps) : busy(deps)));
  if (runningHere) return busy(deps);
  runningHere = true;
  try {
    return await runUntilSettled(deps);
  } finally {
    runningHere = false;
  }
}

async function busy(deps: OutboxRunDeps): Promise<OutboxRun> {
  askedAgain = true;
  return finish(await deps.database(), 'busy', null);
}

async function runUntilSettled(deps: OutboxRunDeps): Promise<OutboxRun> {
  let run: OutboxRun;
  do {
    askedAgain = false;
    run = await runOnce(deps);
  } while (askedAgain && run.outcome === 'done' && run.stoppedBy === null);
  return run;
}

async function finish(db: EvidenceDatabase, outcome: OutboxRun['outcome'], stoppedBy: IntakeError | null): Promise<OutboxRun> {
  return { outcome, summary: await outboxSummary(db), nextDueAt: nextDueAt(await outboxEntriesIn(db, 'queued')), stoppedBy };
}

async function runOnce(deps: OutboxRunDeps): Promise<OutboxRun> {
  const db = await deps.database();
  const now = deps.now ?? Date.now;
  const changed = deps.changed ?? (() => undefined);
  const connection = await (deps.connection ?? loadIntakeConnection)();
  if (!connection) return finish(db, 'not-configured', null);
  if (deps.mayReach && !(await deps.mayReach(connection.url))) return finish(db, 'no-permission', null);

  // Only this run uploads (the lock), so an entry found uploading lost its worker.
  if ((await changeOutboxEntries(db, (entry) => recoverAfterRestart(entry, now()), { state: 'uploading' })).length > 0) changed();

  const client = createIntakeClient({ ...connection, fetch: deps.fetch, timeoutMs: deps.timeoutMs, now });
  const context: UploadContext = {
    db,
    client,
    keys: (deps.keyRing ?? ((c) => storedServerKeyRing(c, now)))(client),
    now,
    random: deps.random ?? Math.random,
    newKey: deps.newKey ?? (() => crypto.randomUUID()),
    chunkBytes: intakeLimits.maxChunkBytes,
    changed,
  };

  try {
    await reconcile(context);
  } catch (error) {
    // A refusal (401, 403) is met again by each upload, which parks with it; silence stops here.
    if (isServerWide(error)) return finish(db, 'done', error as IntakeError);
    if (!(error instanceof IntakeError)) throw error;
  }
  return finish(db, 'done', await uploadDue(context));
}

/**
 * Due entries that sent something before (attempts > 0) or lost an answer (resume): the intake
 * says whether it holds each complete (store the receipt, send nothing), incomplete (resume) or
 * not at all (send the record), so a lost answer neither loses nor duplicates an item. Entries
 * still backing off wait, as they would for an upload: a Retry-After holds for this request too.
 *
 * A complete item's duplicate notice came in the answer that was lost, and reconciliation answers
 * none: the item's status is asked for it, so the entry says what a sync never stopped would.
 */
async function reconcile(context: UploadContext): Promise<void> {
  const { db, client, now } = context;
  const candidates = dueEntries(await outboxEntriesIn(db, 'queued'), now()).filter((entry) => entry.resume || entry.attempts > 0);
  for (let start = 0; start < candidates.length; start += intakeLimits.maxReconcileItems) {
    const batch = candidates.slice(start, start + intakeLimits.maxReconcileItems);
    const answers = await client.reconcile(batch.map((entry) => entry.itemId));
    for (const [index, answer] of answers.entries()) {
      const entry = batch[index]!;
      let next: OutboxEntry = entry;
      if (answer.state === 'complete') {
        const item = await getItem(db, entry.itemId);
        if (!item) continue;
        const attempt = startAttempt(entry, now());
        const check = await checkItemReceipt(answer.receipt, item, context.keys);
        next = check.ok ? succeed(attempt, check.receipt, now(), (await client.itemStatus(item.id)).duplicate) : parkFor(attempt, 'bad-receipt', `the intake's receipt does not check out (${check.reason})`, now());
      } else next = reconciled(entry, answer.state, now());
      if (next !== entry && (await replaceOutboxEntry(db, entry, next))) context.changed();
    }
  }
}

/** Uploads due entries, longest-waiting first, until none is due; returns what stopped it early, if anything. */
async function uploadDue(context: UploadContext): Promise<IntakeError | null> {
  const { db, client, now } = context;
  const tries = new Map<string, number>();
  let sessionAsked = false;
  for (;;) {
    const entry = dueEntries(await outboxEntriesIn(db, 'queued'), now()).find((due) => (tries.get(due.itemId) ?? 0) < maxAttemptsPerRun);
    if (!entry) return null;
    if (!sessionAsked) {
      sessionAsked = true;
      try {
        // The intake may take smaller chunks than v1 allows.
        context.chunkBytes = Math.min((await client.session()).limits.maxChunkBytes, intakeLimits.maxChunkBytes);
      } catch (error) {
        if (isServerWide(error)) return error as IntakeError;
        if (!(error instanceof IntakeError)) throw error;
      }
    }
    tries.set(entry.itemId, (tries.get(entry.itemId) ?? 0) + 1);
    const outcome = await uploadEntry(context, entry);
    if (outcome.kind === 'queued' && outcome.serverWide) {
      const error = outcome.error as IntakeError;
      if (error.retryAfterMs !== null) {
        const until = now() + error.retryAfterMs;
        if ((await changeOutboxEntries(db, (queued) => postpone(queued, until, now()), { state: 'queued' })).length > 0) context.changed();
      }
      return error;
    }
  }
}
