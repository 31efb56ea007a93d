/**
 * The user's capture settings, in `storage.local` (the options page sets them through
 * setCapturedBy, the background reads them at each capture), and the optional permission one-click
 * capture from the page needs.
 */

/** The name recorded as who captured (a person or a team), empty until set. */
export const capturedByKey = 'settings:capturedBy';

/**
 * Browsers screenshot a tab only with activeTab (granted by the toolbar button, the keyboard
 * shortcut and the context menu) or with host access to every site. A click on a Report button
 * inside the page grants neither, so that button needs this, asked once, never at install.
 */
export const pageCapturePermission = { origins: ['<all_urls>'] };

/** The most characters of a name recorded with each capture (EvidenceMetadata.capturedBy). */
export const capturedByMaxLength = 200;

/**
 * The name as it is recorded: spaces collapsed and trimmed, control characters (which a bundle's
 * reader would not see) dropped, and at most capturedByMaxLength characters.
 */
export function normaliseCapturedBy(name: string): string {
  return name.replace(/\s+/g, ' ').replace(/\p{Cc}|\p{Cf}/gu, '').replace(/ {2,}/g, ' ').trim().slice(0, capturedByMaxLength).trim();
}

export async function capturedBy(): Promise<string> {
  const stored = (await browser.storage.local.get(capturedByKey))[capturedByKey];
  return typeof stored === 'string' ? normaliseCapturedBy(stored) : '';
}

/** Records `name` for the captures to come, as normaliseCapturedBy makes it; resolves to what was stored. */
export async function setCapturedBy(name: string): Promise<string> {
  const normalised = normaliseCapturedBy(name);
  await browser.storage.local.set({ [capturedByKey]: normalised });
  return normalised;
}

export function mayCaptureFromPage(): Promise<boolean> {
  return browser.permissions.contains(pageCapturePermission);
}
