/**
 * Every message the background does not act on is answered with a typed refusal: malformed
 * (located by the path of its first problem, never by its value), from a sender not allowed to
 * send it, or failed in its handler. Never silence, which a sender could not tell from a crash.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { z } from 'zod';
import { listenForMessages } from '@/utils/message-listener';
import { malformed, Message, Refusal, type Sender, type TabPage } from '@/utils/messages';

const pageUrl = 'https://item.taobao.com/item.htm?id=562283240178';
const listing = {
  marketplace: 'taobao',
  id: '562283240178',
  url: pageUrl,
  title: '算法导论 第三版',
  price: 128,
  currency: 'CNY',
  shop: null,
  images: [],
  isbn: null,
  author: null,
  publisher: null,
};
const withListing = (changes: Record<string, unknown>) => ({
  type: 'content:page-recognised',
  url: pageUrl,
  recognition: { marketplace: 'taobao', kind: 'item', wall: null, listings: [{ ...listing, ...changes }] },
});

describe('a refusal of a malformed message', () => {
  const refusalOf = (message: unknown) => malformed(Message.safeParse(message).error!);

  it.each<[string, unknown, { at: string; issue: string }]>([
    ['not an object', 'page:sync-now', { at: '', issue: 'invalid_type' }],
    ['an unknown type', { type: 'popup:erase-everything' }, { at: 'type', issue: 'invalid_union' }],
    ['a fractional tab id', { type: 'popup:get-tab-page', tabId: 1.5 }, { at: 'tabId', issue: 'invalid_type' }],
    ['a blank tag after others', { type: 'popup:capture-tab', tabId: 1, options: { fullPage: true, tags: ['ok', '   '] } }, { at: 'options.tags.1', issue: 'too_small' }],
    ['a javascript: listing url', withListing({ url: 'javascript:alert(1)' }), { at: 'recognition.listings.0.url', issue: 'invalid_format' }],
  ])('says where the first problem is and of what kind: %s', (_name, message, where) => {
    expect(refusalOf(message)).toEqual({ refused: 'malformed', ...where });
  });

  it('never carries the value back, however large or hostile', () => {
    const hostile = `\u202e<img src=x onerror=alert(1)>${'书'.repeat(200_000)}`;
    const refusal = refusalOf(withListing({ title: hostile }));
    expect(refusal).toEqual({ refused: 'malformed', at: 'recognition.listings.0.title', issue: 'too_big' });
    expect(JSON.stringify(refusal).length).toBeLessThan(120);
  });

  it('shows a path key that is not a schema name as "?", and at most eight keys deep', () => {
    const keyed = z.record(z.string(), z.number()).safeParse({ '<img src=x onerror=alert(1)>': 'a' }).error!;
    expect(malformed(keyed)).toEqual({ refused: 'malformed', at: '?', issue: 'invalid_type' });
    const deep = z.object({ a: z.array(z.array(z.array(z.array(z.array(z.array(z.array(z.array(z.number())))))))) });
    expect(malformed(deep.safeParse({ a: [[[[[[[['x']]]]]]]] }).error!).at).toBe('a.0.0.0.0.0.0.0');
  });

  it('passes the Refusal schema, as the other kinds do', () => {
    expect(Refusal.safeParse(refusalOf(null)).success).toBe(true);
    expect(Refusal.safeParse({ refused: 'sender', type: 'content:page-recognised' }).success).toBe(true);
    expect(Refusal.safeParse({ refused: 'failed', type: 'popup:capture-tab' }).success).toBe(true);
    expect(Refusal.safeParse({ refused: 'sender', type: 'content:erase' }).success).toBe(false);
    expect(Refusal.safeParse({ refused: 'malformed', at: 'x'.repeat(201), issue: 'too_big' }).success).toBe(false);
  });
});

describe('listenForMessages', () => {
  const popupSender = (): Sender => ({ id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') });
  const query = { type: 'popup:get-tab-page', tabId: 7 };

  beforeEach(() => {
    fakeBrowser.reset();
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.spyOn(console, 'error').mockImplementation(() => {});
  });

  /** Delivers a message as a browser does; resolves with the answer, which must be given (the listener returned true). */
  async function answerTo(message: unknown, sender: Sender): Promise<unknown> {
    let answer!: (value: unknown) => void;
    const answered = new Promise<unknown>((resolve) => (answer = resolve));
    const trigger = fakeBrowser.runtime.onMessage.trigger as (...args: unknown[]) => Promise<unknown[]>;
    const [kept] = await trigger(message, sender, (value: unknown) => answer(value));
    expect(kept).toBe(true);
    return answered;
  }

  const listen = (getTabPage: () => Promise<TabPage | null>) => {
    const unused = async () => {
      throw new Error('not used here');
    };
    listenForMessages({
      'content:page-recognised': unused,
      'popup:get-tab-page': getTabPage,
      'content:capture-listing': unused,
      'popup:capture-tab': unused,
      'page:sync-now': unused,
      'page:retry-parked': unused,
      'page:connection-changed': unused,
    });
  };

  it('answers a valid message from an allowed sender with its handler’s answer', async () => {
    listen(async () => null);
    await expect(answerTo(query, popupSender())).resolves.toBeNull();
  });

  it('answers a malformed message with a malformed refusal, without calling a handler', async () => {
    const handler = vi.fn(async () => null);
    listen(handler);
    await expect(answerTo({ ...query, tabId: -1 }, popupSender())).resolves.toEqual({ refused: 'malformed', at: 'tabId', issue: 'too_small' });
    expect(handler).not.toHaveBeenCalled();
  });

  it('answers a sender that may not send the message with a sender refusal, without calling a handler', async () => {
    const handler = vi.fn(async () => null);
    listen(handler);
    const subframe: Sender = { id: fakeBrowser.runtime.id, url: pageUrl, frameId: 2, tab: { id: 12, url: pageUrl } };
    await expect(answerTo(query, subframe)).resolves.toEqual({ refused: 'sender', type: 'popup:get-tab-page' });
    expect(handler).not.toHaveBeenCalled();
  });

  it.each([
    ['rejects', async () => Promise.reject(new Error('storage gone'))],
    ['throws before it awaits anything', (() => {
      throw new Error('storage gone');
    }) as () => Promise<null>],
  ])('answers with a failed refusal when the handler %s', async (_name, handler) => {
    listen(handler);
    await expect(answerTo(query, popupSender())).resolves.toEqual({ refused: 'failed', type: 'popup:get-tab-page' });
  });
});
