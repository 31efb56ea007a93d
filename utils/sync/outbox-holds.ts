/**
 * Outbox transitions beside the ones an attempt's answer dictates (./outbox-state.ts has those):
 * parking for a reason found on this side (a receipt that does not check out), holding every
 * queued entry back while the intake asked for quiet (a 429 or 503 with Retry-After applies to the
 * installation, not only to the request that got it), and what reconciliation learnt.
 */
import { OutboxError, OutboxTransitionError, parseOutboxEntry, type OutboxEntry } from './outbox-state';

/** Why the uploader parked an entry by itself; the UI words each, as it words problem codes. */
export type LocalParkReason = 'bad-receipt';

export function parkFor(entry: OutboxEntry, reason: LocalParkReason, message: string, now: number): OutboxEntry {
  if (entry.state !== 'uploading') throw new OutboxTransitionError('park', entry.state);
  const lastError = OutboxError.parse({ code: reason, message: message.slice(0, 2000), status: null });
  return parseOutboxEntry({ ...entry, state: 'parked', parkedReason: reason, lastError, updatedAt: now });
}

/** A queued entry due before `until` waits until then, "sync now" included; anything else is unchanged. */
export function postpone(entry: OutboxEntry, until: number, now: number): OutboxEntry {
  if (entry.state !== 'queued' || (entry.nextAttemptAt >= until && (entry.notBefore ?? 0) >= until)) return entry;
  return { ...entry, nextAttemptAt: Math.max(entry.nextAttemptAt, until), notBefore: Math.max(entry.notBefore ?? 0, until), updatedAt: now };
}

/**
 * What reconciliation learnt of a queued entry the intake holds no receipt for: `absent`, so the
 * next attempt sends the record straight away; `incomplete`, so it asks what is missing first.
 * The entry's time is kept: reconciling is not a reason to skip the backoff.
 */
export function reconciled(entry: OutboxEntry, state: 'absent' | 'incomplete', now: number): OutboxEntry {
  const resume = state === 'incomplete';
  if (entry.state !== 'queued' || entry.resume === resume) return entry;
  return { ...entry, resume, updatedAt: now };
}
