/**
 * The content script's context says nothing a marketplace page can observe when it starts, cannot
 * be stopped by anything the page sends, and ends when the extension itself is gone.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { ContentScriptContext as WxtContext } from 'wxt/utils/content-script-context';
import { ContentScriptContext } from '@/entrypoints/marketplace.content/script-context';

describe('the content script context', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => vi.restoreAllMocks());

  it('announces nothing to the page when it starts', () => {
    const posted = vi.spyOn(window, 'postMessage');
    const onWindow = vi.spyOn(window, 'dispatchEvent');
    const onDocument = vi.spyOn(document, 'dispatchEvent');
    const ctx = new ContentScriptContext('marketplace', {});
    ctx.onLocationChange(() => undefined);
    expect(posted).not.toHaveBeenCalled();
    expect(onWindow).not.toHaveBeenCalled();
    expect(onDocument).not.toHaveBeenCalled();
    ctx.notifyInvalidated();
  });

  it('keeps running whatever the page echoes or spoofs', async () => {
    const ctx = new ContentScriptContext('marketplace', {});
    const ended = vi.fn();
    ctx.onInvalidated(ended);
    // What WXT's own context posts and listens for, as the page saw it posted.
    for (const type of [(WxtContext as unknown as { SCRIPT_STARTED_MESSAGE_TYPE: string }).SCRIPT_STARTED_MESSAGE_TYPE, `${fakeBrowser.runtime.id}:marketplace:wxt:content-script-started`]) {
      const detail = { contentScriptName: 'marketplace', messageId: 'page' };
      window.postMessage({ type, ...detail }, '*');
      document.dispatchEvent(new CustomEvent(type, { detail }));
      window.dispatchEvent(new CustomEvent(type, { detail }));
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(ctx.isValid).toBe(true);
    expect(ended).not.toHaveBeenCalled();
    ctx.notifyInvalidated();
  });

  it('ends, with every callback and timer, once the extension is gone', async () => {
    vi.useFakeTimers();
    try {
      const ctx = new ContentScriptContext('marketplace', {});
      const ended = vi.fn();
      const timer = vi.fn();
      ctx.onInvalidated(ended);
      ctx.setTimeout(timer, 100);
      vi.spyOn(fakeBrowser.runtime, 'id', 'get').mockReturnValue(undefined as unknown as string);
      await vi.advanceTimersByTimeAsync(200);
      expect(timer).not.toHaveBeenCalled();
      expect(ctx.isInvalid).toBe(true);
      expect(ended).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('tells of a single-page navigation without dispatching anything to the page', async () => {
    vi.useFakeTimers();
    try {
      const ctx = new ContentScriptContext('marketplace', {});
      const onWindow = vi.spyOn(window, 'dispatchEvent');
      const moved = vi.fn();
      ctx.onLocationChange(moved);
      history.pushState({}, '', '/search?q=python');
      await vi.advanceTimersByTimeAsync(1500);
      expect(moved).toHaveBeenCalledTimes(1);
      expect(String(moved.mock.calls[0]![0])).toContain('/search?q=python');
      expect(onWindow.mock.calls.filter(([event]) => !(event instanceof PopStateEvent))).toEqual([]);
      ctx.notifyInvalidated();
    } finally {
      vi.useRealTimers();
    }
  });
});
