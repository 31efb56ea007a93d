/**
 * How open extension pages (popup, evidence manager, options) learn that the outbox changed: the
 * background posts a `background:outbox-changed` notice (utils/messages.ts) on a BroadcastChannel
 * after each change it stores. The channel reaches every page of the extension's origin and
 * nothing else; a page believes only what passes the notice's schema, and reads the entries
 * itself from the evidence database.
 */
import { BackgroundOutboxChanged } from '@/utils/messages';

/** The channel's name: the tests stand in for the background on it. */
export const outboxChannelName = 'colophon-outbox';

let channel: BroadcastChannel | null = null;

/** Tells open pages the outbox changed. Nowhere to tell (no BroadcastChannel) is not an error. */
export function announceOutboxChange(): void {
  if (typeof BroadcastChannel !== 'function') return;
  if (!channel) {
    channel = new BroadcastChannel(outboxChannelName);
    // Node (the unit tests) would otherwise stay alive for an open channel; browsers have no unref.
    (channel as BroadcastChannel & { unref?: () => void }).unref?.();
  }
  channel.postMessage({ type: 'background:outbox-changed' } satisfies BackgroundOutboxChanged);
}

/** Calls `onChange` after each change the background announces; returns how to stop listening. */
export function listenForOutboxChanges(onChange: () => void): () => void {
  // A page opened where there is no BroadcastChannel still works; it only misses live updates.
  if (typeof BroadcastChannel !== 'function') return () => undefined;
  const listening = new BroadcastChannel(outboxChannelName);
  listening.onmessage = (event: MessageEvent<unknown>) => {
    if (BackgroundOutboxChanged.safeParse(event.data).success) onChange();
  };
  return () => listening.close();
}
