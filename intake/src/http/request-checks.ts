/**
 * The checks every request of a kind goes through, each ending in the protocol's problem code:
 * media type (415), Idempotency-Key (400), Content-Range (400 bad-range, 413 over the chunk limit),
 * JSON that parses (400 malformed-json), JSON that fits its schema (422 schema, with a JSON Pointer
 * for each place it does not).
 */
import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import { ContentRange, IdempotencyKey, type FieldError } from '../../../utils/protocol/intake';
import { refuse } from '../problem';
import type { ChunkRange } from '../store/chunks';

export function requireMediaType(request: IncomingMessage, expected: string): void {
  const given = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (given !== expected) {
    throw refuse('unsupported-media-type', `The body must be ${expected}`, { detail: given === '' ? 'no Content-Type was given' : `Content-Type was ${given}` });
  }
}

export function requireIdempotencyKey(request: IncomingMessage): string {
  const key = request.headers['idempotency-key'];
  if (typeof key !== 'string' || !IdempotencyKey.safeParse(key).success) {
    throw refuse('idempotency-key-missing', 'Every PUT needs an Idempotency-Key', {
      detail: key === undefined ? 'no Idempotency-Key was given' : 'the Idempotency-Key must be 16 to 128 of A-Z a-z 0-9 _ -',
    });
  }
  return key;
}

export function requireContentRange(request: IncomingMessage, maxChunkBytes: number): ChunkRange & { header: string } {
  const header = request.headers['content-range'];
  if (typeof header !== 'string' || !ContentRange.safeParse(header).success) {
    throw refuse('bad-range', 'A chunk needs Content-Range: bytes <first>-<last>/<size>', { detail: header === undefined ? 'no Content-Range was given' : `Content-Range was ${header.slice(0, 100)}` });
  }
  const [first, last, size] = header.slice('bytes '.length).split(/[-/]/).map(Number) as [number, number, number];
  if (first > last || last >= size) throw refuse('bad-range', 'Content-Range must lie within the artifact', { detail: `${header} is not a range of ${size} bytes` });
  if (last - first + 1 > maxChunkBytes) {
    throw refuse('too-large', 'The chunk is larger than this intake accepts', { detail: `${last - first + 1} bytes; the limit is ${maxChunkBytes}` });
  }
  return { first, last, size, header };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(utf8.decode(bytes));
  } catch (error) {
    throw refuse('malformed-json', 'The body is not JSON', { detail: error instanceof Error ? error.message.slice(0, 500) : undefined });
  }
}

/** RFC 6901: `~` and `/` in a member name are escaped. */
const pointerOf = (path: readonly PropertyKey[]): string => path.map((key) => `/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');

export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.flatMap((issue): FieldError[] => {
    const message = issue.message.slice(0, 1000);
    // An unknown member is pointed at itself, not at the object that holds it.
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ pointer: pointerOf([...issue.path, key]).slice(0, 1000), message: 'unknown member' }));
    return [{ pointer: pointerOf(issue.path).slice(0, 1000), message }];
  });
}

export function parseWith<Schema extends z.ZodType>(schema: Schema, value: unknown, what: string): z.output<Schema> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw refuse('schema', `The ${what} does not fit the schema`, { errors: fieldErrors(parsed.error).slice(0, 100) });
  return parsed.data;
}
