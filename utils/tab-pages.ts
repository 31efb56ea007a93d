/**
 * What Colophon saw on each tab, kept in `storage.session` so it survives the background being
 * stopped and restarted (an MV3 service worker sleeps after 30 s) and is gone with the browser.
 */
import { TabPage } from './messages';

const key = (tabId: number) => `tab-page:${tabId}`;

export async function saveTabPage(tabId: number, page: TabPage): Promise<void> {
  await browser.storage.session.set({ [key(tabId)]: page });
}

export async function loadTabPage(tabId: number): Promise<TabPage | null> {
  const stored = (await browser.storage.session.get(key(tabId)))[key(tabId)];
  const parsed = TabPage.safeParse(stored);
  return parsed.success ? parsed.data : null;
}

export async function forgetTabPage(tabId: number): Promise<void> {
  await browser.storage.session.remove(key(tabId));
}
