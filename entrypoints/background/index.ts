/**
 * The background: routes messages to the services that answer them, and keeps the toolbar badge
 * in step with what Colophon sees on each tab. Nothing else lives here.
 */
import { MatchService } from '@/utils/catalog/match-service';
import { openCatalogueDb, removeInterruptedImports } from '@/utils/catalog/store';
import { listenForMessages } from '@/utils/messages';
import { forgetTabPage, loadTabPage, saveTabPage } from '@/utils/tab-pages';
import { showListingCount } from './badge';
import { matchPage } from './page-matches';

export default defineBackground(() => {
  const catalogues = openCatalogueDb().then(async (db) => {
    await removeInterruptedImports(db);
    return db;
  });
  const matcher = new MatchService(() => catalogues);

  listenForMessages({
    async 'content:page-recognised'(message, sender) {
      const tabId = sender.tab!.id!;
      const matches = await matchPage(matcher, message.recognition);
      await saveTabPage(tabId, { url: message.url, recognition: message.recognition, matches, seenAt: Date.now() });
      await showListingCount(tabId, message.recognition);
      return { ok: true, matches };
    },
    async 'popup:get-tab-page'(message) {
      return loadTabPage(message.tabId);
    },
  });

  // A tab that starts loading a new document no longer shows what we saw; its content script
  // reports again once the new page is recognised.
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status !== 'loading') return;
    void forgetTabPage(tabId);
    void showListingCount(tabId, null);
  });
  browser.tabs.onRemoved.addListener((tabId) => void forgetTabPage(tabId));
});
