/**
 * PUT /v1/items/{itemId}/artifacts/{index}: one chunk, read whole into memory (at most the chunk
 * limit) before anything is claimed or written, so a chunk cut short commits nothing.
 */
import { intakeMediaTypes, ItemStatus } from '../../../../utils/protocol/intake';
import { refuse } from '../../problem';
import { jsonAnswer } from '../answers';
import { callerOf, isItemId, type Handler } from '../exchange';
import { idempotently } from '../idempotent';
import { BodyEndedEarly, readBody } from '../request-body';
import { requireContentRange, requireIdempotencyKey, requireMediaType } from '../request-checks';

export const putArtifactChunk: Handler = async (exchange) => {
  const { request, store, params } = exchange;
  const caller = await callerOf(exchange);
  if (!isItemId(params.itemId)) throw refuse('unknown-item', 'This organisation holds no item of this id');
  const itemId = params.itemId;
  if (!/^[0-9]$/.test(params.index ?? '')) throw refuse('unknown-artifact', 'An artifact index is a number from 0 to 9');
  const index = Number(params.index);
  const key = requireIdempotencyKey(request);
  requireMediaType(request, intakeMediaTypes.bytes);
  const range = requireContentRange(request, store.limits.maxChunkBytes);
  const length = range.last - range.first + 1;

  const truncated = async (received: number) =>
    refuse('truncated', 'The chunk ended before its Content-Range did: nothing of it was committed', {
      detail: `${received} of ${length} bytes arrived`,
      committedOffset: await store.committedOffset(caller, itemId, index),
    });
  let body;
  try {
    body = await readBody(request, length, exchange.peerEnded);
  } catch (error) {
    throw error instanceof BodyEndedEarly ? await truncated(error.received) : error;
  }
  if (body.kind === 'over-limit') throw refuse('bad-range', 'The body is longer than its Content-Range', { detail: `the range has ${length} bytes` });
  if (body.bytes.length < length) throw await truncated(body.bytes.length);

  const bytes = body.bytes;
  return idempotently(store, caller, key, { method: 'PUT', path: exchange.path, body: bytes, contentRange: range.header }, async () =>
    jsonAnswer(ItemStatus, 200, await store.putChunk(caller, itemId, index, range, bytes)),
  );
};
