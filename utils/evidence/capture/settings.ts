/**
 * The user's capture settings, in `storage.local` (the options page writes them, the background
 * reads them at each capture), and the optional permission one-click capture from the page needs.
 */

/** The name recorded as who captured (a person or a team), empty until set. */
export const capturedByKey = 'settings:capturedBy';

/**
 * Browsers screenshot a tab only with activeTab (granted by the toolbar button, the keyboard
 * shortcut and the context menu) or with host access to every site. A click on a Report button
 * inside the page grants neither, so that button needs this, asked once, never at install.
 */
export const pageCapturePermission = { origins: ['<all_urls>'] };

export async function capturedBy(): Promise<string> {
  const stored = (await browser.storage.local.get(capturedByKey))[capturedByKey];
  return typeof stored === 'string' ? stored.slice(0, 200) : '';
}

export function mayCaptureFromPage(): Promise<boolean> {
  return browser.permissions.contains(pageCapturePermission);
}
