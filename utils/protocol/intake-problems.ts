/**
 * The intake's error body (intake/openapi.json, component Problem): an RFC 9457 problem object
 * whose `code` is stable, so the outbox branches on the code and never on the wording. Each code
 * has one HTTP status and one thing the client does about it (permanent errors
 * park an item; 429 and 503 carry Retry-After, as 507 may; the rest are retried with backoff).
 */
import { z } from 'zod';

/**
 * What the outbox does on a problem:
 * - `retry`: the same request again later, after Retry-After when the answer has one, else backoff;
 * - `resume`: ask the item's status (GET /v1/items/{itemId}) and send what it says is missing,
 *   the item itself included when the server does not know it;
 * - `park`: stop and show the item with the problem: a person has to act (a token, a setting, a
 *   bug report). Sending the same bytes again cannot succeed.
 */
export type ProblemAction = 'retry' | 'resume' | 'park';

export const problems = {
  'malformed-json': { status: 400, action: 'park' },
  'idempotency-key-missing': { status: 400, action: 'park' },
  'bad-range': { status: 400, action: 'park' },
  /** The chunk's body ended before its Content-Range did: a dropped connection. Nothing was committed. */
  truncated: { status: 400, action: 'resume' },
  unauthenticated: { status: 401, action: 'park' },
  /** Another organisation's item, or a token without the right to upload. */
  forbidden: { status: 403, action: 'park' },
  'https-required': { status: 403, action: 'park' },
  'unknown-item': { status: 404, action: 'resume' },
  'unknown-artifact': { status: 404, action: 'park' },
  /** The same key is still being answered (a retry overtook its first attempt). */
  'idempotency-key-in-flight': { status: 409, action: 'retry' },
  /** Content-Range does not start at the committed offset; the problem says where it is. */
  'chunk-out-of-order': { status: 409, action: 'resume' },
  /** The receipt of an item whose artifacts are not all in yet. */
  'item-incomplete': { status: 409, action: 'resume' },
  /** This organisation holds an item of the same id with a different record (createdAt, chain). */
  'item-conflict': { status: 409, action: 'park' },
  'too-large': { status: 413, action: 'park' },
  'unsupported-media-type': { status: 415, action: 'park' },
  schema: { status: 422, action: 'park' },
  /** A digest the server recomputed differs from the one sent: metadata, id, record, link or bytes. */
  'hash-mismatch': { status: 422, action: 'park' },
  'idempotency-key-reused': { status: 422, action: 'park' },
  /** An item the intake does not take as evidence: an empty artifact, or no visible-area screenshot. */
  'insufficient-evidence': { status: 422, action: 'park' },
  'rate-limited': { status: 429, action: 'retry' },
  /** The organisation's storage at the intake is full, for today (with Retry-After) or until an administrator raises it. */
  'quota-exceeded': { status: 507, action: 'retry' },
  /** The intake's own disk or database is full: nothing was stored, and the same request succeeds once room is made. */
  'storage-full': { status: 507, action: 'retry' },
  internal: { status: 500, action: 'retry' },
  unavailable: { status: 503, action: 'retry' },
} as const satisfies Record<string, { status: number; action: ProblemAction }>;

export type ProblemCode = keyof typeof problems;
export const problemCodes = Object.keys(problems) as [ProblemCode, ...ProblemCode[]];
export const ProblemCode = z.enum(problemCodes);

/** Where a body broke the schema: a JSON Pointer (RFC 6901) into the body, and what is wrong. */
export const FieldError = z.strictObject({
  pointer: z.string().max(1000),
  message: z.string().max(1000),
});
export type FieldError = z.infer<typeof FieldError>;

export const Problem = z.strictObject({
  code: ProblemCode,
  status: z.number().int().min(400).max(599),
  /** A short sentence for logs and the evidence manager's "why is this parked" line. */
  title: z.string().min(1).max(200),
  detail: z.string().max(2000).optional(),
  /** For `schema`: each place the body broke it, at most 100. */
  errors: z.array(FieldError).max(100).optional(),
  /** For `chunk-out-of-order` and `truncated`: the bytes of the artifact the server holds. */
  committedOffset: z.number().int().nonnegative().optional(),
});
export type Problem = z.infer<typeof Problem>;

/** What the client does about a problem body it received. */
export const problemAction = (problem: Problem): ProblemAction => problems[problem.code].action;
