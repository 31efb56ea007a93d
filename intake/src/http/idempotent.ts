/**
 * Runs an upload request under its Idempotency-Key (../store/idempotency.ts): a replay gets the
 * first answer; otherwise the request is executed and its answer kept when it is final, that is a
 * success or a refusal that changed what the server holds. Any other refusal releases the key, so
 * the same request sent again, once the client has resumed, is executed again.
 */
import { IntakeProblem } from '../problem';
import { fingerprintOf, type RequestFingerprint } from '../store/idempotency';
import type { Caller } from '../store/members';
import type { IntakeStore } from '../store/store';
import { keptAnswer, problemAnswer, type Answer } from './answers';

export async function idempotently(store: IntakeStore, caller: Caller, key: string, request: RequestFingerprint, execute: () => Promise<Answer>): Promise<Answer> {
  const claimed = await store.claimKey(caller, key, fingerprintOf(request));
  if (claimed.kind === 'replay') return keptAnswer(claimed.status, claimed.body);
  let answer: Answer;
  try {
    answer = await execute();
  } catch (error) {
    if (!(error instanceof IntakeProblem && error.details.changedState)) {
      await store.releaseKey(caller, key, claimed.claim);
      throw error;
    }
    answer = problemAnswer(error);
  }
  await store.keepAnswer(caller, key, claimed.claim, answer.status, answer.body);
  return answer;
}
