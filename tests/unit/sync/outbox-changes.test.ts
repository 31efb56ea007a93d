// @vitest-environment node
/**
 * The outbox channel: pages act on the background's notice and on nothing else posted there, as
 * every message between Colophon's parts passes its schema before it is believed.
 */
import { describe, expect, it } from 'vitest';
import { listenForOutboxChanges, outboxChannelName } from '@/utils/sync/outbox-changes';

const notice = { type: 'background:outbox-changed' };
const strays = [{ type: 'outbox-changed' }, { ...notice, extra: 1 }, 'background:outbox-changed', null, { type: 'page:sync-now' }];

/** Posts `messages` on the channel and resolves once another listener has received them all. */
async function post(messages: unknown[]): Promise<void> {
  const sender = new BroadcastChannel(outboxChannelName);
  const witness = new BroadcastChannel(outboxChannelName);
  const end = { end: crypto.randomUUID() };
  const seen = new Promise<void>((resolve) => (witness.onmessage = (event) => JSON.stringify(event.data) === JSON.stringify(end) && resolve()));
  for (const message of [...messages, end]) sender.postMessage(message);
  await seen;
  // The page's listener is another receiver: give it the same turn of the event loop.
  await new Promise((resolve) => setTimeout(resolve, 20));
  sender.close();
  witness.close();
}

describe('the outbox channel', () => {
  it('calls the page back on the background’s notice, and on nothing else posted there', async () => {
    let heard = 0;
    const stop = listenForOutboxChanges(() => heard++);
    try {
      await post(strays);
      expect(heard).toBe(0);
      await post([notice]);
      expect(heard).toBe(1);
    } finally {
      stop();
    }
  });
});
