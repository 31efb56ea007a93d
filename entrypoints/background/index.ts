/**
 * The background: routes messages to the services that answer them, keeps the toolbar badge
 * in step with what Colophon sees on each tab, and starts the outbox (./sync.ts). Nothing else lives here.
 */
import { MatchService } from '@/utils/catalog/match-service';
import { openCatalogueDb, removeInterruptedImports } from '@/utils/catalog/store';
import { mayCaptureFromPage } from '@/utils/evidence/capture/settings';
import { openEvidenceDatabase } from '@/utils/evidence/store';
import { t } from '@/utils/i18n';
import { listenForMessages } from '@/utils/message-listener';
import type { CaptureResult } from '@/utils/messages';
import { marketplaceMatchPatterns } from '@/utils/sites/hosts';
import { forgetTabPage, loadTabPage, saveTabPage } from '@/utils/tab-pages';
import { showListingCount } from './badge';
import { captureService } from './capture';
import { matchPage } from './page-matches';
import { loadPageTools } from './page-tools';
import { startSync } from './sync';

export default defineBackground(() => {
  const catalogues = openCatalogueDb().then(async (db) => {
    await removeInterruptedImports(db);
    return db;
  });
  const matcher = new MatchService(() => catalogues);
  const evidence = openEvidenceDatabase();
  const captures = captureService(() => evidence);
  const sync = startSync(() => evidence);
  /** Every stored capture starts an upload at once: it is already in the outbox. */
  const uploaded = (result: CaptureResult): CaptureResult => {
    if (result.ok) sync.runSoon();
    return result;
  };

  /** Captures the page in a tab: its own listing on an item page, the best-matched one on a search page. */
  const captureTab = async (tabId: number, options = { fullPage: true, note: '', tags: [] as string[] }): Promise<CaptureResult> => {
    const tab = await browser.tabs.get(tabId);
    return uploaded(await captures.capture({ tabId, windowId: tab.windowId!, listingId: null, page: await loadTabPage(tabId), options }));
  };

  listenForMessages({
    async 'content:page-recognised'(message, sender) {
      const tabId = sender.tab!.id!;
      const matches = await matchPage(matcher, message.recognition);
      await saveTabPage(tabId, { url: message.url, recognition: message.recognition, matches, seenAt: Date.now() });
      await showListingCount(tabId, message.recognition);
      // The marks need the page tools; the content script hands them this answer.
      if (Object.keys(matches).length > 0 && !message.pageToolsLoaded) {
        await loadPageTools(tabId).catch((error: unknown) => console.warn('Colophon: could not load the page tools', error));
      }
      return { ok: true, matches };
    },
    async 'popup:get-tab-page'(message) {
      return loadTabPage(message.tabId);
    },
    async 'content:capture-listing'(message, sender) {
      // The page's Report button grants no activeTab: it works once the user allowed it (options page).
      if (!(await mayCaptureFromPage())) return { ok: false, reason: 'no-permission', detail: 'one-click capture from the page is not allowed yet' };
      const tab = sender.tab!;
      const page = await loadTabPage(tab.id!);
      return uploaded(await captures.capture({ tabId: tab.id!, windowId: tab.windowId!, listingId: message.listingId, page, options: message.options }));
    },
    async 'popup:capture-tab'(message) {
      return captureTab(message.tabId, message.options);
    },
    async 'page:sync-now'() {
      return sync.syncNow();
    },
    async 'page:retry-parked'(message) {
      return sync.retryParked(message.itemIds);
    },
    async 'page:connection-changed'() {
      return sync.connectionChanged();
    },
  });

  // The keyboard shortcut and the context menu: both grant activeTab, which screenshots need.
  browser.commands.onCommand.addListener((command, tab) => {
    if (command === 'capture-evidence' && tab?.id !== undefined) void captureTab(tab.id);
  });
  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.create({ id: 'capture-evidence', title: t('contextMenuCapture'), contexts: ['page', 'link', 'image'], documentUrlPatterns: [...marketplaceMatchPatterns] });
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === 'capture-evidence' && tab?.id !== undefined) void captureTab(tab.id);
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
