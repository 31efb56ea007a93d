/**
 * The outbox and the intake as the user reads them: each outbox state, why an item is parked and
 * what to do about it, why "test connection" failed, and the one-line summary. Codes come from
 * utils/protocol/intake-problems.ts and utils/sync/outbox-holds.ts; a code this version does not know
 * (a newer intake's) is shown as it is, never guessed at.
 */
import { formatNumber } from '@/components/catalogue/format';
import { t } from '@/utils/i18n';
import { IntakeError } from '@/utils/sync/intake-client';
import type { OutboxState } from '@/utils/sync/outbox-state';

export type OutboxSummary = Record<OutboxState, number>;

export function outboxStateLabel(state: OutboxState): string {
  switch (state) {
    case 'queued':
      return t('syncStateQueued');
    case 'uploading':
      return t('syncStateUploading');
    case 'stored':
      return t('syncStateStored');
    case 'parked':
      return t('syncStateParked');
  }
}

/** "3 waiting to sync · 1 parked, needs attention · 120 stored at the intake": the states that have items. */
export function summaryLine(summary: OutboxSummary): string {
  const parts = [
    summary.queued > 0 ? t('syncSummaryQueued', formatNumber(summary.queued)) : null,
    summary.uploading > 0 ? t('syncSummaryUploading', formatNumber(summary.uploading)) : null,
    summary.parked > 0 ? t('syncSummaryParked', formatNumber(summary.parked)) : null,
    summary.stored > 0 ? t('syncSummaryStored', formatNumber(summary.stored)) : null,
  ].filter((part) => part !== null);
  return parts.length > 0 ? parts.join(' · ') : t('syncSummaryEmpty');
}

export interface ParkedWording {
  /** A few words for the list's badge. */
  short: string;
  why: string;
  todo: string;
}

/** The intake could not take Colophon's request as sent: a fault to report, not the user's. */
const protocolFault = (why: string): ParkedWording => ({ short: t('syncParkedShortProtocol'), why, todo: t('syncParkedTodoProtocol') });

/** Why an entry is parked (its parkedReason), and what the user can do. */
export function parkedWording(reason: string): ParkedWording {
  const status = /^http-(\d{3})$/.exec(reason)?.[1];
  // An answer without a problem body still has a status that says what kind of refusal it was.
  const code = status === '401' ? 'unauthenticated' : status === '403' ? 'forbidden' : status === '413' ? 'too-large' : reason;
  switch (code) {
    case 'unauthenticated':
      return { short: t('syncParkedShortToken'), why: t('syncParkedWhyUnauthenticated'), todo: t('syncParkedTodoToken') };
    case 'forbidden':
      return { short: t('syncParkedShortForbidden'), why: t('syncParkedWhyForbidden'), todo: t('syncParkedTodoAdministrator') };
    case 'https-required':
      return { short: t('syncParkedShortHttps'), why: t('syncParkedWhyHttps'), todo: t('syncParkedTodoHttps') };
    case 'item-conflict':
      return { short: t('syncParkedShortConflict'), why: t('syncParkedWhyConflict'), todo: t('syncParkedTodoConflict') };
    case 'too-large':
      return { short: t('syncParkedShortTooLarge'), why: t('syncParkedWhyTooLarge'), todo: t('syncParkedTodoTooLarge') };
    case 'hash-mismatch':
      return { short: t('syncParkedShortHash'), why: t('syncParkedWhyHash'), todo: t('syncParkedTodoHash') };
    case 'bad-receipt':
      return { short: t('syncParkedShortReceipt'), why: t('syncParkedWhyReceipt'), todo: t('syncParkedTodoReceipt') };
    case 'network':
      return { short: t('syncParkedShortNetwork'), why: t('syncParkedWhyNetwork'), todo: t('syncParkedTodoNetwork') };
    case 'malformed-json':
      return protocolFault(t('syncParkedWhyMalformedJson'));
    case 'idempotency-key-missing':
      return protocolFault(t('syncParkedWhyKeyMissing'));
    case 'idempotency-key-reused':
      return protocolFault(t('syncParkedWhyKeyReused'));
    case 'bad-range':
      return protocolFault(t('syncParkedWhyBadRange'));
    case 'unknown-artifact':
      return protocolFault(t('syncParkedWhyUnknownArtifact'));
    case 'unsupported-media-type':
      return protocolFault(t('syncParkedWhyMediaType'));
    case 'schema':
    // Every capture has a visible-area screenshot and no empty file: refused for lacking them is a fault.
    case 'insufficient-evidence':
      return protocolFault(t('syncParkedWhySchema'));
  }
  if (status !== undefined) return { short: t('syncParkedShortHttp', status), why: t('syncParkedWhyHttp', status), todo: t('syncParkedTodoAdministrator') };
  return { short: reason, why: t('syncParkedWhyUnknown', reason), todo: t('syncParkedTodoAdministrator') };
}

/** Why "test connection" (or anything else asking the intake from a page) failed. */
export function intakeFailureText(failure: unknown): string {
  if (!(failure instanceof IntakeError)) return t('syncTestFailed', failure instanceof Error ? failure.message : String(failure));
  const code = failure.problem?.code;
  if (failure.kind === 'timeout') return t('syncTestTimeout');
  if (failure.kind === 'network') return t('syncTestNetwork');
  if (failure.kind === 'invalid-answer') return t('syncTestInvalidAnswer');
  if (code === 'unauthenticated' || failure.status === 401) return t('syncTestUnauthenticated');
  if (code === 'https-required') return t('syncTestHttpsRequired');
  if (code === 'forbidden' || failure.status === 403) return t('syncTestForbidden');
  if (code === 'rate-limited' || code === 'unavailable' || code === 'internal' || (failure.status !== null && failure.status >= 500)) {
    return t('syncTestUnavailable', String(failure.status ?? ''));
  }
  if (failure.status === 404) return t('syncTestNotFound');
  return t('syncTestRefused', String(failure.status ?? ''), code ?? '');
}

function uiLanguage(): string {
  try {
    return browser.i18n.getUILanguage() || 'en';
  } catch {
    return 'en';
  }
}

/** "3 seconds", "12 minutes", "5 hours": a clock difference, rounded to what a person compares. */
function duration(ms: number): string {
  const seconds = Math.round(Math.abs(ms) / 1000);
  const [unit, value] = seconds < 120 ? (['second', seconds] as const) : seconds < 7200 ? (['minute', Math.round(seconds / 60)] as const) : (['hour', Math.round(seconds / 3600)] as const);
  return new Intl.NumberFormat(uiLanguage(), { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}

/** Differences below this are the request's own travel time, not a wrong clock. */
const sameClockMs = 2000;

/** How the intake's clock compares with this computer's: `offsetMs` is server minus local. */
export function clockDifference(offsetMs: number): string {
  if (Math.abs(offsetMs) < sameClockMs) return t('syncClockSame');
  return offsetMs > 0 ? t('syncClockAhead', duration(offsetMs)) : t('syncClockBehind', duration(offsetMs));
}
