/**
 * A refusal the intake answers with: one of the protocol's problem codes (utils/protocol/intake-problems.ts
 * gives each its status and what the client does about it), thrown wherever the refusal is decided,
 * store or HTTP layer alike, and turned into an application/problem+json answer in one place.
 */
import { problems, type FieldError, type Problem, type ProblemCode } from '../../utils/protocol/intake-problems';

export interface ProblemDetails {
  detail?: string;
  errors?: FieldError[];
  committedOffset?: number;
  /**
   * The refusal changed what the server holds (a whole artifact failed its hash and was dropped),
   * so a replay of the request must get it again: it is kept as the idempotency key's answer.
   * Other refusals change nothing and are not kept (as with Stripe's keys): the same request is
   * refused the same way, and a corrected one may reuse its key.
   */
  changedState?: boolean;
  /** Sent as Retry-After: when the same request may succeed (rate, concurrency, a daily quota). */
  retryAfterSeconds?: number;
}

export class IntakeProblem extends Error {
  override readonly name = 'IntakeProblem';
  constructor(
    readonly code: ProblemCode,
    readonly title: string,
    readonly details: ProblemDetails = {},
  ) {
    super(`${code}: ${title}${details.detail ? ` (${details.detail})` : ''}`);
  }

  get status(): number {
    return problems[this.code].status;
  }

  toBody(): Problem {
    const { detail, errors, committedOffset } = this.details;
    return {
      code: this.code,
      status: this.status,
      title: this.title,
      ...(detail === undefined ? {} : { detail: detail.slice(0, 2000) }),
      ...(errors === undefined ? {} : { errors: errors.slice(0, 100) }),
      ...(committedOffset === undefined ? {} : { committedOffset }),
    };
  }
}

export const refuse = (code: ProblemCode, title: string, details?: ProblemDetails): IntakeProblem => new IntakeProblem(code, title, details);
