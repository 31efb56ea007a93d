/**
 * The check every answer of these tests goes through (support/openapi-check.ts) catches what it
 * is there to catch: otherwise a passing suite would say nothing about the OpenAPI.
 */
import { describe, expect, it } from 'vitest';
import { allowedStatuses } from '../../intake/src/http/operations';
import { openapiViolation } from './support/openapi-check';

const id = 'ab'.repeat(32);
const problem = (code: string, status: number) => JSON.stringify({ code, status, title: 'x' });

describe('the OpenAPI check of answers', () => {
  it('passes an answer the OpenAPI allows', () => {
    expect(openapiViolation('GET', `/v1/items/${id}`, 404, 'application/problem+json', problem('unknown-item', 404))).toBeNull();
    expect(openapiViolation('POST', '/v1/reconcile', 200, 'application/json', JSON.stringify({ items: [] }))).toBeNull();
  });

  it.each<[string, string, string, number, string, string]>([
    ['a status the operation does not declare', 'GET', '/v1/server-keys', 403, 'application/problem+json', problem('https-required', 403)],
    ['a media type the status does not declare', 'POST', '/v1/reconcile', 200, 'application/problem+json', JSON.stringify({ items: [] })],
    ['a body that is not its schema', 'POST', '/v1/reconcile', 200, 'application/json', JSON.stringify({ items: [], more: 1 })],
    ['a body that is not JSON', 'POST', '/v1/reconcile', 200, 'application/json', '{'],
    ['a problem whose status is another', 'GET', `/v1/items/${id}`, 404, 'application/problem+json', problem('unknown-item', 400)],
    ['a problem code of another status', 'GET', `/v1/items/${id}`, 404, 'application/problem+json', problem('forbidden', 404)],
  ])('flags %s', (_, method, path, status, type, body) => {
    expect(openapiViolation(method, path, status, type, body)).toMatch(/\S/);
  });

  it('agrees with the statuses the server itself allows each operation', () => {
    expect(allowedStatuses.get('getServerKeys')).toEqual(new Set([200, 429, 500, 503]));
    expect([...allowedStatuses.get('putArtifactChunk')!].sort()).toEqual([200, 400, 401, 403, 404, 409, 413, 415, 422, 429, 500, 503, 507]);
  });
});
