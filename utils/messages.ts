/**
 * Colophon's whole message protocol between its contexts. Every message has a zod schema and a
 * direction in its name (`content:…` is sent by the content script on a marketplace page,
 * `popup:…` by the popup); the background validates each one and checks who sent it before
 * acting, because a content script lives inside a hostile page (./message-listener.ts, the
 * background's side, kept apart so that the pages sending messages load no marketplace adapter).
 */
import { z } from 'zod';
import { Match } from './catalog/match/types';
import { OutboxState } from './sync/outbox-state';
import { Recognition } from './sites/types';

/** The catalogue matches of a page's listings, by listing id (listings without one are absent). */
export const PageMatches = z.record(z.string().max(40), z.array(Match).max(20));
export type PageMatches = z.infer<typeof PageMatches>;

/** What Colophon saw on a tab, as the popup shows it. */
export const TabPage = z.object({
  url: z.url({ protocol: /^https?$/ }).max(4000),
  recognition: Recognition.nullable(),
  matches: PageMatches,
  /** Milliseconds since the epoch. */
  seenAt: z.number().int().nonnegative(),
});
export type TabPage = z.infer<typeof TabPage>;

/**
 * Sent by the content script whenever what it sees changes. The content script builds it without
 * zod, which would double the script every marketplace page has to compile; the background
 * validates what it receives.
 */
const webUrl = z.url({ protocol: /^https?$/ }).max(4000);

export const ContentPageRecognised = z.object({
  type: z.literal('content:page-recognised'),
  url: webUrl,
  recognition: Recognition.nullable(),
  /** Whether the page tools are in the page already: the background loads them when it has marks to show. */
  pageToolsLoaded: z.boolean().default(false),
});

export const PopupGetTabPage = z.object({
  type: z.literal('popup:get-tab-page'),
  tabId: z.number().int().nonnegative(),
});

export type ContentPageRecognised = z.infer<typeof ContentPageRecognised>;

/** What to capture: the page's whole length or only what is on screen, and the user's note and tags. */
const CaptureOptions = z.object({
  fullPage: z.boolean(),
  note: z.string().max(10_000).default(''),
  tags: z.array(z.string().trim().min(1).max(100)).max(50).default([]),
});

/**
 * The Report button of a mark or banner: capture this listing (a search-page card) or, with a
 * null listing id, the page's own listing (an item page).
 */
export const ContentCaptureListing = z.object({
  type: z.literal('content:capture-listing'),
  listingId: z.string().regex(/^\d{5,20}$/).nullable(),
  options: CaptureOptions,
});
export type ContentCaptureListing = z.infer<typeof ContentCaptureListing>;

/** The popup's capture button, for the tab it was opened on. */
export const PopupCaptureTab = z.object({
  type: z.literal('popup:capture-tab'),
  tabId: z.number().int().nonnegative(),
  options: CaptureOptions,
});

/** "Sync now" in the popup or the evidence manager: queued items are due at once, and the outbox runs. */
export const PageSyncNow = z.object({ type: z.literal('page:sync-now') });

/** Parked items the user asks to send again, having fixed what parked them (a token, a setting). */
export const PageRetryParked = z.object({
  type: z.literal('page:retry-parked'),
  itemIds: z.array(z.string().regex(/^[0-9a-f]{64}$/)).min(1).max(1000),
});

/**
 * The options page saved a new intake connection (a new token, another intake): items parked
 * because the intake refused the old one are sent again, and a run starts.
 */
export const PageConnectionChanged = z.object({ type: z.literal('page:connection-changed') });

export const Message = z.discriminatedUnion('type', [ContentPageRecognised, PopupGetTabPage, ContentCaptureListing, PopupCaptureTab, PageSyncNow, PageRetryParked, PageConnectionChanged]);
export type Message = z.infer<typeof Message>;

/** How a capture ended: the stored item, or why nothing was stored (a code the UI words). */
export const CaptureResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), itemId: z.string().regex(/^[0-9a-f]{64}$/), sequence: z.number().int().positive() }),
  z.object({
    ok: z.literal(false),
    reason: z.enum(['not-a-listing', 'wall', 'busy', 'no-permission', 'storage-full', 'failed']),
    detail: z.string().max(500),
  }),
]);
export type CaptureResult = z.infer<typeof CaptureResult>;

/**
 * How a sync request ended: the outbox's counts by state once the request was taken (the run goes
 * on, and pages follow it on the outbox channel), or why nothing can be sent yet.
 */
export const SyncAnswer = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), summary: z.record(OutboxState, z.number().int().nonnegative()) }),
  z.object({ ok: z.literal(false), reason: z.enum(['not-configured', 'no-permission']) }),
]);
export type SyncAnswer = z.infer<typeof SyncAnswer>;

/**
 * What the background tells every open extension page at once, on the outbox channel
 * (utils/sync/outbox-changes.ts): that the outbox changed. It carries no data: a page reads the
 * entries itself from the evidence database.
 */
export const BackgroundOutboxChanged = z.strictObject({ type: z.literal('background:outbox-changed') });
export type BackgroundOutboxChanged = z.infer<typeof BackgroundOutboxChanged>;

/** What each message is answered with. */
export const responses = {
  'content:page-recognised': z.object({ ok: z.literal(true), matches: PageMatches }),
  'popup:get-tab-page': TabPage.nullable(),
  'content:capture-listing': CaptureResult,
  'popup:capture-tab': CaptureResult,
  'page:sync-now': SyncAnswer,
  'page:retry-parked': SyncAnswer,
  'page:connection-changed': SyncAnswer,
} satisfies Record<Message['type'], z.ZodType>;
export type ResponseTo<T extends Message['type']> = z.infer<(typeof responses)[T]>;

/** The parts of `runtime.MessageSender` the checks need. */
export interface Sender {
  id?: string;
  url?: string;
  frameId?: number;
  tab?: { id?: number; url?: string; windowId?: number };
}

/** The message types, for answers that name the message they are about. */
const MessageType = z.enum(Object.keys(responses) as [Message['type'], ...Message['type'][]]);

/**
 * The background's answer to every message it does not act on, so a sender always learns why
 * rather than waiting on silence. A malformed message is located by the path of its first problem
 * in the schema and the kind of problem (zod's issue code), never by its value: the value came from
 * a page that may be hostile, and a refusal must not carry it back, however large or strange.
 */
export const Refusal = z.discriminatedUnion('refused', [
  z.object({ refused: z.literal('malformed'), at: z.string().max(200), issue: z.string().max(40) }),
  /** A valid message from a sender not allowed to send it (see `senderMaySend`). */
  z.object({ refused: z.literal('sender'), type: MessageType }),
  /** The handler failed (storage refused, the tab is gone); the background's console says why. */
  z.object({ refused: z.literal('failed'), type: MessageType }),
]);
export type Refusal = z.infer<typeof Refusal>;

/** Schema keys are short identifiers; anything else in a path is shown as "?" rather than echoed. */
const pathKey = /^[A-Za-z_][A-Za-z0-9_-]{0,39}$/;

/** The refusal of a message that failed `Message`: where its first problem is, and of what kind. */
export function malformed(error: z.ZodError): Extract<Refusal, { refused: 'malformed' }> {
  const first = error.issues[0];
  const at = (first?.path ?? [])
    .slice(0, 8)
    .map((key) => (typeof key === 'number' ? String(key) : typeof key === 'string' && pathKey.test(key) ? key : '?'))
    .join('.');
  const issue = first && /^[a-z_]{1,40}$/.test(first.code) ? first.code : 'invalid';
  return { refused: 'malformed', at, issue };
}

/** What `sendToBackground` throws when the background refused: `refusal.refused` tells the kinds apart. */
export class MessageRefused extends Error {
  override readonly name = 'MessageRefused';

  constructor(readonly refusal: Refusal) {
    super(
      refusal.refused === 'malformed'
        ? `the background refused a malformed message (${refusal.issue} at ${refusal.at || 'its top level'})`
        : refusal.refused === 'sender'
          ? `the background does not take ${refusal.type} from this page`
          : `the background could not answer ${refusal.type}`,
    );
  }
}

/** Sends a message to the background and validates its answer; a refusal is thrown as `MessageRefused`. */
export async function sendToBackground<M extends Message>(message: M): Promise<ResponseTo<M['type']>> {
  const answer: unknown = await browser.runtime.sendMessage(Message.parse(message));
  const refusal = Refusal.safeParse(answer);
  if (refusal.success) throw new MessageRefused(refusal.data);
  return responses[message.type].parse(answer) as ResponseTo<M['type']>;
}
