/**
 * intake/openapi.json is the single source of truth of the intake protocol;
 * these tests hold the client's zod schemas to it: each component, converted from zod, is the
 * OpenAPI component once both are normalised, and the document is sound OpenAPI 3.1 in structure.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { intakeComponents, intakeHeaders, intakeLimits, intakePaths, isAcceptableIntakeUrl, problems } from '@/utils/protocol/intake';
import { strictDeep } from '@/utils/protocol/strict';
import { jsonDiff, loadOpenapi, normaliseSchema, operations, structuralProblems, type Json } from '../../support/sync/openapi-helpers';

const openapi = loadOpenapi();
const components = (openapi.components as { schemas: Record<string, Json> }).schemas;

function zodJson(schema: z.ZodType, io: 'input' | 'output'): Json {
  return z.toJSONSchema(schema, { target: 'draft-2020-12', io }) as Json;
}

/** The differences between a component and a zod schema, each line naming the component. */
function disagreement(name: string, schema: z.ZodType): string[] {
  const fromOpenapi = normaliseSchema(openapi, components[name]!);
  return (['input', 'output'] as const).flatMap((io) =>
    jsonDiff(fromOpenapi, normaliseSchema(openapi, zodJson(schema, io))).map((line) => `${name} (zod ${io}): ${line}   [openapi ≠ zod]`),
  );
}

describe('the zod schemas and intake/openapi.json', () => {
  it('name the same components', () => {
    expect(Object.keys(intakeComponents).sort()).toEqual(Object.keys(components).sort());
  });

  it.each(Object.keys(intakeComponents))('agree on %s', (name) => {
    expect(disagreement(name, intakeComponents[name as keyof typeof intakeComponents])).toEqual([]);
  });

  it('would be told apart by the comparison, with the component named', () => {
    const drifted = intakeComponents.Problem.extend({ title: z.string().min(1).max(300) });
    expect(disagreement('Problem', drifted)).toEqual([
      'Problem (zod input): /properties/title/maxLength: 200 ≠ 300   [openapi ≠ zod]',
      'Problem (zod output): /properties/title/maxLength: 200 ≠ 300   [openapi ≠ zod]',
    ]);
    const loose = z.object(intakeComponents.FieldError.shape);
    expect(disagreement('FieldError', loose).some((line) => line.includes('/additionalProperties: false ≠ (absent)'))).toBe(true);
  });

  it('are strict objects all the way down', () => {
    const objectsWithoutStrictness: string[] = [];
    const walk = (node: Json, where: string): void => {
      if (Array.isArray(node)) return node.forEach((element, index) => walk(element, `${where}/${index}`));
      if (typeof node !== 'object' || node === null) return;
      if (node.type === 'object' && node.additionalProperties !== false) objectsWithoutStrictness.push(where);
      for (const [key, value] of Object.entries(node)) walk(value, `${where}/${key}`);
    };
    for (const [name, schema] of Object.entries(components)) walk(normaliseSchema(openapi, schema), name);
    expect(objectsWithoutStrictness).toEqual([]);
  });

  it('strictDeep refuses a schema it cannot make strict, rather than pass it half-strict', () => {
    expect(() => strictDeep(z.object({ extra: z.record(z.string(), z.object({ a: z.string() })) }))).toThrow(/record/);
  });
});

describe('intake/openapi.json', () => {
  it('is OpenAPI 3.1 in structure: refs resolve, operations answer with component schemas, path parameters declared', () => {
    expect(structuralProblems(openapi)).toEqual([]);
  });

  it('has a structural check that catches what it is for', () => {
    const broken = structuredClone(openapi) as Record<string, any>;
    broken.openapi = '3.0.3';
    broken.paths['/v1/items/{itemId}'].parameters = [];
    broken.paths['/v1/session'].get.responses['200'].content['application/json'].schema = { type: 'object' };
    broken.components.schemas.Session.properties.serverTime = { $ref: '#/components/schemas/Nowhere' };
    expect(structuralProblems(broken)).toEqual(
      expect.arrayContaining([
        'openapi is "3.0.3", not 3.1.x',
        'PUT /v1/items/{itemId}: path parameters  do not match the template\'s itemId',
        'GET /v1/items/{itemId}: path parameters  do not match the template\'s itemId',
        'GET /v1/session 200: application/json schema is not a $ref to a component',
        '#/components/schemas/Session/properties/serverTime: $ref #/components/schemas/Nowhere does not resolve',
      ]),
    );
  });

  it('has the paths, headers and limits of the client', () => {
    const paths = Object.keys(openapi.paths as object).sort();
    const clientPaths = [
      intakePaths.session,
      intakePaths.serverKeys,
      intakePaths.reconcile,
      intakePaths.item('{itemId}'),
      intakePaths.receipt('{itemId}'),
      intakePaths.artifact('{itemId}', '{index}' as unknown as number),
    ].sort();
    expect(paths).toEqual(clientPaths);
    const headerNames = new Set(operations(openapi).flatMap(({ parameters }) => parameters.filter((p) => p.in === 'header').map((p) => p.name)));
    expect(headerNames).toEqual(new Set([intakeHeaders.idempotencyKey, intakeHeaders.contentRange]));
    expect(openapi['x-colophon-limits']).toEqual(intakeLimits);
  });

  it('requires an Idempotency-Key on every request that changes something, and a bearer token except for the server keys', () => {
    for (const { path, method, operation, parameters } of operations(openapi)) {
      const keyed = parameters.some((p) => p.name === intakeHeaders.idempotencyKey && p.required === true);
      expect({ path, method, keyed }).toEqual({ path, method, keyed: method === 'put' });
      const security = (operation.security ?? openapi.security) as Json[];
      expect({ path, security }).toEqual({ path, security: path === intakePaths.serverKeys ? [] : [{ bearer: [] }] });
    }
    expect((openapi.components as any).securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('lists every problem code under its status, and 429 and 503 with Retry-After', () => {
    const responses = (openapi.components as { responses: Record<string, { description: string; headers?: object }> }).responses;
    const described = new Map<string, string>();
    for (const { operation } of operations(openapi)) {
      for (const [status, response] of Object.entries(operation.responses as Record<string, Json>)) {
        const ref = (response as { $ref?: string }).$ref;
        if (ref) described.set(status, `${described.get(status) ?? ''} ${responses[ref.split('/').pop()!]!.description}`);
      }
    }
    for (const [code, { status }] of Object.entries(problems)) {
      expect({ code, listed: new RegExp(`(^|[ ,(:])${code}[,.: ]`).test(described.get(String(status)) ?? '') }).toEqual({ code, listed: true });
    }
    expect(responses.RateLimited!.headers).toHaveProperty('Retry-After');
    expect(responses.Unavailable!.headers).toHaveProperty('Retry-After');
  });

  it('names only servers the client accepts: https, or plain http on loopback', () => {
    const servers = openapi.servers as { url: string; variables?: Record<string, { default: string }> }[];
    expect(servers.length).toBeGreaterThan(0);
    for (const { url, variables = {} } of servers) {
      const concrete = url.replace(/\{(\w+)\}/g, (_, name: string) => variables[name]!.default);
      expect({ url, accepted: isAcceptableIntakeUrl(concrete) }).toEqual({ url, accepted: true });
    }
  });
});

describe('isAcceptableIntakeUrl', () => {
  it.each([
    ['https://intake.example.org', true],
    ['https://intake.example.org:8443/base', true],
    ['http://127.0.0.1:8787', true],
    ['http://localhost:8787', true],
    ['http://[::1]:8787', true],
    ['http://intake.example.org', false],
    ['http://127.0.0.1.example.org', false],
    ['http://192.168.1.10:8787', false],
    ['https://user:secret@intake.example.org', false],
    ['ftp://intake.example.org', false],
    ['not a url', false],
  ])('%s → %s', (url, accepted) => {
    expect(isAcceptableIntakeUrl(url)).toBe(accepted);
  });
});
