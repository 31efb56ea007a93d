/**
 * Whether an answer of the intake is one intake/openapi.json allows: a status the operation
 * declares, a media type that status declares, and a body that fits the component schema named
 * there. Bodies are checked with the client's zod schema of that component, which
 * tests/unit/sync/intake-protocol.test.ts proves equal to the OpenAPI's, so no JSON Schema
 * validator is needed. The test harness runs this on every answer of every test.
 */
import { problems, intakeComponents, type ProblemCode } from '../../../utils/protocol/intake';
import { deref, loadOpenapi, operations, type Json } from '../../support/sync/openapi-helpers';

type JsonObject = { [key: string]: Json };
const document = loadOpenapi();
const known = operations(document).map((operation) => ({
  ...operation,
  pattern: new RegExp(`^${operation.path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
}));

/** Why the answer breaks the OpenAPI, or null when it does not. Unknown paths are not the OpenAPI's to judge. */
export function openapiViolation(method: string, path: string, status: number, contentType: string | null, body: string): string | null {
  const operation = known.find((candidate) => candidate.method === method.toLowerCase() && candidate.pattern.test(path));
  if (!operation) return null;
  const where = `${method} ${operation.path} → ${status}`;
  const responses = operation.operation.responses as JsonObject;
  const declared = responses[String(status)];
  if (!declared) return `${where}: status not declared (declared: ${Object.keys(responses).join(', ')})`;
  const content = (deref(document, declared) as JsonObject).content as JsonObject;
  const mediaType = (contentType ?? '').split(';')[0]!.trim();
  const media = content[mediaType] as JsonObject | undefined;
  if (!media) return `${where}: media type ${mediaType || '(none)'} not declared (declared: ${Object.keys(content).join(', ')})`;
  const ref = (media.schema as JsonObject).$ref as string;
  const component = ref.replace('#/components/schemas/', '') as keyof typeof intakeComponents;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return `${where}: the body is not JSON`;
  }
  const parsed = intakeComponents[component].safeParse(value);
  if (!parsed.success) return `${where}: the body is not a ${component}: ${parsed.error.message}`;
  if (component === 'Problem') {
    const problem = value as { code: ProblemCode; status: number };
    if (problem.status !== status) return `${where}: the problem says status ${problem.status}`;
    if (problems[problem.code].status !== status) return `${where}: ${problem.code} is a ${problems[problem.code].status}`;
  }
  return null;
}
