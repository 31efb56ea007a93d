/**
 * Who may talk to the intake. Plain http only from this machine (development, tests); from
 * anywhere else it must come through TLS, which node:http does not terminate: a coalition puts the
 * intake behind a TLS proxy and says so (`behindTlsProxy`), and the proxy's X-Forwarded-Proto, when
 * it sends one, must then say https. Then a bearer token of a representative whose token is neither
 * unknown nor revoked.
 */
import type { IncomingMessage } from 'node:http';
import { isIPv4 } from 'node:net';
import { refuse } from '../problem';
import type { Caller } from '../store/members';
import type { IntakeStore } from '../store/store';

export function isLoopbackAddress(address: string | undefined): boolean {
  if (address === undefined) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  if (isIPv4(v4)) return v4.startsWith('127.');
  return address === '::1';
}

/** Whether a plain-http request may be answered: from loopback, or through a TLS proxy that says it was https. */
export function plainHttpAllowed(remoteAddress: string | undefined, behindTlsProxy: boolean, forwardedProto: string | string[] | undefined): boolean {
  if (behindTlsProxy) {
    const proto = Array.isArray(forwardedProto) ? forwardedProto[0] : forwardedProto;
    // Several proxies in a row append theirs: the first is what the client used.
    return proto === undefined || proto.split(',')[0]!.trim().toLowerCase() === 'https';
  }
  return isLoopbackAddress(remoteAddress);
}

export function requireHttps(request: IncomingMessage, behindTlsProxy: boolean): void {
  if (!plainHttpAllowed(request.socket.remoteAddress, behindTlsProxy, request.headers['x-forwarded-proto'])) {
    throw refuse('https-required', 'This intake takes requests over HTTPS only', { detail: 'plain http is accepted from this machine only' });
  }
}

// RFC 6750's b64token, bounded.
const bearer = /^Bearer +([A-Za-z0-9._~+/-]{1,600}=*) *$/i;

export async function requireCaller(store: IntakeStore, request: IncomingMessage): Promise<Caller> {
  const match = bearer.exec(request.headers.authorization ?? '');
  const caller = match ? await store.authenticate(match[1]!) : null;
  if (!caller) throw refuse('unauthenticated', 'A valid bearer token is needed', { detail: match ? 'the token is unknown or revoked' : 'no bearer token was given' });
  return caller;
}
