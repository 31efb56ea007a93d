/**
 * What the background must answer to each fuzzed message, predicted in Node from the message as
 * the browser carries it, the sender it comes from, and the stores as they were before the run:
 * a malformed refusal located exactly as `malformed` locates it, a sender refusal, a failed
 * refusal, or the one valid response an allowed, valid message gets. Messages that would change a
 * store (a content script's report of its own page, a popup capture of a marketplace tab) are
 * told apart, to be sent on their own with their changes checked exactly.
 */
import { isDeepStrictEqual } from 'node:util';
import { senderMaySend } from '@/utils/message-listener';
import { malformed, Message, TabPage, type Sender } from '@/utils/messages';
import type { SentAnswer } from './message-pages';

/** Where a message is sent from. */
export type SenderContext = 'page' | 'content-a' | 'content-b' | 'frame';

export interface ExpectWorld {
  browser: 'chromium' | 'firefox';
  extensionId: string;
  extensionBase: string;
  /** Each context's sender as the browser describes it to the background. */
  senders: Record<SenderContext, Sender>;
  /** Every tab open in the browser. */
  tabIds: number[];
  /** The marketplace tabs, whose popup capture would really run. */
  marketplaceTabs: number[];
  /** storage.session before the run. */
  session: Record<string, unknown>;
}

export type Prediction =
  | { outcome: 'not-carried'; why: string }
  | { outcome: 'answer'; kind: 'malformed' | 'sender' | 'failed' | 'response'; answer: unknown }
  | { outcome: 'acts'; type: Message['type'] };

/** Chromium's ceiling for one message, in bytes of its JSON. */
const chromiumMessageLimit = 64 * 1024 * 1024;

/**
 * The message as the background receives it. Chromium serialises messages as JSON (NaN becomes
 * null, -0 becomes 0, undefined keys go, nothing over 64 MiB or too deep for its serialiser is
 * sent); Firefox uses the structured clone, which keeps every value here as it is.
 */
export function carried(message: unknown, browser: ExpectWorld['browser']): { value: unknown } | { refused: string } {
  if (browser === 'firefox' || unchangedByJson(message)) return { value: message };
  let text: string | undefined;
  try {
    text = JSON.stringify(message);
  } catch (error) {
    return { refused: `not serialisable: ${String(error).slice(0, 80)}` };
  }
  if (text === undefined) return { refused: 'not serialisable' };
  // A character takes at most three bytes: only long texts need counting.
  if (text.length * 3 > chromiumMessageLimit && Buffer.byteLength(text) > chromiumMessageLimit) return { refused: 'over 64 MiB' };
  return { value: JSON.parse(text) as unknown };
}

/**
 * Whether JSON would give `value` back as it is, far below Chromium's limits: plain data with no
 * NaN, infinity, -0 or undefined, not deeply nested, and small enough even if every character
 * were written as a six-character escape. Most messages are; the rest take the real round trip,
 * which costs seconds over a run for the multi-megabyte ones.
 */
function unchangedByJson(value: unknown): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  let characters = 0;
  let nodes = 0;
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    nodes++;
    if (typeof item === 'string') characters += item.length;
    else if (typeof item === 'number') {
      if (!Number.isFinite(item) || Object.is(item, -0)) return false;
    } else if (item !== null && typeof item === 'object') {
      if (depth > 3000) return false;
      for (const key of Object.keys(item)) {
        characters += key.length;
        stack.push([(item as Record<string, unknown>)[key], depth + 1]);
      }
    } else if (typeof item !== 'boolean' && item !== null) return false;
  }
  // At most six bytes a character (an escape), and a few for each value's quotes, colon and comma.
  return characters * 6 + nodes * 8 < chromiumMessageLimit;
}

export function predict(message: unknown, context: SenderContext, world: ExpectWorld): Prediction {
  const received = carried(message, world.browser);
  if ('refused' in received) return { outcome: 'not-carried', why: received.refused };
  const parsed = Message.safeParse(received.value);
  if (!parsed.success) return { outcome: 'answer', kind: 'malformed', answer: malformed(parsed.error) };
  const valid = parsed.data;
  if (!senderMaySend(valid, world.senders[context], world.extensionId, world.extensionBase)) {
    return { outcome: 'answer', kind: 'sender', answer: { refused: 'sender', type: valid.type } };
  }
  const response = (answer: unknown): Prediction => ({ outcome: 'answer', kind: 'response', answer });
  switch (valid.type) {
    case 'content:page-recognised':
      return { outcome: 'acts', type: valid.type };
    case 'content:capture-listing':
      // One-click capture from the page is not allowed in these profiles (no <all_urls>).
      return response({ ok: false, reason: 'no-permission', detail: 'one-click capture from the page is not allowed yet' });
    case 'popup:get-tab-page': {
      const stored = TabPage.safeParse(world.session[`tab-page:${valid.tabId}`]);
      return response(stored.success ? stored.data : null);
    }
    case 'popup:capture-tab':
      if (world.marketplaceTabs.includes(valid.tabId)) return { outcome: 'acts', type: valid.type };
      if (!world.tabIds.includes(valid.tabId)) return { outcome: 'answer', kind: 'failed', answer: { refused: 'failed', type: valid.type } };
      return response({ ok: false, reason: 'not-a-listing', detail: 'no listing to capture on this page' });
    case 'page:sync-now':
    case 'page:retry-parked':
    case 'page:connection-changed':
      // A fresh profile has no intake to sync to.
      return response({ ok: false, reason: 'not-configured' });
  }
}

/** Where an answer differs from its prediction, in a line a failing run can show; null when it does not. */
export function difference(actual: SentAnswer | undefined, prediction: Prediction): string | null {
  if (actual === undefined) return 'no result at all';
  if (prediction.outcome === 'acts') return 'sent although it would change a store';
  if (prediction.outcome === 'not-carried') return 'error' in actual ? null : `carried (${prediction.why} predicted), answered ${short(actual)}`;
  if (!('answer' in actual)) return `expected ${short({ answer: prediction.answer })}, got ${short(actual)}`;
  // Through JSON on both sides: answers come back as JSON text, where -0 is 0.
  return isDeepStrictEqual(JSON.parse(JSON.stringify(actual.answer)), JSON.parse(JSON.stringify(prediction.answer))) ? null : `expected ${short(prediction.answer)}, got ${short(actual.answer)}`;
}

function short(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
