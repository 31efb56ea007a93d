/**
 * The browser's side of a capture: screenshots (Chrome's captureVisibleTab; Firefox's captureTab,
 * which draws any rectangle of the page), the content script's steps, and who captures with what.
 * The sequence itself is utils/evidence/capture/capture-service.ts.
 */
import { t } from '@/utils/i18n';
import { CaptureService, type CaptureBrowser } from '@/utils/evidence/capture/capture-service';
import { capturedBy } from '@/utils/evidence/capture/settings';
import type { EvidenceDatabase } from '@/utils/evidence/store';
import { loadPageTools } from './page-tools';

async function blobOf(dataUrl: string): Promise<Blob> {
  return (await fetch(dataUrl)).blob();
}

async function browserInfo(): Promise<{ name: string; version: string }> {
  const runtime = browser.runtime as typeof browser.runtime & { getBrowserInfo?: () => Promise<{ name: string; version: string }> };
  if (runtime.getBrowserInfo) {
    const { name, version } = await runtime.getBrowserInfo();
    return { name, version };
  }
  const agent = (navigator as Navigator & { userAgentData?: { getHighEntropyValues(hints: string[]): Promise<{ fullVersionList?: Array<{ brand: string; version: string }> }> } }).userAgentData;
  const brands = (await agent?.getHighEntropyValues(['fullVersionList']))?.fullVersionList ?? [];
  const brand = brands.find((b) => /chrom|edge|opera|brave/i.test(b.brand) && !/not.?a.?brand/i.test(b.brand)) ?? brands[0];
  if (brand) return { name: brand.brand, version: brand.version };
  const version = /Chrome\/([\d.]+)/.exec(navigator.userAgent)?.[1] ?? '';
  return { name: 'Chromium', version };
}

async function stillActive(tabId: number): Promise<void> {
  if (!(await browser.tabs.get(tabId)).active) throw new Error('the tab was left during the capture');
}

type CaptureTab = (tabId: number, options: { rect: { x: number; y: number; width: number; height: number }; format: 'png' }) => Promise<string>;

export function browserCapture(): CaptureBrowser {
  const captureTab = (browser.tabs as typeof browser.tabs & { captureTab?: CaptureTab }).captureTab;
  return {
    captureVisible: async (tabId, windowId) => {
      // The browser photographs whichever tab is active: a tab the user left is not the evidence.
      // Checked on both sides of the shot, as a page may open another tab in between.
      await stillActive(tabId);
      const shot = await browser.tabs.captureVisibleTab(windowId, { format: 'png' });
      await stillActive(tabId);
      return blobOf(shot);
    },
    captureRect: captureTab ? async (tabId, rect) => blobOf(await captureTab(tabId, { rect, format: 'png' })) : undefined,
    step: async (tabId, step) => {
      // The page's steps are taken by the page tools, which a page without marks has not loaded yet.
      if (step.step === 'begin') await loadPageTools(tabId);
      return browser.tabs.sendMessage(tabId, { type: 'background:capture-step', ...step }, { frameId: 0 });
    },
    circumstances: async () => ({
      browser: await browserInfo(),
      extensionVersion: browser.runtime.getManifest().version,
      capturedBy: await capturedBy(),
    }),
    words: {
      stored: (sequence) => t('captureStored', String(sequence)),
      failed: (detail) => t('captureFailed', detail),
    },
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  };
}

export function captureService(database: () => Promise<EvidenceDatabase>): CaptureService {
  return new CaptureService(database, browserCapture());
}
