/**
 * The outbox: one entry per evidence item on its way to the intake, and every
 * change to it as a pure function of the entry and the time. The entry is all the state there is:
 * a service worker stopped mid-upload, a killed browser or an update leave the entry as last
 * stored, and the next start carries on from it (recoverAfterRestart). Storing entries and
 * sending requests belong to the callers.
 *
 * queued ──startAttempt──▶ uploading ──succeed──▶ stored
 *   ▲                          │
 *   └──── fail (retry/resume) ─┤
 *                              └── fail (park) ──▶ parked ──unpark──▶ queued
 */
import { z } from 'zod';
import { Sha256Hex } from '@/utils/protocol/digest';
import { delayFor, type BackoffOptions } from './backoff';
import { DuplicateNotice, IdempotencyKey, ProblemCode, problems, type ProblemAction } from '../protocol/intake';

export const OutboxState = z.enum(['queued', 'uploading', 'stored', 'parked']);
export type OutboxState = z.infer<typeof OutboxState>;

/**
 * A request of an upload that carries an Idempotency-Key: the item's record, or the chunk of an
 * artifact that starts at a given byte.
 */
export const OutboxRequest = z.string().regex(/^(item|artifact\/\d\/(0|[1-9]\d{0,11}))$/);
export type OutboxRequest = z.infer<typeof OutboxRequest>;
export const itemRequest: OutboxRequest = 'item';
export const chunkRequest = (index: number, start: number): OutboxRequest => `artifact/${index}/${start}`;

export const OutboxError = z.strictObject({
  /** A problem code of the intake, `http-<status>` for an answer without one, `network` for none. */
  code: z.string().min(1).max(100),
  message: z.string().max(2000),
  status: z.number().int().min(100).max(599).nullable(),
});
export type OutboxError = z.infer<typeof OutboxError>;

export const OutboxEntryV1 = z
  .strictObject({
    schemaVersion: z.literal(1),
    itemId: Sha256Hex,
    state: OutboxState,
    /** Attempts started; the backoff of a failure grows with it. */
    attempts: z.number().int().nonnegative(),
    /** When a queued entry is due, in milliseconds since the epoch. */
    nextAttemptAt: z.number().int().nonnegative(),
    /**
     * The intake asked for quiet until then (Retry-After on a 429 or 503): not even "sync now"
     * sends earlier. Null when it did not ask.
     */
    notBefore: z.number().int().nonnegative().nullable(),
    /** The next attempt asks the item's status first (GET /v1/items/{itemId}) and sends what is missing. */
    resume: z.boolean(),
    lastError: OutboxError.nullable(),
    /** Why a parked entry waits for a person: a problem code (or `http-<status>`) the UI words. */
    parkedReason: z.string().min(1).max(100).nullable(),
    /** The intake's signed receipt once stored; checked and typed by the uploader. */
    receipt: z.unknown().nullable(),
    /**
     * Whether other member organisations had already reported the same listing when the intake
     * last answered about this item (never which ones); null until it has answered.
     */
    duplicate: DuplicateNotice.nullable(),
    /** Each request's key, chosen once, so a retried or resumed request replays the same key. */
    idempotencyKeys: z.record(OutboxRequest, IdempotencyKey),
    updatedAt: z.number().int().nonnegative(),
  })
  .refine((entry) => (entry.state === 'parked') === (entry.parkedReason !== null), 'an entry has a parked reason exactly when parked')
  .refine((entry) => (entry.state === 'stored') === (entry.receipt !== null && entry.receipt !== undefined), 'an entry has a receipt exactly when stored');
export type OutboxEntry = z.infer<typeof OutboxEntryV1>;

/** Refuses an entry of an unknown version (a newer Colophon's) rather than guess at it. */
export const parseOutboxEntry = (value: unknown): OutboxEntry => OutboxEntryV1.parse(value);

export class OutboxTransitionError extends Error {
  constructor(transition: string, state: OutboxState) {
    super(`cannot ${transition} an outbox entry that is ${state}`);
    this.name = 'OutboxTransitionError';
  }
}

function assertState(entry: OutboxEntry, transition: string, ...states: OutboxState[]): void {
  if (!states.includes(entry.state)) throw new OutboxTransitionError(transition, entry.state);
}

/** A captured item enters the outbox due at once: uploads start right after capture. */
export const enqueue = (itemId: string, now: number): OutboxEntry =>
  parseOutboxEntry({
    schemaVersion: 1,
    itemId,
    state: 'queued',
    attempts: 0,
    nextAttemptAt: now,
    notBefore: null,
    resume: false,
    lastError: null,
    parkedReason: null,
    receipt: null,
    duplicate: null,
    idempotencyKeys: {},
    updatedAt: now,
  });

export function startAttempt(entry: OutboxEntry, now: number): OutboxEntry {
  assertState(entry, 'start an attempt on', 'queued');
  return { ...entry, state: 'uploading', attempts: entry.attempts + 1, updatedAt: now };
}

/**
 * The key of one request of the upload: the one kept for it, or `newKey()` (a UUID), kept from now
 * on. The caller stores the returned entry before sending, so a restart replays the same key.
 */
export function idempotencyKeyFor(entry: OutboxEntry, request: OutboxRequest, newKey: () => string, now: number): { entry: OutboxEntry; key: string } {
  const kept = entry.idempotencyKeys[OutboxRequest.parse(request)];
  if (kept !== undefined) return { entry, key: kept };
  const key = IdempotencyKey.parse(newKey());
  return { entry: { ...entry, idempotencyKeys: { ...entry.idempotencyKeys, [request]: key }, updatedAt: now }, key };
}

/** Stored, with the receipt and, when the intake's last answer carried one, the duplicate notice. */
export function succeed(entry: OutboxEntry, receipt: unknown, now: number, duplicate: DuplicateNotice | null = entry.duplicate): OutboxEntry {
  assertState(entry, 'store', 'uploading');
  if (receipt === null || receipt === undefined) throw new TypeError('a stored entry needs its receipt');
  return { ...entry, state: 'stored', receipt, duplicate, notBefore: null, resume: false, lastError: null, updatedAt: now };
}

/** How an attempt ended without a receipt. No status: the request got no answer at all. */
export interface AttemptFailure {
  problemCode?: ProblemCode;
  status?: number;
  /** Retry-After in milliseconds (retryAfterMs), or null. */
  retryAfter?: number | null;
  /** The problem's title, or the network error's message: for logs and the detail line. */
  message?: string;
}

/** Statuses that mean the same request cannot succeed, even when the answer is not a problem body. */
const permanentStatuses = new Set([401, 403, 422]);

function actionOf(outcome: AttemptFailure): ProblemAction {
  if (outcome.problemCode !== undefined) return problems[outcome.problemCode].action;
  if (outcome.status !== undefined && permanentStatuses.has(outcome.status)) return 'park';
  // No answer: what the server committed is unknown, so ask it before sending again.
  if (outcome.status === undefined) return 'resume';
  return 'retry';
}

function errorOf(outcome: AttemptFailure): OutboxError {
  const code = outcome.problemCode ?? (outcome.status === undefined ? 'network' : `http-${outcome.status}`);
  const status = outcome.status ?? (outcome.problemCode ? problems[outcome.problemCode].status : null);
  return OutboxError.parse({ code, message: (outcome.message ?? '').slice(0, 2000), status });
}

/**
 * An attempt failed: park the entry when a person has to act (401, 403, 422 and every problem
 * whose action is `park`), else queue it again after the backoff, or after Retry-After if later.
 */
export function fail(entry: OutboxEntry, outcome: AttemptFailure, now: number, random: () => number, options?: BackoffOptions): OutboxEntry {
  assertState(entry, 'fail', 'uploading');
  const lastError = errorOf(outcome);
  const action = actionOf(outcome);
  if (action === 'park') return { ...entry, state: 'parked', parkedReason: lastError.code, lastError, updatedAt: now };
  const delay = delayFor({ attempt: Math.max(entry.attempts - 1, 0), retryAfter: outcome.retryAfter ?? null, random, options });
  const notBefore = outcome.retryAfter === null || outcome.retryAfter === undefined ? null : now + outcome.retryAfter;
  return { ...entry, state: 'queued', nextAttemptAt: now + delay, notBefore, resume: entry.resume || action === 'resume', lastError, updatedAt: now };
}

/**
 * "Sync now": a queued entry is due at once, or when the intake's Retry-After ends if it asked for
 * quiet: a person in a hurry skips Colophon's own backoff, never the intake's request. Parked ones
 * stay parked (see unpark); others are unchanged.
 */
export function syncNow(entry: OutboxEntry, now: number): OutboxEntry {
  const due = Math.max(now, entry.notBefore ?? 0);
  if (entry.state !== 'queued' || entry.nextAttemptAt <= due) return entry;
  return { ...entry, nextAttemptAt: due, updatedAt: now };
}

/**
 * A person fixed what parked the entry (a token, a setting): queue it, due at once, from a fresh
 * start. Its keys are dropped: the server may replay the stored answer (the refusal) to an old key,
 * and may refuse an old key with another body; a new key on an item it holds is answered 200.
 */
export function unpark(entry: OutboxEntry, now: number): OutboxEntry {
  assertState(entry, 'unpark', 'parked');
  return { ...entry, state: 'queued', attempts: 0, nextAttemptAt: now, notBefore: null, resume: true, parkedReason: null, idempotencyKeys: {}, updatedAt: now };
}

/**
 * At start-up: an entry found uploading lost its worker mid-request. It is due again at once,
 * asking the intake what it holds first, with the same keys, so a request that did arrive is
 * answered from the server's record instead of being applied twice.
 */
export function recoverAfterRestart(entry: OutboxEntry, now: number): OutboxEntry {
  if (entry.state !== 'uploading') return entry;
  return { ...entry, state: 'queued', nextAttemptAt: now, resume: true, updatedAt: now };
}

/** The queued entries due by `now`, the longest-waiting first. */
export const dueEntries = (entries: readonly OutboxEntry[], now: number): OutboxEntry[] =>
  entries
    .filter((entry) => entry.state === 'queued' && entry.nextAttemptAt <= now)
    .sort((a, b) => a.nextAttemptAt - b.nextAttemptAt || (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0));

/** When the next queued entry falls due, for the periodic alarm; null when none is waiting. */
export function nextDueAt(entries: readonly OutboxEntry[]): number | null {
  const queued = entries.filter((entry) => entry.state === 'queued').map((entry) => entry.nextAttemptAt);
  return queued.length === 0 ? null : Math.min(...queued);
}
