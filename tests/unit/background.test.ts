/**
 * The background on WXT's fake browser: it stores what content scripts report from marketplace
 * tabs, answers the popup, shows the badge, refuses senders that may not send (and malformed or
 * failed messages) with a typed answer, and forgets tabs.
 *
 * In wxt 0.21.0 fakeBrowser's runtime.sendMessage expects listeners to return a Promise, while ours
 * answers through sendResponse + `return true` (which both real browsers accept), so messages are
 * delivered with `onMessage.trigger(message, sender, sendResponse)` (../shared/BROWSERS.md, "Unit tests").
 * fakeBrowser (@webext-core/fake-browser 1.5) keeps badge state for `action`, so nothing is stubbed.
 */
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import background from '@/entrypoints/background';
import type { Sender } from '@/utils/messages';
import { importIntoStore, openCatalogueDb } from '@/utils/catalog/store';
import { entry as catalogueEntry } from './catalog/entries';
import { englishMessage } from './options/page';
import type { Listing, Recognition } from '@/utils/sites/types';

const tabId = 12;
const pageUrl = 'https://item.taobao.com/item.htm?id=562283240178';
const seenAt = 1_767_225_600_000;
const listing: Listing = {
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
const item: Recognition = { marketplace: 'taobao', kind: 'item', wall: null, listings: [listing] };
const blocked: Recognition = { marketplace: 'tmall', kind: 'blocked', wall: 'captcha', listings: [] };
const report = (recognition: Recognition | null = item, url = pageUrl) => ({ type: 'content:page-recognised', url, recognition });
const query = (id = tabId) => ({ type: 'popup:get-tab-page', tabId: id });

const contentScript = (id = tabId, url = pageUrl): Sender => ({ id: fakeBrowser.runtime.id, url, frameId: 0, tab: { id, url } });
const popup = (): Sender => ({ id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') });

/** Delivers a message as a browser would; `kept` is what the listener returned (true: it will answer). */
async function deliver(message: unknown, sender: Sender): Promise<{ kept: unknown; answer?: unknown }> {
  let answer!: (value: unknown) => void;
  const answered = new Promise<unknown>((resolve) => (answer = resolve));
  // fakeBrowser types trigger() with the Promise-style (message, sender) listener; ours takes sendResponse too.
  const trigger = fakeBrowser.runtime.onMessage.trigger as (...args: unknown[]) => Promise<unknown[]>;
  const [kept] = await trigger(message, sender, (value: unknown) => answer(value));
  return kept === true ? { kept, answer: await answered } : { kept };
}

const stored = async (id = tabId) => (await fakeBrowser.storage.session.get(`tab-page:${id}`))[`tab-page:${id}`] as { recognition?: unknown } | undefined;
const badge = (id = tabId) => fakeBrowser.action.getBadgeText({ tabId: id });

beforeEach(() => {
  fakeBrowser.reset();
  globalThis.indexedDB = new IDBFactory();
  vi.spyOn(Date, 'now').mockReturnValue(seenAt);
  // fakeBrowser has no commands or context menus: their listeners are kept here to be called.
  vi.spyOn(fakeBrowser.commands.onCommand, 'addListener').mockImplementation((listener) => void (onCommand = listener as typeof onCommand));
  vi.spyOn(fakeBrowser.contextMenus.onClicked, 'addListener').mockImplementation((listener) => void (onMenuClicked = listener as typeof onMenuClicked));
  background.main();
});

describe('a content report', () => {
  it('from a marketplace tab is stored in storage.session and answered', async () => {
    await expect(deliver(report(), contentScript())).resolves.toEqual({ kept: true, answer: { ok: true, matches: {} } });
    expect(await stored()).toEqual({ url: pageUrl, recognition: item, matches: {}, seenAt });
  });

  it('sets the badge to the listing count, or "!" on a wall', async () => {
    await deliver(report(), contentScript());
    expect(await badge()).toBe('1');
    expect(await fakeBrowser.action.getBadgeBackgroundColor({ tabId })).toEqual([0x3b, 0x5b, 0x7a, 255]);

    const wallUrl = 'https://detail.tmall.com/item.htm?id=600000000000';
    await deliver(report(blocked, wallUrl), contentScript(tabId, wallUrl));
    expect(await badge()).toBe('!');
    expect(await fakeBrowser.action.getBadgeBackgroundColor({ tabId })).toEqual([0xb3, 0x26, 0x1e, 255]);

    await deliver(report(null), contentScript());
    expect(await badge()).toBe('');
  });

  it('replaces the earlier report of the same tab and leaves other tabs alone', async () => {
    await deliver(report(), contentScript(1));
    await deliver(report(), contentScript(2));
    await deliver(report(blocked), contentScript(2));
    expect((await stored(1))?.recognition).toEqual(item);
    expect((await stored(2))?.recognition).toEqual(blocked);
  });

  it.each<[string, Sender]>([
    ['a subframe', { ...contentScript(), frameId: 2 }],
    ["another extension's id", { ...contentScript(), id: 'other-extension' }],
    ['a non-marketplace page', { ...contentScript(), url: 'https://example.com/item.htm?id=562283240178' }],
    ['a sender without a tab', { ...contentScript(), tab: undefined }],
    ['our popup', popup()],
  ])('from %s is refused as coming from the wrong sender, and stores nothing', async (_name, sender) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await expect(deliver(report(), sender)).resolves.toEqual({ kept: true, answer: { refused: 'sender', type: 'content:page-recognised' } });
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
    expect(await badge()).toBe('');
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('not allowed'), 'content:page-recognised');
  });

  it.each([
    ['an unknown type', { type: 'content:erase', url: pageUrl, recognition: item }, { at: 'type', issue: 'invalid_union' }],
    ['a listing with a javascript: url', report({ ...item, listings: [{ ...listing, url: 'javascript:alert(1)' }] }), { at: 'recognition.listings.0.url', issue: 'invalid_format' }],
    ['not an object', 'hello', { at: '', issue: 'invalid_type' }],
  ])('that is malformed (%s) is refused with where it is wrong, and stores nothing', async (_name, message, where) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await expect(deliver(message, contentScript())).resolves.toEqual({ kept: true, answer: { refused: 'malformed', ...where } });
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('malformed'), where.issue, where.at);
  });

  it('is answered with a refusal saying it failed when storing fails', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(fakeBrowser.storage.session, 'set').mockRejectedValue(new Error('quota'));
    await expect(deliver(report(), contentScript())).resolves.toEqual({ kept: true, answer: { refused: 'failed', type: 'content:page-recognised' } });
    expect(error).toHaveBeenCalled();
  });
});

describe('the popup query', () => {
  it('returns what the tab reported', async () => {
    await deliver(report(), contentScript());
    await expect(deliver(query(), popup())).resolves.toEqual({ kept: true, answer: { url: pageUrl, recognition: item, matches: {}, seenAt } });
  });

  it('returns null for a tab that reported nothing', async () => {
    await deliver(report(), contentScript(1));
    expect((await deliver(query(99), popup())).answer).toBeNull();
  });

  it('returns null when what is stored does not pass the schema', async () => {
    await fakeBrowser.storage.session.set({ [`tab-page:${tabId}`]: { url: 'javascript:x', recognition: 'item', seenAt: -1 } });
    expect((await deliver(query(), popup())).answer).toBeNull();
  });

  it('from a content script is refused as coming from the wrong sender', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    await deliver(report(), contentScript());
    await expect(deliver(query(), contentScript())).resolves.toEqual({ kept: true, answer: { refused: 'sender', type: 'popup:get-tab-page' } });
  });

  it('for a tab that is gone is answered with a refusal saying the capture failed', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const message = { type: 'popup:capture-tab', tabId: 4040, options: { fullPage: false, note: '', tags: [] } };
    await expect(deliver(message, popup())).resolves.toEqual({ kept: true, answer: { refused: 'failed', type: 'popup:capture-tab' } });
    expect(error).toHaveBeenCalled();
  });
});

let onCommand: (command: string, tab?: { id?: number }) => void = () => undefined;
let onMenuClicked: (info: { menuItemId: string | number }, tab?: { id?: number }) => void = () => undefined;

describe('capture triggers', () => {
  beforeEach(() => void vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(englishMessage as typeof fakeBrowser.i18n.getMessage));

  /**
   * The steps the background asks of a marketplace tab's content script once `trigger` fired for
   * that tab (fakeBrowser runs no content script: the capture then ends, having stored nothing).
   */
  async function stepsAfter(trigger: (tabId: number) => void): Promise<unknown[]> {
    const tab = await fakeBrowser.tabs.create({ url: pageUrl, active: true });
    await deliver(report(), contentScript(tab.id!));
    const steps: unknown[] = [];
    // The page's steps are the page tools' to take: they are loaded into the tab first.
    vi.spyOn(fakeBrowser.scripting, 'executeScript').mockImplementation((async (injection: { target: unknown; files?: string[] }) => {
      steps.push({ loaded: injection.files, into: injection.target });
      return [];
    }) as never);
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation(async (_tabId, message) => void steps.push(message));
    trigger(tab.id!);
    await vi.waitFor(() => expect(steps.length).toBeGreaterThanOrEqual(3));
    expect(steps[0]).toEqual({ loaded: ['/page-tools.js'], into: { tabId: tab.id, frameIds: [0] } });
    return steps.slice(1);
  }

  it('captures the tab from the keyboard shortcut', async () => {
    const steps = await stepsAfter((id) => onCommand('capture-evidence', { id }));
    expect(steps[0]).toEqual({ type: 'background:capture-step', step: 'begin', listingId: null });
  });

  it('puts "Capture evidence" in the context menu of marketplace pages, and captures from it', async () => {
    const created = vi.spyOn(fakeBrowser.contextMenus, 'create').mockImplementation(() => 'capture-evidence');
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install', temporary: false });
    expect(created).toHaveBeenCalledWith(expect.objectContaining({ id: 'capture-evidence', documentUrlPatterns: expect.arrayContaining(['https://*.taobao.com/*']) }));
    const steps = await stepsAfter((id) => onMenuClicked({ menuItemId: 'capture-evidence' }, { id }));
    expect(steps[0]).toEqual({ type: 'background:capture-step', step: 'begin', listingId: null });
  });

  it('refuses a Report button until one-click capture from the page is allowed', async () => {
    vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(false);
    const message = { type: 'content:capture-listing', listingId: listing.id, options: { fullPage: true, note: '', tags: [] } };
    await expect(deliver(message, contentScript())).resolves.toMatchObject({ answer: { ok: false, reason: 'no-permission' } });
  });
});

describe('tab life', () => {
  it('forgets a tab when it is removed, and only that tab', async () => {
    await deliver(report(), contentScript(1));
    await deliver(report(), contentScript(2));
    await fakeBrowser.tabs.onRemoved.trigger(1, { windowId: 0, isWindowClosing: false });
    await vi.waitFor(async () => expect(await stored(1)).toBeUndefined());
    expect(await stored(2)).toBeDefined();
    expect((await deliver(query(1), popup())).answer).toBeNull();
  });

  it('forgets a tab and clears its badge when it starts loading a new document', async () => {
    await deliver(report(), contentScript());
    await fakeBrowser.tabs.onUpdated.trigger(tabId, { status: 'loading' }, { id: tabId } as never);
    await vi.waitFor(async () => expect(await stored()).toBeUndefined());
    await vi.waitFor(async () => expect(await badge()).toBe(''));
  });

  it('keeps what a tab reported through updates that are not a new load', async () => {
    await deliver(report(), contentScript());
    await fakeBrowser.tabs.onUpdated.trigger(tabId, { status: 'complete' }, { id: tabId } as never);
    await fakeBrowser.tabs.onUpdated.trigger(tabId, { title: '算法导论' }, { id: tabId } as never);
    expect(await stored()).toEqual({ url: pageUrl, recognition: item, matches: {}, seenAt });
    expect(await badge()).toBe('1');
  });
});

describe('matching', () => {
  /** Every loading of the page tools into a tab, with its target. */
  function pageToolsLoads(): unknown[] {
    const loads: unknown[] = [];
    vi.spyOn(fakeBrowser.scripting, 'executeScript').mockImplementation((async (injection: { target: unknown; files?: string[] }) => {
      loads.push({ files: injection.files, target: injection.target });
      return [];
    }) as never);
    return loads;
  }

  it("answers a report with the catalogue matches of the page's listings, and keeps them for the popup", async () => {
    const loads = pageToolsLoads();
    const db = await openCatalogueDb();
    const book = { ...listing, title: '现货 算法导论 第三版 Introduction to Algorithms 3rd Edition Cormen 英文原版 9780262033848' };
    await importIntoStore(db, {
      name: 'MIT Press',
      fileName: 'mit.json',
      format: 'json',
      async run(sink) {
        await sink([catalogueEntry('9780262033848', 'Introduction to Algorithms', { isbns: ['9780262033848'], contributors: [{ name: 'Thomas H. Cormen', role: 'author' }] })]);
        return { format: 'json', records: 1, entries: 1, issues: [] };
      },
    });
    const { answer } = await deliver(report({ ...item, listings: [book] }), contentScript());
    const matches = (answer as { matches: Record<string, { entryId: string; reasons: { kind: string }[] }[]> }).matches;
    expect(Object.keys(matches)).toEqual([book.id]);
    expect(matches[book.id]![0]!.entryId).toBe('9780262033848');
    expect(matches[book.id]![0]!.reasons.map((reason) => reason.kind)).toContain('isbn');
    expect((await stored())).toMatchObject({ matches });
    // The marks are the page tools': loaded into the tab before the answer, once.
    expect(loads).toEqual([{ files: ['/page-tools.js'], target: { tabId, frameIds: [0] } }]);
    await deliver({ ...report({ ...item, listings: [book] }), pageToolsLoaded: true }, contentScript());
    expect(loads).toHaveLength(1);
  });

  it('loads no page tools into a page with nothing to mark', async () => {
    const loads = pageToolsLoads();
    await expect(deliver(report(), contentScript())).resolves.toMatchObject({ answer: { ok: true, matches: {} } });
    expect(loads).toEqual([]);
  });

  it('still answers when the page tools cannot be loaded (the tab moved on)', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.spyOn(fakeBrowser.scripting, 'executeScript').mockRejectedValue(new Error('Frame with ID 0 was removed.'));
    const db = await openCatalogueDb();
    await importIntoStore(db, {
      name: 'MIT Press',
      fileName: 'mit.json',
      format: 'json',
      async run(sink) {
        await sink([catalogueEntry('9780262033848', 'Introduction to Algorithms', { isbns: ['9780262033848'] })]);
        return { format: 'json', records: 1, entries: 1, issues: [] };
      },
    });
    const book = { ...listing, title: '算法导论 Introduction to Algorithms 9780262033848' };
    const { answer } = await deliver(report({ ...item, listings: [book] }), contentScript());
    expect(Object.keys((answer as { matches: object }).matches)).toEqual([book.id]);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('page tools'), expect.any(Error));
  });
});
