/**
 * The operations of intake/openapi.json, how a request finds one, and which statuses each may
 * answer, read from the OpenAPI file itself: the server checks every answer against that list, so
 * it can never send a status the protocol does not allow for the operation (it sends 500 instead,
 * which every operation allows, and logs why).
 */
import { readFileSync } from 'node:fs';

export type OperationId = 'getSession' | 'getServerKeys' | 'putItem' | 'getItem' | 'putArtifactChunk' | 'getReceipt' | 'reconcile';

export interface Route {
  operation: OperationId;
  /** Path segments as sent; each handler checks its own. */
  params: { itemId?: string; index?: string };
}

const routes: readonly { method: string; path: RegExp; operation: OperationId }[] = [
  { method: 'GET', path: /^\/v1\/session$/, operation: 'getSession' },
  { method: 'GET', path: /^\/v1\/server-keys$/, operation: 'getServerKeys' },
  { method: 'PUT', path: /^\/v1\/items\/(?<itemId>[^/]+)$/, operation: 'putItem' },
  { method: 'GET', path: /^\/v1\/items\/(?<itemId>[^/]+)$/, operation: 'getItem' },
  { method: 'PUT', path: /^\/v1\/items\/(?<itemId>[^/]+)\/artifacts\/(?<index>[^/]+)$/, operation: 'putArtifactChunk' },
  { method: 'GET', path: /^\/v1\/items\/(?<itemId>[^/]+)\/receipt$/, operation: 'getReceipt' },
  { method: 'POST', path: /^\/v1\/reconcile$/, operation: 'reconcile' },
];

export function route(method: string | undefined, pathname: string): Route | null {
  for (const candidate of routes) {
    const match = method === candidate.method ? candidate.path.exec(pathname) : null;
    if (match) return { operation: candidate.operation, params: { ...match.groups } };
  }
  return null;
}

type Json = Record<string, unknown>;

function statusesFromOpenapi(): ReadonlyMap<OperationId, ReadonlySet<number>> {
  const document = JSON.parse(readFileSync(new URL('../../openapi.json', import.meta.url), 'utf8')) as Json;
  const allowed = new Map<OperationId, Set<number>>();
  for (const pathItem of Object.values(document.paths as Json) as Json[]) {
    for (const operation of Object.values(pathItem) as Json[]) {
      if (typeof operation?.operationId !== 'string' || typeof operation.responses !== 'object') continue;
      allowed.set(operation.operationId as OperationId, new Set(Object.keys(operation.responses as Json).map(Number)));
    }
  }
  for (const { operation } of routes) if (!allowed.has(operation)) throw new Error(`openapi.json has no operation ${operation}`);
  return allowed;
}

export const allowedStatuses = statusesFromOpenapi();
