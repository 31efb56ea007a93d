/**
 * What the intake sends back. Every body is built through the client's own zod schema of it
 * (utils/protocol/intake.ts, tested against intake/openapi.json), so the server cannot send a
 * shape the protocol does not allow: a body that fails its schema becomes a 500, never the wire.
 */
import type { z } from 'zod';
import { intakeMediaTypes, Problem } from '../../../utils/protocol/intake';
import { IntakeProblem, refuse } from '../problem';

export interface Answer {
  status: number;
  /** JSON text, already validated. */
  body: string;
  type: typeof intakeMediaTypes.json | typeof intakeMediaTypes.problem;
  /** The Retry-After header's seconds, for a refusal that says when to come back. */
  retryAfterSeconds?: number;
}

export class AnswerSchemaError extends Error {
  override readonly name = 'AnswerSchemaError';
}

export function jsonAnswer<Schema extends z.ZodType>(schema: Schema, status: number, value: z.input<Schema>): Answer {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AnswerSchemaError(`a ${status} answer broke its schema: ${parsed.error.message}`);
  return { status, body: JSON.stringify(parsed.data), type: intakeMediaTypes.json };
}

export function problemAnswer(problem: IntakeProblem): Answer {
  const body = Problem.safeParse(problem.toBody());
  if (!body.success) return internalAnswer();
  const { retryAfterSeconds } = problem.details;
  return {
    status: problem.status,
    body: JSON.stringify(body.data),
    type: intakeMediaTypes.problem,
    ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds: Math.max(1, Math.ceil(retryAfterSeconds)) }),
  };
}

export const internalAnswer = (): Answer => problemAnswer(refuse('internal', 'The intake failed to answer: try again later'));

/** An answer kept under an idempotency key, as first sent. */
export const keptAnswer = (status: number, body: string): Answer => ({
  status,
  body,
  type: status >= 400 ? intakeMediaTypes.problem : intakeMediaTypes.json,
});
