/** The popup: what Colophon sees on the current tab. */
import { useEffect, useState } from 'preact/hooks';
import { CaptureControls } from '@/components/CaptureControls';
import { PageSummary } from '@/components/PageSummary';
import { SyncStatus } from '@/components/SyncStatus';
import { t } from '@/utils/i18n';
import { sendToBackground, type TabPage } from '@/utils/messages';
import { classifyUrl } from '@/utils/sites/url-rules';

/** The tab the popup describes: the active tab, or `?tab=<id>` when the popup is opened as a page. */
async function targetTabId(): Promise<number | undefined> {
  const requested = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(requested) && requested > 0) return requested;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

/**
 * A tab's URL is readable only on the marketplaces (Colophon has no other host access), so a tab
 * without a readable marketplace URL is simply not a marketplace page.
 */
async function isMarketplaceTab(tabId: number): Promise<boolean> {
  const tab = await browser.tabs.get(tabId);
  return !!tab.url && classifyUrl(tab.url) !== null;
}

type State =
  | { status: 'loading' }
  | { status: 'ready'; tabId: number | undefined; page: TabPage | null; marketplace: boolean }
  | { status: 'failed'; error: string };

export function App() {
  const [state, setState] = useState<State>({ status: 'loading' });

  useEffect(() => {
    let cancelled = false;
    const refresh = async () => {
      try {
        const tabId = await targetTabId();
        const page = tabId === undefined ? null : await sendToBackground({ type: 'popup:get-tab-page', tabId });
        const marketplace = tabId !== undefined && (page?.recognition != null || (await isMarketplaceTab(tabId)));
        if (!cancelled) setState({ status: 'ready', tabId, page, marketplace });
      } catch (error) {
        if (!cancelled) setState({ status: 'failed', error: String(error) });
      }
    };
    void refresh();
    // Cards that arrive while the popup is open update it: the background stores each report.
    const onChanged = (_changes: unknown, area: string) => area === 'session' && void refresh();
    browser.storage.onChanged.addListener(onChanged);
    return () => {
      cancelled = true;
      browser.storage.onChanged.removeListener(onChanged);
    };
  }, []);

  return (
    <main>
      <h1>{t('extName')}</h1>
      {state.status === 'loading' ? null : state.status === 'failed' ? (
        <p class="error">{state.error}</p>
      ) : !state.marketplace || (state.page && !state.page.recognition) ? (
        <p data-testid="not-marketplace">{t('popupNotMarketplace')}</p>
      ) : !state.page?.recognition ? (
        <p data-testid="no-page">{t('popupWaiting')}</p>
      ) : (
        <>
          <PageSummary recognition={state.page.recognition} matches={state.page.matches} />
          {state.tabId !== undefined && state.page.recognition.kind !== 'blocked' ? <CaptureControls tabId={state.tabId} /> : null}
        </>
      )}
      <SyncStatus />
    </main>
  );
}
