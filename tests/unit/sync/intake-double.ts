/**
 * An intake on loopback for the client's unit tests: real HTTP (node:http), the protocol's answers
 * (./intake-double-items.ts), and faults a test arranges: an answer lost after the work was done,
 * a request left hanging, a refusal in place of the work (401, 429 with Retry-After, 500…).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { problem, IntakeHoldings, type Answer, type Caller } from './intake-double-items';

export interface SeenRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  bodyBytes: number;
}

export type FaultAction =
  /** Do the work, then cut the connection: the client never hears the answer. */
  | 'drop-answer'
  /** Never answer. */
  | 'hang'
  /** Answer this instead of doing the work. */
  | Answer;

export interface Fault {
  when: (request: SeenRequest) => boolean;
  action: FaultAction;
  /** How many matching requests it applies to; once by default. */
  times?: number;
}

export interface IntakeDouble {
  url: string;
  holdings: IntakeHoldings;
  requests: SeenRequest[];
  faults: Fault[];
  tokens: Map<string, Caller>;
  close(): Promise<void>;
}

export const representativeToken = 'colophon-' + 'a1'.repeat(32);
export const springer: Caller = { organisation: 'springer-nature', representative: 'j.smith' };

export async function startIntakeDouble(): Promise<IntakeDouble> {
  const holdings = await new IntakeHoldings().init();
  const requests: SeenRequest[] = [];
  const faults: Fault[] = [];
  const tokens = new Map([[representativeToken, springer]]);

  const route = async (caller: Caller | null, request: SeenRequest, body: Buffer): Promise<Answer> => {
    const { method, path, headers } = request;
    if (method === 'GET' && path === '/v1/server-keys') return { status: 200, body: holdings.serverKeys() };
    if (!caller) return problem('unauthenticated');
    if (method === 'GET' && path === '/v1/session') {
      return { status: 200, body: { organisation: { id: caller.organisation, name: 'Springer Nature' }, representative: { id: caller.representative, name: 'J. Smith' }, limits: holdings.limits, serverTime: new Date().toISOString() } };
    }
    if (method === 'POST' && path === '/v1/reconcile') return holdings.reconcile(caller, body);
    const item = /^\/v1\/items\/([0-9a-f]{64})(\/receipt|\/artifacts\/(\d+))?$/.exec(path);
    if (!item) return { status: 404, body: { code: 'unknown-item', status: 404, title: 'no such path' } };
    const [, itemId, rest, index] = item as unknown as [string, string, string | undefined, string | undefined];
    const key = headers['idempotency-key'] as string | undefined;
    if (method === 'GET' && rest === undefined) return holdings.itemStatus(caller, itemId);
    if (method === 'GET' && rest === '/receipt') return holdings.receipt(caller, itemId);
    if (method === 'PUT' && rest === undefined) {
      if (!String(headers['content-type']).startsWith('application/json')) return problem('unsupported-media-type');
      return holdings.idempotent(caller, key, body, () => holdings.putItem(caller, itemId, body));
    }
    if (method === 'PUT' && index !== undefined) {
      if (headers['content-type'] !== 'application/octet-stream') return problem('unsupported-media-type');
      return holdings.idempotent(caller, key, Buffer.concat([Buffer.from(`${headers['content-range']}\n`), body]), () =>
        holdings.putChunk(caller, itemId, Number(index), headers['content-range'] as string | undefined, body),
      );
    }
    return { status: 405, body: { code: 'schema', status: 422, title: 'no such method' } };
  };

  const server: Server = createServer((incoming: IncomingMessage, response: ServerResponse) => {
    const parts: Buffer[] = [];
    incoming.on('data', (part: Buffer) => parts.push(part));
    incoming.on('end', async () => {
      const body = Buffer.concat(parts);
      const seen: SeenRequest = { method: incoming.method!, path: new URL(incoming.url!, 'http://x').pathname, headers: incoming.headers, bodyBytes: body.length };
      requests.push(seen);
      const fault = faults.find((candidate) => (candidate.times ?? 1) > 0 && candidate.when(seen));
      if (fault) fault.times = (fault.times ?? 1) - 1;
      if (fault?.action === 'hang') return;
      const bearer = /^Bearer (.+)$/.exec(incoming.headers.authorization ?? '')?.[1];
      const caller = (bearer && tokens.get(bearer)) || null;
      const answer = fault && typeof fault.action === 'object' ? fault.action : await route(caller, seen, body);
      if (fault?.action === 'drop-answer') {
        incoming.socket.destroy();
        return;
      }
      const json = answer.status >= 400 && (answer.body as { code?: unknown })?.code ? 'application/problem+json' : 'application/json';
      response.writeHead(answer.status, { 'Content-Type': json, ...answer.headers });
      response.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    holdings,
    requests,
    faults,
    tokens,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
