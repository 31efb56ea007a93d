/**
 * How a failed request counts for the outbox: the AttemptFailure that `fail` (./outbox-state.ts)
 * turns into park, retry or resume, and whether it concerns the intake as a whole rather than the
 * one item, in which case the run stops instead of sending the next item into the same wall.
 */
import { IntakeError } from './intake-client';
import type { AttemptFailure } from './outbox-state';

export function attemptFailure(error: unknown): AttemptFailure {
  if (!(error instanceof IntakeError)) return { message: error instanceof Error ? error.message : String(error) };
  switch (error.kind) {
    case 'network':
    case 'timeout':
      // No answer: what the intake committed is unknown, so the next attempt asks it first.
      return { message: error.message };
    case 'problem':
      return { problemCode: error.problem!.code, status: error.status!, retryAfter: error.retryAfterMs, message: error.problem!.title };
    case 'http':
    case 'invalid-answer':
      return { status: error.status ?? undefined, retryAfter: error.retryAfterMs, message: error.message };
  }
}

const serverWideStatuses = new Set([429, 500, 502, 503, 504, 507]);

/** No answer, too many requests, a full quota, or a server in trouble: every item would meet the same. */
export function isServerWide(error: unknown): boolean {
  if (!(error instanceof IntakeError)) return false;
  if (error.kind === 'network' || error.kind === 'timeout') return true;
  return error.status !== null && serverWideStatuses.has(error.status);
}
