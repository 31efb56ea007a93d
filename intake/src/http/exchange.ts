/** One request on its way through the intake: what every operation's handler is given. */
import type { IncomingMessage } from 'node:http';
import { Sha256Hex } from '../../../utils/protocol/digest';
import type { Caller } from '../store/members';
import type { IntakeStore } from '../store/store';
import type { Answer } from './answers';
import type { TrustedProxies } from './forwarded';
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
  proxies: TrustedProxies;
  /** Counts the request against its token's and organisation's limits until it is answered, or refuses it (429). */
  admit(caller: Caller): void;
}

export type Handler = (exchange: Exchange) => Promise<Answer>;

/**
 * HTTPS (or loopback), the bearer token, then the caller's traffic limits: every operation but GET
 * /v1/server-keys starts here, before it reads a byte of the body.
 */
export async function callerOf(exchange: Exchange): Promise<Caller> {
  requireHttps(exchange.request, exchange.proxies);
  const caller = await requireCaller(exchange.store, exchange.request);
  exchange.admit(caller);
  return caller;
}

export const isItemId = (value: string | undefined): value is string => Sha256Hex.safeParse(value).success;
