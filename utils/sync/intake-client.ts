/**
 * The extension's HTTP client of the intake protocol v1 (intake/README.md, intake/openapi.json):
 * one method per request, each answer validated with the protocol's zod schemas, each failure an
 * IntakeError that says what kind it was, so the outbox decides from the kind and the problem
 * code, never from wording.
 *
 * No request outlives `timeoutMs` (25 s), body upload and answer included: one signal covers the
 * whole exchange, so a stalled connection ends as a timeout and the outbox resumes later. The
 * token goes only to a URL isAcceptableIntakeUrl accepts, and never through a redirect.
 */
import { Sha256Hex } from '@/utils/protocol/digest';
import { retryAfterMs } from './backoff';
import {
  contentRange, EvidenceItem, IdempotencyKey, intakeHeaders, intakeMediaTypes, intakePaths, isAcceptableIntakeUrl, ItemStatus, Problem,
  Receipt, ReconcileRequest, ReconcileResponse, ServerKeys, Session, type ReconcileEntry, type ServerKey,
} from '../protocol/intake';
import type { z } from 'zod';

export type IntakeErrorKind = 'network' | 'timeout' | 'problem' | 'http' | 'invalid-answer';

export class IntakeError extends Error {
  override readonly name = 'IntakeError';
  readonly kind: IntakeErrorKind;
  /** The answer's HTTP status; null when there was no answer. */
  readonly status: number | null;
  /** The answer's problem body, when it was one the protocol defines. */
  readonly problem: Problem | null;
  /** The answer's Retry-After in milliseconds, or null. */
  readonly retryAfterMs: number | null;

  constructor(kind: IntakeErrorKind, message: string, details: { status?: number | null; problem?: Problem | null; retryAfterMs?: number | null; cause?: unknown } = {}) {
    super(message, { cause: details.cause });
    this.kind = kind;
    this.status = details.status ?? null;
    this.problem = details.problem ?? null;
    this.retryAfterMs = details.retryAfterMs ?? null;
  }
}

export interface IntakeClientOptions {
  url: string;
  token: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** For Retry-After given as a date. */
  now?: () => number;
}

export interface IntakeClient {
  readonly url: string;
  session(): Promise<Session>;
  /** Every key the server ever signed receipts with; asked without the token (it is public). */
  serverKeys(): Promise<ServerKey[]>;
  /** PUT the item's record; the answer is its status at the intake (201 new, 200 known). */
  putItem(item: EvidenceItem, idempotencyKey: string): Promise<ItemStatus>;
  itemStatus(itemId: string): Promise<ItemStatus>;
  /** PUT bytes [start, start + bytes.size) of artifact `index`, of `size` bytes in all. */
  putChunk(itemId: string, index: number, bytes: Blob, start: number, size: number, idempotencyKey: string): Promise<ItemStatus>;
  receipt(itemId: string): Promise<Receipt>;
  /** One entry per id, in the order asked; at most intakeLimits.maxReconcileItems ids. */
  reconcile(itemIds: readonly string[]): Promise<ReconcileEntry[]>;
}

export const intakeTimeoutMs = 25_000;

/** Protocol answers are a few kilobytes; a body past this is not one, whatever it says. */
const maxAnswerBytes = 1024 * 1024;

interface Exchange<T> {
  method: 'GET' | 'PUT' | 'POST';
  path: string;
  schema: z.ZodType<T>;
  okStatuses: readonly number[];
  headers?: Record<string, string>;
  body?: BodyInit;
  /** GET /v1/server-keys is public: the token stays home. */
  anonymous?: boolean;
}

export function createIntakeClient(options: IntakeClientOptions): IntakeClient {
  const { token } = options;
  if (!isAcceptableIntakeUrl(options.url)) throw new TypeError('the intake URL must be https, or http to this machine');
  const base = options.url.replace(/\/+$/, '');
  const send = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const timeoutMs = options.timeoutMs ?? intakeTimeoutMs;
  const now = options.now ?? Date.now;

  async function exchange<T>({ method, path, schema, okStatuses, headers = {}, body, anonymous = false }: Exchange<T>): Promise<T> {
    const target = `${base}${path}`;
    // Checked on the URL actually asked, not only the one configured: the token never leaves otherwise.
    if (!isAcceptableIntakeUrl(target)) throw new IntakeError('network', `refused to send a request to ${target}`);
    const signal = AbortSignal.timeout(timeoutMs);
    let response: Response;
    let text: string;
    try {
      response = await send(target, {
        method,
        headers: anonymous ? headers : { ...headers, [intakeHeaders.authorization]: `Bearer ${token}` },
        body,
        signal,
        redirect: 'error',
        credentials: 'omit',
        cache: 'no-store',
      });
      text = await readAnswer(response);
    } catch (error) {
      if (error instanceof IntakeError) throw error;
      if (signal.aborted) throw new IntakeError('timeout', `no answer from the intake within ${timeoutMs / 1000} s`, { cause: error });
      throw new IntakeError('network', `the intake could not be reached: ${messageOf(error)}`, { cause: error });
    }
    const { status } = response;
    const retryAfter = retryAfterMs(response.headers.get(intakeHeaders.retryAfter), now());
    if (okStatuses.includes(status)) {
      const parsed = schema.safeParse(jsonOrUndefined(text));
      if (parsed.success) return parsed.data;
      throw new IntakeError('invalid-answer', `the intake's answer to ${method} ${path} is not what the protocol says`, { status });
    }
    if (status >= 200 && status < 300) throw new IntakeError('invalid-answer', `unexpected status ${status} for ${method} ${path}`, { status });
    const problem = Problem.safeParse(jsonOrUndefined(text));
    if (problem.success && problem.data.status === status) {
      throw new IntakeError('problem', `${problem.data.code}: ${problem.data.title}`, { status, problem: problem.data, retryAfterMs: retryAfter });
    }
    throw new IntakeError('http', `the intake answered ${status} without a problem the protocol defines`, { status, retryAfterMs: retryAfter });
  }

  const statusOf = (itemId: string) => ItemStatus.refine((status) => status.itemId === itemId, 'the status of another item');
  const jsonBody = (value: unknown) => ({ headers: { 'Content-Type': intakeMediaTypes.json }, body: JSON.stringify(value) });

  return {
    url: base,
    session: () => exchange({ method: 'GET', path: intakePaths.session, schema: Session, okStatuses: [200] }),
    async serverKeys() {
      return (await exchange({ method: 'GET', path: intakePaths.serverKeys, schema: ServerKeys, okStatuses: [200], anonymous: true })).keys;
    },
    async putItem(item, idempotencyKey) {
      const record = EvidenceItem.parse(item);
      const { headers, body } = jsonBody(record);
      return exchange({
        method: 'PUT',
        path: intakePaths.item(record.id),
        schema: statusOf(record.id),
        okStatuses: [200, 201],
        headers: { ...headers, [intakeHeaders.idempotencyKey]: IdempotencyKey.parse(idempotencyKey) },
        body,
      });
    },
    itemStatus: async (itemId) => exchange({ method: 'GET', path: intakePaths.item(Sha256Hex.parse(itemId)), schema: statusOf(itemId), okStatuses: [200] }),
    async putChunk(itemId, index, bytes, start, size, idempotencyKey) {
      const end = start + bytes.size;
      if (!Number.isInteger(index) || index < 0 || index > 9) throw new RangeError(`no artifact ${index}`);
      if (!Number.isInteger(start) || start < 0 || bytes.size === 0 || end > size) throw new RangeError(`bytes ${start}-${end} are not a chunk of ${size}`);
      return exchange({
        method: 'PUT',
        path: intakePaths.artifact(Sha256Hex.parse(itemId), index),
        schema: statusOf(itemId),
        okStatuses: [200],
        headers: {
          'Content-Type': intakeMediaTypes.bytes,
          [intakeHeaders.idempotencyKey]: IdempotencyKey.parse(idempotencyKey),
          [intakeHeaders.contentRange]: contentRange(start, end, size),
        },
        body: bytes,
      });
    },
    receipt: async (itemId) =>
      exchange({
        method: 'GET',
        path: intakePaths.receipt(Sha256Hex.parse(itemId)),
        schema: Receipt.refine((receipt) => receipt.itemId === itemId, 'the receipt of another item'),
        okStatuses: [200],
      }),
    async reconcile(itemIds) {
      const request = ReconcileRequest.parse({ itemIds: [...itemIds] });
      const answers = ReconcileResponse.refine(
        ({ items }) =>
          items.length === request.itemIds.length &&
          items.every((entry, i) => entry.itemId === request.itemIds[i] && (entry.state === 'complete') === (entry.receipt !== null)),
        'one entry per id asked, in order, a receipt exactly with complete',
      );
      return (await exchange({ method: 'POST', path: intakePaths.reconcile, schema: answers, okStatuses: [200], ...jsonBody(request) })).items;
    },
  };
}

async function readAnswer(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxAnswerBytes) {
      await reader.cancel().catch(() => undefined);
      throw new IntakeError('invalid-answer', `the intake's answer is over ${maxAnswerBytes} bytes`, { status: response.status });
    }
    parts.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

function jsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
