/** PUT and GET /v1/items/{itemId}, GET /v1/items/{itemId}/receipt. */
import { EvidenceItem, intakeMediaTypes, ItemStatus, Receipt } from '../../../../utils/protocol/intake';
import { refuse } from '../../problem';
import { jsonAnswer } from '../answers';
import { callerOf, isItemId, type Handler } from '../exchange';
import { idempotently } from '../idempotent';
import { readBody } from '../request-body';
import { parseJson, parseWith, requireIdempotencyKey, requireMediaType } from '../request-checks';

const unknownItem = () => refuse('unknown-item', 'This organisation holds no item of this id');

export const putItem: Handler = async (exchange) => {
  const { request, store, params } = exchange;
  const caller = await callerOf(exchange);
  const itemId = params.itemId;
  // PUT item has no 404: an id that is no digest is a body/path mismatch, as the OpenAPI says.
  if (!isItemId(itemId)) throw refuse('schema', 'The item id in the path is not a SHA-256 digest', { errors: [{ pointer: '/id', message: 'the path’s id is not 64 lower-case hex digits' }] });
  const key = requireIdempotencyKey(request);
  requireMediaType(request, intakeMediaTypes.json);
  const body = await readBody(request, store.limits.maxItemBytes, exchange.peerEnded);
  if (body.kind === 'over-limit') throw refuse('too-large', 'The item’s JSON is larger than this intake accepts', { detail: `the limit is ${store.limits.maxItemBytes} bytes` });
  const item = parseWith(EvidenceItem, parseJson(body.bytes), 'item');
  await store.checkItem(itemId, item);
  return idempotently(store, caller, key, { method: 'PUT', path: exchange.path, body: body.bytes, contentRange: null }, async () => {
    const { created, status } = await store.putItem(caller, item);
    return jsonAnswer(ItemStatus, created ? 201 : 200, status);
  });
};

export const getItem: Handler = async (exchange) => {
  const caller = await callerOf(exchange);
  if (!isItemId(exchange.params.itemId)) throw unknownItem();
  return jsonAnswer(ItemStatus, 200, await exchange.store.itemStatus(caller, exchange.params.itemId));
};

export const getReceipt: Handler = async (exchange) => {
  const caller = await callerOf(exchange);
  if (!isItemId(exchange.params.itemId)) throw unknownItem();
  return jsonAnswer(Receipt, 200, await exchange.store.receipt(caller, exchange.params.itemId));
};
