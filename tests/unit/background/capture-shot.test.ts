/**
 * The visible-area screenshot is evidence of the listing's tab only if that tab was the active one
 * on both sides of the shot: a page can open another tab between the check and the shot.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { browserCapture } from '@/entrypoints/background/capture';

const pixel = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

describe('the visible-area screenshot', () => {
  let active: boolean;

  beforeEach(() => {
    fakeBrowser.reset();
    active = true;
    vi.spyOn(fakeBrowser.tabs, 'get').mockImplementation(async (tabId) => ({ id: tabId, active }) as Awaited<ReturnType<typeof fakeBrowser.tabs.get>>);
    vi.stubGlobal('fetch', async (url: string) => new Response(Uint8Array.from(atob(url.split(',')[1]!), (c) => c.charCodeAt(0))));
  });

  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
  });

  it('is taken while the listing tab stays active', async () => {
    vi.spyOn(fakeBrowser.tabs, 'captureVisibleTab').mockResolvedValue(pixel);
    const shot = await browserCapture().captureVisible(7, 1);
    expect(shot.size).toBeGreaterThan(0);
  });

  it('is refused when another tab became active while it was taken', async () => {
    vi.spyOn(fakeBrowser.tabs, 'captureVisibleTab').mockImplementation(async () => {
      active = false;
      return pixel;
    });
    await expect(browserCapture().captureVisible(7, 1)).rejects.toThrow('the tab was left during the capture');
  });

  it('is not taken when the listing tab is no longer active', async () => {
    active = false;
    const shoot = vi.spyOn(fakeBrowser.tabs, 'captureVisibleTab').mockResolvedValue(pixel);
    await expect(browserCapture().captureVisible(7, 1)).rejects.toThrow('the tab was left during the capture');
    expect(shoot).not.toHaveBeenCalled();
  });
});
