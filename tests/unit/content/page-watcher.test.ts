/**
 * The content script's page watcher: a burst of rendering (a page of cards arriving) leads to one
 * recognition after the page settles, never to work inside the MutationObserver callback, and
 * nothing runs once the content script's context is invalidated.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { ContentScriptContext } from '@/entrypoints/marketplace.content/script-context';
import { watchPage } from '@/entrypoints/marketplace.content/page-watcher';

const settle = () => vi.advanceTimersByTimeAsync(3000);

describe('watchPage', () => {
  let ctx: ContentScriptContext;

  beforeEach(() => {
    fakeBrowser.reset();
    // The context reads the extension's global API; unstubAllGlobals below takes the test setup's away.
    vi.stubGlobal('browser', fakeBrowser);
    // happy-dom has no requestIdleCallback; in a test the page is idle as soon as timers run.
    vi.stubGlobal('requestIdleCallback', (callback: IdleRequestCallback) => setTimeout(() => callback({ didTimeout: false, timeRemaining: () => 50 }), 1));
    vi.stubGlobal('cancelIdleCallback', (handle: number) => clearTimeout(handle));
    vi.useFakeTimers();
    document.body.replaceChildren();
    ctx = new ContentScriptContext('marketplace');
  });

  afterEach(() => {
    ctx.notifyInvalidated();
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('reads the page once when it has settled after loading', async () => {
    const recognise = vi.fn(async () => {});
    watchPage(ctx, recognise);
    expect(recognise).not.toHaveBeenCalled();
    await settle();
    expect(recognise).toHaveBeenCalledTimes(1);
  });

  it('reads a burst of added cards once, after the burst, not in the observer callback', async () => {
    const recognise = vi.fn(async () => {});
    watchPage(ctx, recognise);
    await settle();
    recognise.mockClear();

    for (let card = 0; card < 200; card++) {
      const element = document.createElement('a');
      element.id = `item_id_${700000000000 + card}`;
      document.body.append(element);
    }
    // Let the observer's microtasks run: they only note the change.
    await Promise.resolve();
    expect(recognise).not.toHaveBeenCalled();

    await settle();
    expect(recognise).toHaveBeenCalledTimes(1);
  });

  it('reads again when changes come while a reading is under way', async () => {
    let finish!: () => void;
    const recognise = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    watchPage(ctx, recognise);
    await settle();
    expect(recognise).toHaveBeenCalledTimes(1);

    document.body.append(document.createElement('div'));
    await settle();
    // The first reading has not finished: the change waits for it rather than overlapping it.
    expect(recognise).toHaveBeenCalledTimes(1);
    finish();
    await settle();
    expect(recognise).toHaveBeenCalledTimes(2);
    finish();
  });

  it('does nothing after the content script is invalidated', async () => {
    const recognise = vi.fn(async () => {});
    watchPage(ctx, recognise);
    await settle();
    recognise.mockClear();
    ctx.notifyInvalidated();
    document.body.append(document.createElement('div'));
    await settle();
    expect(recognise).not.toHaveBeenCalled();
  });
});
