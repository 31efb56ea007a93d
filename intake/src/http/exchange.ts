/** One request on its way through the intake: what every operation's handler is given. */
import type { IncomingMessage } from 'node:http';
import { Sha256Hex } from '../../../utils/evidence/digest';
import type { Caller } from '../store/members';
import type { IntakeStore } from '../store/store';
import type { Answer } from './answers';
import { requireCaller, requireHttps } from './gate';
import type { Route } from './operations';

export interface Exchange {
  request: IncomingMessage;
  /** The path without its query. */
  path: string;
  params: Route['params'];
  store: IntakeStore;
  /** Resolves if the client ends its side of the connection before its body is whole. */
  peerEnded: Promise<void>;
  behindTlsProxy: boolean;
}

export type Handler = (exchange: Exchange) => Promise<Answer>;

/** HTTPS (or loopback), then the bearer token: every operation but GET /v1/server-keys starts here. */
export async function callerOf(exchange: Exchange): Promise<Caller> {
  requireHttps(exchange.request, exchange.behindTlsProxy);
  return requireCaller(exchange.store, exchange.request);
}

export const isItemId = (value: string | undefined): value is string => Sha256Hex.safeParse(value).success;
