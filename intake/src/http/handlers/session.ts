/** GET /v1/session, GET /v1/server-keys, POST /v1/reconcile. */
import { intakeMediaTypes, ReconcileRequest, ReconcileResponse, ServerKeys, Session } from '../../../../utils/protocol/intake';
import { refuse } from '../../problem';
import { jsonAnswer } from '../answers';
import { callerOf, type Handler } from '../exchange';
import { readBody } from '../request-body';
import { parseJson, parseWith, requireMediaType } from '../request-checks';

export const getSession: Handler = async (exchange) => jsonAnswer(Session, 200, exchange.store.session(await callerOf(exchange)));

/**
 * No token and no https check: public keys are no secret, and the operation has no 403 to answer
 * with. A client still only trusts keys fetched over https (isAcceptableIntakeUrl).
 */
export const getServerKeys: Handler = async (exchange) => jsonAnswer(ServerKeys, 200, await exchange.store.serverKeys());

export const reconcile: Handler = async (exchange) => {
  const { request, store } = exchange;
  const caller = await callerOf(exchange);
  requireMediaType(request, intakeMediaTypes.json);
  const body = await readBody(request, store.limits.maxItemBytes, exchange.peerEnded);
  if (body.kind === 'over-limit') throw refuse('too-large', 'The request is larger than this intake accepts', { detail: `the limit is ${store.limits.maxItemBytes} bytes` });
  const { itemIds } = parseWith(ReconcileRequest, parseJson(body.bytes), 'request');
  if (itemIds.length > store.limits.maxReconcileItems) {
    throw refuse('too-large', 'More item ids than this intake reconciles at once', { detail: `the limit is ${store.limits.maxReconcileItems}` });
  }
  return jsonAnswer(ReconcileResponse, 200, await store.reconcile(caller, itemIds));
};
