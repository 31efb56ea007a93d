/**
 * Who may talk to the intake. Plain http only from this machine (development, tests) or through a
 * TLS proxy the coalition trusts, which must say the client's side was https (./forwarded.ts):
 * node:http does not terminate TLS itself. Then a bearer token of a representative whose token is
 * neither unknown nor revoked.
 */
import type { IncomingMessage } from 'node:http';
import { refuse } from '../problem';
import type { Caller } from '../store/members';
import type { IntakeStore } from '../store/store';
import { plainHttpVerdict, type TrustedProxies } from './forwarded';

export function requireHttps(request: IncomingMessage, proxies: TrustedProxies): void {
  const verdict = plainHttpVerdict(request.socket.remoteAddress, request.headers, proxies);
  if (!verdict.allowed) throw refuse('https-required', 'This intake takes requests over HTTPS only', { detail: verdict.why });
}

// RFC 6750's b64token, bounded.
const bearer = /^Bearer +([A-Za-z0-9._~+/-]{1,600}=*) *$/i;

export async function requireCaller(store: IntakeStore, request: IncomingMessage): Promise<Caller> {
  const match = bearer.exec(request.headers.authorization ?? '');
  const caller = match ? await store.authenticate(match[1]!) : null;
  if (!caller) throw refuse('unauthenticated', 'A valid bearer token is needed', { detail: match ? 'the token is unknown or revoked' : 'no bearer token was given' });
  return caller;
}
