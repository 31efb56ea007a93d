/**
 * Just enough OpenAPI 3.1 to check intake/openapi.json without a new package: resolving local
 * `$ref`s, normalising a JSON Schema for comparison, a readable diff, and a structural check of the
 * document (the parts a client or server generator would trip over).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export const openapiPath = join(import.meta.dirname, '../../../intake/openapi.json');
export const loadOpenapi = (): JsonObject => JSON.parse(readFileSync(openapiPath, 'utf8')) as JsonObject;

const isObject = (value: Json | undefined): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The value a local reference (`#/a/b~1c`) points at, or undefined. */
export function resolvePointer(document: Json, ref: string): Json | undefined {
  if (!ref.startsWith('#/')) return undefined;
  let node: Json | undefined = document;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = Array.isArray(node) ? node[Number(key)] : isObject(node) ? node[key] : undefined;
    if (node === undefined) return undefined;
  }
  return node;
}

/** Follows a `$ref` object to what it names (components.responses, .parameters…); other values as they are. */
export function deref(document: Json, node: Json): Json {
  if (isObject(node) && typeof node.$ref === 'string') {
    const target = resolvePointer(document, node.$ref);
    if (target === undefined) throw new Error(`unresolved $ref ${node.$ref}`);
    return deref(document, target);
  }
  return node;
}

/** Keywords that document a schema without constraining it: the OpenAPI file may carry them, zod need not. */
const annotations = new Set(['description', 'title', 'examples', '$comment', 'deprecated']);

/**
 * A JSON Schema with every `$ref` replaced by what it names, annotations and `$schema` dropped,
 * `required` sorted (it is a set) and members in name order: two schemas that mean the same after
 * this are equal as values. A `$ref` beside constraints is refused: this document does not use them.
 */
export function normaliseSchema(document: Json, node: Json, seen: readonly string[] = []): Json {
  if (Array.isArray(node)) return node.map((element) => normaliseSchema(document, element, seen));
  if (!isObject(node)) return node;
  if (typeof node.$ref === 'string') {
    const ref = node.$ref;
    const extra = Object.keys(node).filter((key) => key !== '$ref' && !annotations.has(key));
    if (extra.length > 0) throw new Error(`$ref ${ref} has constraints beside it: ${extra.join(', ')}`);
    if (seen.includes(ref)) throw new Error(`$ref cycle through ${ref}`);
    const target = resolvePointer(document, ref);
    if (target === undefined) throw new Error(`unresolved $ref ${ref}`);
    return normaliseSchema(document, target, [...seen, ref]);
  }
  const out: JsonObject = {};
  for (const key of Object.keys(node).sort()) {
    if (annotations.has(key) || key === '$schema') continue;
    const value = node[key]!;
    if (key === 'required' && Array.isArray(value)) out[key] = [...value].sort();
    // Under `properties` the keys are member names, not keywords: a member called `description` stays.
    else if (key === 'properties' && isObject(value)) {
      out[key] = Object.fromEntries(Object.keys(value).sort().map((name) => [name, normaliseSchema(document, value[name]!, seen)]));
    } else out[key] = normaliseSchema(document, value, seen);
  }
  return out;
}

/** Every difference between two JSON values, one line each, as `<pointer>: <a> ≠ <b>`. */
export function jsonDiff(a: Json | undefined, b: Json | undefined, pointer = ''): string[] {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((key) => jsonDiff(a[key], b[key], `${pointer}/${key}`));
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    return a.flatMap((element, index) => jsonDiff(element, b[index], `${pointer}/${index}`));
  }
  const show = (value: Json | undefined) => (value === undefined ? '(absent)' : JSON.stringify(value).slice(0, 200));
  return [`${pointer || '/'}: ${show(a)} ≠ ${show(b)}`];
}

/** Every `$ref` string in the document, with where it is. */
export function allRefs(node: Json, pointer = '#'): { at: string; ref: string }[] {
  if (Array.isArray(node)) return node.flatMap((element, index) => allRefs(element, `${pointer}/${index}`));
  if (!isObject(node)) return [];
  return Object.entries(node).flatMap(([key, value]) =>
    key === '$ref' && typeof value === 'string' ? [{ at: pointer, ref: value }] : allRefs(value, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`),
  );
}

const methods = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'] as const;

export interface Operation {
  path: string;
  method: (typeof methods)[number];
  operation: JsonObject;
  /** Path-level and operation-level parameters, resolved. */
  parameters: JsonObject[];
}

export function operations(document: JsonObject): Operation[] {
  const paths = document.paths as JsonObject;
  return Object.entries(paths).flatMap(([path, item]) => {
    const pathItem = item as JsonObject;
    const shared = ((pathItem.parameters ?? []) as Json[]).map((parameter) => deref(document, parameter) as JsonObject);
    return methods.flatMap((method) => {
      const operation = pathItem[method];
      if (!isObject(operation)) return [];
      const own = ((operation.parameters ?? []) as Json[]).map((parameter) => deref(document, parameter) as JsonObject);
      return [{ path, method, operation, parameters: [...shared, ...own] }];
    });
  });
}

const isJsonMediaType = (mediaType: string) => mediaType === 'application/json' || mediaType.endsWith('+json');
const componentRef = /^#\/components\/schemas\/[A-Za-z0-9]+$/;

/** What is structurally wrong with the document, one line each; empty when nothing is. */
export function structuralProblems(document: JsonObject): string[] {
  const problems: string[] = [];
  const say = (problem: string) => problems.push(problem);
  if (typeof document.openapi !== 'string' || !/^3\.1\.\d+$/.test(document.openapi)) say(`openapi is ${JSON.stringify(document.openapi)}, not 3.1.x`);
  const info = document.info;
  if (!isObject(info) || typeof info.title !== 'string' || typeof info.version !== 'string') say('info needs a title and a version');
  if (!isObject(document.paths)) return [...problems, 'no paths'];
  for (const { at, ref } of allRefs(document)) if (resolvePointer(document, ref) === undefined) say(`${at}: $ref ${ref} does not resolve`);

  const schemes = isObject(document.components) && isObject(document.components.securitySchemes) ? document.components.securitySchemes : {};
  const operationIds = new Set<string>();
  for (const { path, method, operation, parameters } of operations(document)) {
    const where = `${method.toUpperCase()} ${path}`;
    if (!path.startsWith('/')) say(`${where}: a path starts with /`);
    const id = operation.operationId;
    if (typeof id !== 'string' || operationIds.has(id)) say(`${where}: operationId missing or repeated`);
    else operationIds.add(id);

    const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!).sort();
    const declared = parameters.filter((parameter) => parameter.in === 'path');
    const declaredNames = declared.map((parameter) => String(parameter.name)).sort();
    if (JSON.stringify(templated) !== JSON.stringify(declaredNames)) say(`${where}: path parameters ${declaredNames.join(',')} do not match the template's ${templated.join(',')}`);
    for (const parameter of declared) if (parameter.required !== true) say(`${where}: path parameter ${String(parameter.name)} must be required`);
    for (const parameter of parameters) if (!isObject(parameter.schema)) say(`${where}: parameter ${String(parameter.name)} has no schema`);

    for (const requirement of (operation.security ?? document.security ?? []) as JsonObject[]) {
      for (const scheme of Object.keys(requirement)) if (!(scheme in schemes)) say(`${where}: unknown security scheme ${scheme}`);
    }
    if (isObject(operation.requestBody)) checkContent(document, deref(document, operation.requestBody) as JsonObject, `${where} request`, say);

    const responses = operation.responses;
    if (!isObject(responses) || Object.keys(responses).length === 0) {
      say(`${where}: no responses`);
      continue;
    }
    for (const [status, response] of Object.entries(responses)) {
      if (!/^[1-5](\d\d|XX)$/.test(status)) say(`${where}: response key ${status} is not a status`);
      const resolved = deref(document, response) as JsonObject;
      if (typeof resolved.description !== 'string') say(`${where} ${status}: a response needs a description`);
      if (status !== '204') checkContent(document, resolved, `${where} ${status}`, say);
    }
  }
  return problems;
}

/** A body's content: present, and every JSON media type's schema a `$ref` to a component schema. */
function checkContent(document: JsonObject, body: JsonObject, where: string, say: (problem: string) => void): void {
  const content = body.content;
  if (!isObject(content) || Object.keys(content).length === 0) return say(`${where}: no content`);
  for (const [mediaType, media] of Object.entries(content)) {
    const schema = isObject(media) ? media.schema : undefined;
    if (!isJsonMediaType(mediaType)) continue;
    if (!isObject(schema) || typeof schema.$ref !== 'string' || !componentRef.test(schema.$ref)) say(`${where}: ${mediaType} schema is not a $ref to a component`);
    else if (resolvePointer(document, schema.$ref) === undefined) say(`${where}: ${schema.$ref} does not resolve`);
  }
}
