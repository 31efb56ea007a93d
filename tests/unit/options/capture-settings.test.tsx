// @vitest-environment happy-dom
/**
 * The options page's capture settings: the name recorded with each capture is kept in
 * storage.local for the background; one-click capture from the page asks for, and gives back,
 * the optional permission; the installation's signing-key fingerprint is shown.
 */
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { capturedBy, capturedByKey, normaliseCapturedBy } from '@/utils/evidence/capture/settings';
import { openOptionsPage, waitFor } from './page';

describe('capture settings', () => {
  it('keeps the name recorded as who captured', async () => {
    const page = await openOptionsPage();
    const input = page.get<HTMLInputElement>('captured-by');
    input.value = '  Rights team, Springer Nature ';
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await waitFor(() => page.get<HTMLInputElement>('captured-by').value !== '');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await fakeBrowser.storage.local.get(capturedByKey))[capturedByKey]).toBe('Rights team, Springer Nature');
    page.unmount();
  });

  it('records the name as a reader of the evidence will see it: no control characters, one space, at most 200 characters', async () => {
    const page = await openOptionsPage();
    const input = page.get<HTMLInputElement>('captured-by');
    input.value = 'Rights\u202e team\u0007,\t  Wiley UK';
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await waitFor(() => page.get<HTMLInputElement>('captured-by').value === 'Rights team, Wiley UK');
    expect((await fakeBrowser.storage.local.get(capturedByKey))[capturedByKey]).toBe('Rights team, Wiley UK');
    page.unmount();
    expect(normaliseCapturedBy(`  ${'x'.repeat(300)}`)).toHaveLength(200);
    expect(normaliseCapturedBy('Rights\nteam\r\n')).toBe('Rights team');
    // A value written by an older version, or by hand, is read the same way.
    await fakeBrowser.storage.local.set({ [capturedByKey]: ' Rights\u200b team ' });
    expect(await capturedBy()).toBe('Rights team');
  });

  it('asks for one-click capture from the page only when the user presses the button, and can give it back', async () => {
    const page = await openOptionsPage();
    await waitFor(() => page.query('allow-page-capture') !== null);
    expect(fakeBrowser.permissions.request).not.toHaveBeenCalled();
    page.get<HTMLButtonElement>('allow-page-capture').click();
    await waitFor(() => page.query('allow-page-capture') === null);
    expect(fakeBrowser.permissions.request).toHaveBeenCalledWith({ origins: ['<all_urls>'] });
    expect(page.container.textContent).toContain('One-click capture from the page is on.');
    page.unmount();
  });

  it('shows the fingerprint of this installation’s signing key', async () => {
    const page = await openOptionsPage();
    await waitFor(() => page.query('key-fingerprint') !== null, 10_000);
    expect(page.get('key-fingerprint').textContent).toMatch(/^[0-9a-f]{64}$/);
    page.unmount();
  });
});
