/**
 * How open extension pages (popup, evidence manager, options) learn that the outbox changed: the
 * background posts `{ type: 'outbox-changed' }` on a BroadcastChannel after each change it
 * stores. The channel reaches every page of the extension's origin and nothing else, and the
 * message carries no data: a page reads the entries itself from the evidence database.
 */
export const outboxChannelName = 'colophon-outbox';

export interface OutboxChanged {
  type: 'outbox-changed';
}

let channel: BroadcastChannel | null = null;

/** Tells open pages the outbox changed. Nowhere to tell (no BroadcastChannel) is not an error. */
export function announceOutboxChange(): void {
  if (typeof BroadcastChannel !== 'function') return;
  if (!channel) {
    channel = new BroadcastChannel(outboxChannelName);
    // Node (the unit tests) would otherwise stay alive for an open channel; browsers have no unref.
    (channel as BroadcastChannel & { unref?: () => void }).unref?.();
  }
  channel.postMessage({ type: 'outbox-changed' } satisfies OutboxChanged);
}
