/**
 * A loopback HTTP server answering the intake's GET /v1/session and GET /v1/server-keys as
 * intake/openapi.json says (each answer parsed with the protocol's schemas before it is sent), or
 * refusing the token, or never answering: what the pages' tests connect to.
 *
 * happy-dom's fetch applies a web page's same-origin policy; an extension page holding the host
 * permission of the intake's origin is exempt from it, which `allowCrossOrigin` reproduces.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateInstallationKey, keyFingerprint, publicKeyJwk } from '@/utils/protocol/signing';
import { Problem, ServerKeys, Session, type ServerKey } from '@/utils/protocol/intake';

export type Behaviour = 'answer' | 'refuse-token' | 'hang';

export interface LoopbackIntake {
  url: string;
  /** What the requests carried, in order. */
  requests: { method: string; path: string; authorization: string | undefined }[];
  behaviour: Behaviour;
  /** Added to the server's clock in its session answer. */
  clockOffsetMs: number;
  keys: ServerKey[];
  close(): Promise<void>;
}

export const token = 'rep-token_0123456789abcdefABCDEF';

export const session = (serverTime: string) =>
  Session.parse({
    organisation: { id: 'springer-nature', name: 'Springer Nature' },
    representative: { id: 'j.smith', name: 'J. Smith' },
    limits: { maxItemBytes: 1024 * 1024, maxChunkBytes: 4 * 1024 * 1024, maxArtifactBytes: 64 * 1024 * 1024, maxReconcileItems: 500 },
    serverTime,
  });

/** A server signing key, as the intake keeps one: the pair, and the public key as GET /v1/server-keys lists it. */
export async function serverKey(validFrom = '2025-01-01T00:00:00.000Z'): Promise<{ pair: CryptoKeyPair; key: ServerKey }> {
  const pair = await generateInstallationKey();
  const publicKey = await publicKeyJwk(pair.publicKey);
  return { pair, key: { keyId: await keyFingerprint(publicKey), publicKey, validFrom, validUntil: null } };
}

function json(response: ServerResponse, status: number, body: unknown, type = 'application/json'): void {
  response.writeHead(status, { 'Content-Type': type });
  response.end(JSON.stringify(body));
}

export async function startLoopbackIntake(): Promise<LoopbackIntake> {
  const hanging = new Set<ServerResponse>();
  const intake: Omit<LoopbackIntake, 'url' | 'close'> = { requests: [], behaviour: 'answer', clockOffsetMs: 0, keys: [] };
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    intake.requests.push({ method: request.method ?? '', path, authorization: request.headers.authorization });
    if (intake.behaviour === 'hang') return void hanging.add(response);
    if (request.method === 'GET' && path === '/v1/server-keys') return json(response, 200, ServerKeys.parse({ keys: intake.keys }));
    const unauthenticated = Problem.parse({ code: 'unauthenticated', status: 401, title: 'The token is unknown or revoked.' });
    if (intake.behaviour === 'refuse-token' || request.headers.authorization !== `Bearer ${token}`) {
      return json(response, 401, unauthenticated, 'application/problem+json');
    }
    if (request.method === 'GET' && path === '/v1/session') return json(response, 200, session(new Date(Date.now() + intake.clockOffsetMs).toISOString()));
    json(response, 404, Problem.parse({ code: 'unknown-item', status: 404, title: 'Not here.' }), 'application/problem+json');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(intake, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const response of hanging) response.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

/** What the browser does for an extension page holding the intake's host permission (see above). */
export function allowCrossOrigin(): void {
  (window as unknown as { happyDOM: { settings: { fetch: { disableSameOriginPolicy: boolean } } } }).happyDOM.settings.fetch.disableSameOriginPolicy = true;
}
