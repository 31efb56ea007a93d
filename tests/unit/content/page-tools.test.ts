/**
 * The page tools, loaded by the background beside the content script: they start only beside it,
 * once however often they are loaded, check the background's matches before marking anything, and
 * mark the listings it matched on their cards.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import pageToolsScript from '@/entrypoints/page-tools';
import { ContentScriptContext } from '@/entrypoints/marketplace.content/script-context';
import { lendContentScriptParts, pageTools } from '@/utils/page-tools-link';
import type { Recognition } from '@/utils/sites/types';
import { englishMessage } from '../options/page';
import { recordShadowRoots } from './shadow-roots';

const listingId = '1005006000000001';
const recognition: Recognition = {
  marketplace: 'aliexpress',
  kind: 'search',
  wall: null,
  listings: [{ marketplace: 'aliexpress', id: listingId, url: `https://www.aliexpress.com/item/${listingId}.html`, title: 'Algorithms', price: null, currency: null, shop: null, images: [], isbn: null, author: null, publisher: null }],
};
const match = { listingId, entryId: 'e1', title: 'Algorithms', confidence: 0.9, reasons: [{ kind: 'title', title: 'Algorithms', language: 'en' }] };

let ctx: ContentScriptContext;
let roots: ShadowRoot[];

beforeEach(() => {
  delete (globalThis as Record<string, unknown>).colophonPageTools;
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(englishMessage as typeof fakeBrowser.i18n.getMessage);
  roots = recordShadowRoots();
  document.body.replaceChildren();
  const card = document.createElement('div');
  const link = document.createElement('a');
  link.href = recognition.listings[0]!.url;
  card.append(link);
  document.body.append(card);
  ctx = new ContentScriptContext('marketplace');
});

afterEach(() => {
  ctx.notifyInvalidated();
  delete (globalThis as Record<string, unknown>).colophonPageTools;
});

describe('the page tools', () => {
  it('do not start without the content script they work with', () => {
    pageToolsScript.main();
    expect(pageTools()).toBeNull();
  });

  it('start once, however often the background loads them', () => {
    const listen = vi.spyOn(fakeBrowser.runtime.onMessage, 'addListener');
    lendContentScriptParts({ ctx, guard: () => () => undefined });
    pageToolsScript.main();
    const first = pageTools();
    pageToolsScript.main();
    expect(first).not.toBeNull();
    expect(pageTools()).toBe(first);
    expect(listen).toHaveBeenCalledTimes(1);
  });

  it('refuse an answer that is not the matches, and mark nothing', async () => {
    lendContentScriptParts({ ctx, guard: () => () => undefined });
    pageToolsScript.main();
    await expect(pageTools()!.show(recognition, { refused: 'failed', type: 'content:page-recognised' })).rejects.toThrow(/unexpected answer/);
    await expect(pageTools()!.show(recognition, { ok: true, matches: { [listingId]: [{ ...match, reasons: [{ kind: 'invented' }] }] } })).rejects.toThrow();
    expect(roots).toEqual([]);
  });

  it("mark the matched listing on its card, with the shield guarding the marks' host", async () => {
    const guarded: Element[] = [];
    lendContentScriptParts({ ctx, guard: (host) => (guarded.push(host), () => undefined) });
    pageToolsScript.main();
    await pageTools()!.show(recognition, { ok: true, matches: { [listingId]: [match] } });
    expect(roots).toHaveLength(1);
    expect(guarded).toEqual([roots[0]!.host]);
    expect(Array.from(roots[0]!.querySelectorAll('.mark'), (mark) => (mark as HTMLElement).dataset.listing)).toEqual([listingId]);
    await pageTools()!.show(recognition, { ok: true, matches: {} });
    expect(roots[0]!.querySelectorAll('.mark')).toHaveLength(0);
  });

  it('take their marks away when the content script ends', async () => {
    lendContentScriptParts({ ctx, guard: () => () => undefined });
    pageToolsScript.main();
    await pageTools()!.show(recognition, { ok: true, matches: { [listingId]: [match] } });
    expect(roots[0]!.host.isConnected).toBe(true);
    ctx.notifyInvalidated();
    expect(roots[0]!.host.isConnected).toBe(false);
  });
});
