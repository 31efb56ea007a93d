/**
 * How much of the intake one token, and one member organisation, may hold at a time: requests per
 * minute (a token bucket: that many at once, refilled evenly over the minute) and requests being
 * answered at once. A chunk's body is held in memory while it arrives, so the concurrency caps are
 * what bound the memory one representative, or one organisation, can tie up with slow uploads;
 * the server's request timeout bounds how long.
 *
 * Counted in this process's memory: several intake processes sharing one PostgreSQL database each
 * allow this much. A refusal is 429 rate-limited with Retry-After, and spends nothing.
 */
import { performance } from 'node:perf_hooks';
import { refuse } from '../problem';
import type { Caller } from '../store/members';

export interface TrafficLimits {
  requestsPerMinutePerToken: number;
  requestsPerMinutePerOrganisation: number;
  concurrentRequestsPerToken: number;
  concurrentRequestsPerOrganisation: number;
}

/**
 * The extension sends one request at a time per installation, and an item is a few requests (its
 * record, a chunk per 8 MiB, a reconciliation now and then): 1,200 a minute lets a representative
 * send a backlog of several hundred small captures in one go (the sync bench's 300 small captures
 * take about 900 requests) and a few browsers share a token, while a script hammering the intake
 * waits. An organisation's caps allow several representatives at full speed at once.
 */
export const defaultTrafficLimits: TrafficLimits = {
  requestsPerMinutePerToken: 1200,
  requestsPerMinutePerOrganisation: 6000,
  concurrentRequestsPerToken: 4,
  concurrentRequestsPerOrganisation: 16,
};

export function trafficLimitsOf(given: Partial<TrafficLimits> = {}): TrafficLimits {
  const limits = { ...defaultTrafficLimits, ...Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined)) };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${name} must be a whole number of at least 1, not ${String(value)}`);
  }
  return limits;
}

/** A bucket of requests: `level` at `at` (ms), refilled at `perMs` up to `capacity`. */
class Bucket {
  private level: number;
  private at: number;
  constructor(
    private readonly capacity: number,
    private readonly perMs: number,
    now: number,
  ) {
    this.level = capacity;
    this.at = now;
  }

  /** Milliseconds until one request is in the bucket; 0 when one is now. */
  waitMs(now: number): number {
    this.level = Math.min(this.capacity, this.level + (now - this.at) * this.perMs);
    this.at = now;
    return this.level >= 1 ? 0 : (1 - this.level) / this.perMs;
  }

  take(): void {
    this.level -= 1;
  }

  isFull(now: number): boolean {
    return this.level + (now - this.at) * this.perMs >= this.capacity;
  }
}

/** Buckets of callers idle long enough to be full again are dropped past this many. */
const bucketsKept = 1000;

export class TrafficGuard {
  readonly limits: TrafficLimits;
  private readonly buckets = new Map<string, Bucket>();
  private readonly inFlight = new Map<string, number>();

  constructor(limits: Partial<TrafficLimits> = {}, private readonly now: () => number = () => performance.now()) {
    this.limits = trafficLimitsOf(limits);
  }

  /** Lets one request of the caller in, or throws 429 rate-limited; the returned function ends it, once. */
  admit(caller: Caller): () => void {
    const { limits } = this;
    const token = `token:${caller.tokenHash}`;
    const organisation = `organisation:${caller.organisation.id}`;
    if ((this.inFlight.get(token) ?? 0) >= limits.concurrentRequestsPerToken) {
      throw busy(`this token already has ${limits.concurrentRequestsPerToken} requests being answered`);
    }
    if ((this.inFlight.get(organisation) ?? 0) >= limits.concurrentRequestsPerOrganisation) {
      throw busy(`this organisation already has ${limits.concurrentRequestsPerOrganisation} requests being answered`);
    }
    const now = this.now();
    const tokenBucket = this.bucket(token, limits.requestsPerMinutePerToken, now);
    const organisationBucket = this.bucket(organisation, limits.requestsPerMinutePerOrganisation, now);
    const waitMs = Math.max(tokenBucket.waitMs(now), organisationBucket.waitMs(now));
    if (waitMs > 0) {
      const which = tokenBucket.waitMs(now) > 0 ? `${limits.requestsPerMinutePerToken} a minute per token` : `${limits.requestsPerMinutePerOrganisation} a minute per organisation`;
      throw refuse('rate-limited', 'Too many requests: try again after Retry-After seconds', { detail: `the limit is ${which}`, retryAfterSeconds: Math.ceil(waitMs / 1000) });
    }
    tokenBucket.take();
    organisationBucket.take();
    this.count(token, 1);
    this.count(organisation, 1);
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.count(token, -1);
      this.count(organisation, -1);
    };
  }

  private bucket(key: string, perMinute: number, now: number): Bucket {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= bucketsKept) for (const [idle, kept] of this.buckets) if (kept.isFull(now)) this.buckets.delete(idle);
      bucket = new Bucket(perMinute, perMinute / 60_000, now);
      this.buckets.set(key, bucket);
    }
    return bucket;
  }

  private count(key: string, by: number): void {
    const next = (this.inFlight.get(key) ?? 0) + by;
    if (next <= 0) this.inFlight.delete(key);
    else this.inFlight.set(key, next);
  }
}

// A request being answered ends within the server's request timeout at the latest, most within a
// second: the client may try again that soon.
const busy = (detail: string) => refuse('rate-limited', 'Too many requests at once: try again after Retry-After seconds', { detail, retryAfterSeconds: 1 });
