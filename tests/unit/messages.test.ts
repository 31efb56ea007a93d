/**
 * The message protocol: every message is validated against its schema, and only the right sender
 * may send it (a content script lives inside a hostile page); a refusal from the background is
 * thrown by `sendToBackground` as `MessageRefused` (message-refusals.test.ts: how it is answered).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { senderMaySend } from '@/utils/message-listener';
import { Message, MessageRefused, responses, sendToBackground, TabPage, type Refusal, type Sender } from '@/utils/messages';
import type { Listing, Recognition } from '@/utils/sites/types';

const listing: Listing = {
  marketplace: 'taobao',
  id: '562283240178',
  url: 'https://item.taobao.com/item.htm?id=562283240178',
  title: '算法导论 第三版',
  price: 128,
  currency: 'CNY',
  shop: { name: '怡科外设KBDfans', id: '64592671', sellerId: '134583372' },
  images: ['https://gd2.alicdn.com/imgextra/i4/134583372/TB2bje8gS_I8KJjy0FoXXaFnVXa_!!134583372.jpg'],
  isbn: '9787111407010',
  author: 'Thomas H. Cormen',
  publisher: '机械工业出版社',
};
const recognition: Recognition = { marketplace: 'taobao', kind: 'item', wall: null, listings: [listing] };
const pageUrl = 'https://item.taobao.com/item.htm?id=562283240178';
const report = (changes: { url?: unknown; recognition?: unknown } = {}) => ({ type: 'content:page-recognised', url: pageUrl, recognition, ...changes });
const withListing = (changes: Partial<Record<keyof Listing, unknown>>) => report({ recognition: { ...recognition, listings: [{ ...listing, ...changes }] } });

describe('Message', () => {
  it.each([
    ['a content report', report()],
    ['a content report of a page with nothing recognised', report({ recognition: null })],
    ['a blocked page', report({ recognition: { marketplace: 'tmall', kind: 'blocked', wall: 'captcha', listings: [] } })],
    ['a popup query', { type: 'popup:get-tab-page', tabId: 7 }],
  ])('accepts %s', (_name, message) => {
    expect(Message.safeParse(message).error).toBeUndefined();
  });

  it.each([
    ['an unknown type', { type: 'content:delete-everything', url: pageUrl, recognition: null }],
    ['no type', { url: pageUrl, recognition: null }],
    ['a non-object', 'content:page-recognised'],
    ['null', null],
    ['a report without recognition', { type: 'content:page-recognised', url: pageUrl }],
    ['a page URL that is not a URL', report({ url: 'not a url' })],
    ['a relative page URL', report({ url: '/item.htm?id=1' })],
    ['a page URL over 4,000 characters', report({ url: `${pageUrl}&q=${'a'.repeat(4000)}` })],
    ['an unknown marketplace', report({ recognition: { ...recognition, marketplace: 'amazon' } })],
    ['an unknown page kind', report({ recognition: { ...recognition, kind: 'checkout' } })],
    ['an unknown wall', report({ recognition: { ...recognition, wall: 'paywall' } })],
    ['over 1,000 listings', report({ recognition: { ...recognition, listings: Array.from({ length: 1001 }, () => listing) } })],
    ['a listing with a javascript: url', withListing({ url: 'javascript:alert(1)//https://item.taobao.com/' })],
    ['a listing with an http url', withListing({ url: 'http://item.taobao.com/item.htm?id=562283240178' })],
    ['a listing url over 200 characters', withListing({ url: `${pageUrl}&x=${'a'.repeat(200)}` })],
    ['a listing with an http image', withListing({ images: ['http://img.alicdn.com/a.jpg'] })],
    ['a listing with a data: image', withListing({ images: ['data:image/png;base64,AAAA'] })],
    ['a listing with over 100 images', withListing({ images: Array.from({ length: 101 }, (_, i) => `https://img.alicdn.com/${i}.jpg`) })],
    ['a listing id that is not digits', withListing({ id: '56228324017x' })],
    ['a listing id too short', withListing({ id: '1234' })],
    ['a title over 2,000 characters', withListing({ title: '书'.repeat(2001) })],
    ['an author over 500 characters', withListing({ author: 'a'.repeat(501) })],
    ['a shop name over 500 characters', withListing({ shop: { ...listing.shop!, name: 'a'.repeat(501) } })],
    ['a shop id over 40 characters', withListing({ shop: { ...listing.shop!, id: '1'.repeat(41) } })],
    ['a negative price', withListing({ price: -1 })],
    ['an infinite price', withListing({ price: Number.POSITIVE_INFINITY })],
    ['a currency that is not a code', withListing({ currency: '€' })],
    ['a malformed ISBN', withListing({ isbn: '978-7-111-40701-0' })],
    ['a popup query for a negative tab', { type: 'popup:get-tab-page', tabId: -1 }],
    ['a popup query for a fractional tab', { type: 'popup:get-tab-page', tabId: 1.5 }],
    ['a popup query for a string tab', { type: 'popup:get-tab-page', tabId: '1' }],
  ])('rejects %s', (_name, message) => {
    expect(Message.safeParse(message).success).toBe(false);
  });

  // A marketplace page's URL is always http(s); the background stores what it is told.
  it.each([['javascript:alert(1)'], ['data:text/html,hi']])('rejects a report whose page URL is %s', (url) => {
    expect(Message.safeParse(report({ url })).success).toBe(false);
  });

  it('drops keys the schema does not know', () => {
    expect(Message.parse({ type: 'popup:get-tab-page', tabId: 3, extra: 'x' })).toEqual({ type: 'popup:get-tab-page', tabId: 3 });
  });

  it('validates answers and stored tab pages', () => {
    expect(responses['content:page-recognised'].safeParse({ ok: true, matches: {} }).success).toBe(true);
    expect(responses['content:page-recognised'].safeParse({ ok: true }).success).toBe(false);
    expect(responses['content:page-recognised'].safeParse({ ok: false }).success).toBe(false);
    expect(responses['popup:get-tab-page'].safeParse(null).success).toBe(true);
    expect(TabPage.safeParse({ url: pageUrl, recognition, matches: {}, seenAt: 1_700_000_000_000 }).success).toBe(true);
    expect(TabPage.safeParse({ url: pageUrl, recognition, matches: {}, seenAt: -1 }).success).toBe(false);
  });
});

describe('senderMaySend', () => {
  const ourId = 'colophon-id';
  const ourOrigin = `chrome-extension://${ourId}/`;
  const contentScript: Sender = { id: ourId, url: pageUrl, frameId: 0, tab: { id: 12, url: pageUrl } };
  const popup: Sender = { id: ourId, url: `${ourOrigin}popup.html` };
  // A report names the page it describes; it must be the sender's own page (or a later state of it).
  const reportFrom = (sender: Sender): Message => ({ type: 'content:page-recognised', url: sender.url ?? pageUrl, recognition: null, pageToolsLoaded: false });
  const query: Message = { type: 'popup:get-tab-page', tabId: 12 };

  it.each<[string, Sender]>([
    ['our content script in a Taobao item tab', contentScript],
    ['our content script on an AliExpress item', { ...contentScript, url: 'https://he.aliexpress.com/item/32993251330.html' }],
    ['our content script on a Tmall search', { ...contentScript, url: 'https://list.tmall.com/search_product.htm?q=book' }],
  ])('lets a content report come from %s', (_name, sender) => {
    expect(senderMaySend(reportFrom(sender), sender, ourId, ourOrigin)).toBe(true);
  });

  it.each<[string, Sender]>([
    ['a subframe', { ...contentScript, frameId: 3 }],
    ['a sender without frameId', { ...contentScript, frameId: undefined }],
    ["another extension's id", { ...contentScript, id: 'other-extension' }],
    ['a sender without id', { ...contentScript, id: undefined }],
    ['a non-marketplace page', { ...contentScript, url: 'https://example.com/item/32993251330.html' }],
    ['a marketplace look-alike host', { ...contentScript, url: 'https://item.taobao.com.evil.example/item.htm?id=562283240178' }],
    ['a sender without URL', { ...contentScript, url: undefined }],
    ['a missing tab', { ...contentScript, tab: undefined }],
    ['a tab without id', { ...contentScript, tab: { url: pageUrl } }],
    ['our popup', popup],
  ])('refuses a content report from %s', (_name, sender) => {
    expect(senderMaySend(reportFrom(sender), sender, ourId, ourOrigin)).toBe(false);
  });

  it.each<[string, Sender]>([
    ['our popup', popup],
    ['our popup opened in a tab', { ...popup, url: `${ourOrigin}popup.html?tab=12`, tab: { id: 40 }, frameId: 0 }],
  ])('lets a popup query come from %s', (_name, sender) => {
    expect(senderMaySend(query, sender, ourId, ourOrigin)).toBe(true);
  });

  it.each<[string, Sender]>([
    ['our content script on a marketplace page', contentScript],
    ["another extension's id", { ...popup, id: 'other-extension' }],
    ['a sender without URL', { id: ourId }],
  ])('refuses a popup query from %s', (_name, sender) => {
    expect(senderMaySend(query, sender, ourId, ourOrigin)).toBe(false);
  });

  // By the URL standard (and in Node) chrome-extension:, about: and data: URLs all have the opaque
  // origin "null", so the check must compare the extension's base URL, not origins.
  it.each<[string, Sender]>([
    ["another extension's origin", { ...popup, url: 'chrome-extension://other-extension/popup.html' }],
    ['an about:blank frame', { ...contentScript, url: 'about:blank' }],
  ])('refuses a popup query from %s, whatever the URL implementation', (_name, sender) => {
    expect(senderMaySend(query, sender, ourId, ourOrigin)).toBe(false);
  });

  it('refuses, without throwing, a popup query whose sender URL does not parse', () => {
    expect(senderMaySend(query, { id: ourId, url: 'not a url' }, ourId, ourOrigin)).toBe(false);
  });

  it('lets a capture request come only from our content script in a marketplace page, and a popup capture only from our pages', () => {
    const captureListing: Message = { type: 'content:capture-listing', listingId: '1017564382910', options: { fullPage: true, note: '', tags: [] } };
    const captureTab: Message = { type: 'popup:capture-tab', tabId: 12, options: { fullPage: false, note: 'seen', tags: ['springer'] } };
    expect(senderMaySend(captureListing, contentScript, ourId, ourOrigin)).toBe(true);
    expect(senderMaySend(captureListing, { ...contentScript, frameId: 3 }, ourId, ourOrigin)).toBe(false);
    expect(senderMaySend(captureListing, { ...contentScript, url: 'https://example.com/', tab: { id: 12, url: 'https://example.com/' } }, ourId, ourOrigin)).toBe(false);
    expect(senderMaySend(captureListing, { ...contentScript, id: 'another-extension' }, ourId, ourOrigin)).toBe(false);
    expect(senderMaySend(captureListing, popup, ourId, ourOrigin)).toBe(false);
    expect(senderMaySend(captureTab, popup, ourId, ourOrigin)).toBe(true);
    expect(senderMaySend(captureTab, contentScript, ourId, ourOrigin)).toBe(false);
    expect(Message.safeParse({ ...captureListing, listingId: '<img>' }).success).toBe(false);
  });

  it('refuses a content report about a page on another site than its sender', () => {
    const report: Message = { type: 'content:page-recognised', url: 'https://item.taobao.com/item.htm?id=1', recognition: null, pageToolsLoaded: false };
    expect(senderMaySend(report, { ...contentScript, url: 'https://www.aliexpress.com/item/1005006180026951.html' }, ourId, ourOrigin)).toBe(false);
  });
});

describe('sendToBackground', () => {
  beforeEach(() => fakeBrowser.reset());

  it('sends a valid message and returns the validated answer', async () => {
    const received: unknown[] = [];
    fakeBrowser.runtime.onMessage.addListener(async (message: unknown) => {
      received.push(message);
      return { ok: true, matches: {} };
    });
    await expect(sendToBackground({ type: 'content:page-recognised', url: pageUrl, recognition, pageToolsLoaded: false })).resolves.toEqual({ ok: true, matches: {} });
    expect(received).toEqual([{ type: 'content:page-recognised', url: pageUrl, recognition, pageToolsLoaded: false }]);
  });

  it('refuses to send a malformed message', async () => {
    const received: unknown[] = [];
    fakeBrowser.runtime.onMessage.addListener(async (message: unknown) => void received.push(message));
    const malformed = { type: 'popup:get-tab-page', tabId: -5 } as const;
    await expect(sendToBackground(malformed)).rejects.toThrow();
    expect(received).toEqual([]);
  });

  it('rejects an answer that does not match the schema', async () => {
    fakeBrowser.runtime.onMessage.addListener(async () => ({ ok: 'yes' }));
    await expect(sendToBackground({ type: 'content:page-recognised', url: pageUrl, recognition: null, pageToolsLoaded: false })).rejects.toThrow();
  });

  it.each<[string, Refusal, string]>([
    ['malformed', { refused: 'malformed', at: 'tabId', issue: 'too_small' }, 'malformed message (too_small at tabId)'],
    ['sender', { refused: 'sender', type: 'popup:get-tab-page' }, 'does not take popup:get-tab-page from this page'],
    ['failed', { refused: 'failed', type: 'popup:get-tab-page' }, 'could not answer popup:get-tab-page'],
  ])('throws a %s refusal as MessageRefused, which callers tell apart by its kind', async (kind, refusal, text) => {
    fakeBrowser.runtime.onMessage.addListener(async () => refusal);
    const thrown = await sendToBackground({ type: 'popup:get-tab-page', tabId: 3 }).catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(MessageRefused);
    expect((thrown as MessageRefused).refusal).toEqual(refusal);
    expect((thrown as MessageRefused).refusal.refused).toBe(kind);
    expect((thrown as MessageRefused).message).toContain(text);
  });

  it('throws no MessageRefused for an answer that is neither a response nor a refusal', async () => {
    fakeBrowser.runtime.onMessage.addListener(async () => ({ refused: 'because' }));
    const thrown = await sendToBackground({ type: 'popup:get-tab-page', tabId: 3 }).catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(Error);
    expect(thrown).not.toBeInstanceOf(MessageRefused);
  });
});
