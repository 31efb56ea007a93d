/** The toolbar badge: how many listings Colophon recognised on the tab, or "!" on a wall. */
import type { Recognition } from '@/utils/sites/types';

// Firefox builds are Manifest V2, where the toolbar button is `browserAction`.
const action = () => browser.action ?? browser.browserAction;

export async function showListingCount(tabId: number, recognition: Recognition | null): Promise<void> {
  const text = !recognition ? '' : recognition.kind === 'blocked' ? '!' : String(recognition.listings.length);
  await action().setBadgeText({ tabId, text });
  await action().setBadgeBackgroundColor({ tabId, color: recognition?.kind === 'blocked' ? '#b3261e' : '#3b5b7a' });
}
