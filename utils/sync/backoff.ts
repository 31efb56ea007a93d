/**
 * When the outbox tries an upload again: exponential backoff with full jitter
 * (each delay drawn uniformly between 0 and the exponential ceiling), so installations that lost
 * the intake at the same moment do not come back at the same moment either. A Retry-After from
 * the server (429 `rate-limited`, 503 `unavailable`) is a floor under that draw.
 */

export interface BackoffOptions {
  /** The ceiling of the first retry. */
  baseMs?: number;
  /** The highest ceiling. */
  capMs?: number;
}

export const backoffDefaults = {
  baseMs: 2_000,
  /**
   * Six hours: a machine offline for days then makes a handful of attempts a day per item, not
   * thousands, while an item still goes out the same working day once the network is back (and
   * at once on capture or "sync now", which do not wait for the backoff).
   */
  capMs: 6 * 60 * 60 * 1000,
} as const satisfies Required<BackoffOptions>;

/** A Retry-After further out than this is a misconfigured server, not a plan. */
export const maxRetryAfterMs = 24 * 60 * 60 * 1000;

/**
 * The delay before retry number `attempt` (0 for the first retry): uniform in
 * [0, min(cap, base * 2^attempt)). `random` returns numbers in [0, 1), as Math.random does.
 */
export function nextAttemptDelay(attempt: number, random: () => number, options: BackoffOptions = {}): number {
  if (!Number.isInteger(attempt) || attempt < 0) throw new RangeError(`attempt must be a non-negative integer, not ${attempt}`);
  const { baseMs, capMs } = { ...backoffDefaults, ...options };
  // 2^1024 is Infinity; past 2^52 the ceiling is the cap for any sane base anyway.
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 52));
  const draw = Math.min(Math.max(random(), 0), 1);
  return Math.min(Math.floor(draw * ceiling), Math.max(ceiling - 1, 0));
}

export interface DelayRequest {
  attempt: number;
  /** The server's Retry-After in milliseconds (retryAfterMs), null without one. */
  retryAfter: number | null;
  random: () => number;
  options?: BackoffOptions;
}

/** The backoff draw, but never sooner than the server asked. */
export const delayFor = ({ attempt, retryAfter, random, options }: DelayRequest): number =>
  Math.max(nextAttemptDelay(attempt, random, options), retryAfter ?? 0);

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const time = '(\\d{2}):(\\d{2}):(\\d{2})';
const month = `(${months.join('|')})`;
/** The three HTTP-date forms RFC 9110 section 5.6.7 says a recipient must accept. */
const imfFixdate = new RegExp(`^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\\d{2}) ${month} (\\d{4}) ${time} GMT$`);
const rfc850 = new RegExp(`^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), (\\d{2})-${month}-(\\d{2}) ${time} GMT$`);
const asctime = new RegExp(`^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ${month} ([ \\d]\\d) ${time} (\\d{4})$`);

/** An HTTP-date as milliseconds since the epoch, or null. Always UTC, whatever the machine's zone. */
export function parseHttpDate(value: string, now: number): number | null {
  let parts: { day: string; month: string; year: number; hour: string; minute: string; second: string } | null = null;
  let match = imfFixdate.exec(value);
  if (match) parts = { day: match[1]!, month: match[2]!, year: Number(match[3]), hour: match[4]!, minute: match[5]!, second: match[6]! };
  else if ((match = rfc850.exec(value))) {
    // A two-digit year more than 50 years ahead is the latest past year ending in those digits.
    const thisYear = new Date(now).getUTCFullYear();
    let year = thisYear - (thisYear % 100) + Number(match[3]);
    if (year > thisYear + 50) year -= 100;
    parts = { day: match[1]!, month: match[2]!, year, hour: match[4]!, minute: match[5]!, second: match[6]! };
  } else if ((match = asctime.exec(value))) {
    parts = { day: match[2]!.trim(), month: match[1]!, year: Number(match[6]), hour: match[3]!, minute: match[4]!, second: match[5]! };
  }
  if (!parts) return null;
  const [day, monthIndex, hour, minute, second] = [Number(parts.day), months.indexOf(parts.month), Number(parts.hour), Number(parts.minute), Number(parts.second)];
  if (hour > 23 || minute > 59 || second > 60) return null;
  const instant = Date.UTC(parts.year, monthIndex, day, hour, minute, Math.min(second, 59));
  // Date.UTC rolls 31 Feb over into March: such a date is invalid, not a date in March.
  return new Date(instant).getUTCDate() === day ? instant : null;
}

/**
 * A Retry-After header (RFC 9110 section 10.2.3) as a delay in milliseconds from `now`: delay-seconds
 * or an HTTP-date. Null when absent or unreadable; 0 for a date already past; at most a day.
 */
export function retryAfterMs(header: string | null, now: number): number | null {
  if (header === null) return null;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Math.min(Number(value) * 1000, maxRetryAfterMs);
  const at = parseHttpDate(value, now);
  if (at === null) return null;
  return Math.min(Math.max(at - now, 0), maxRetryAfterMs);
}
