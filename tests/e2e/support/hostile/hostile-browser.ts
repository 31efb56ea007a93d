/**
 * A browser for the hostile corpus: the build with one-click capture granted, one marketplace tab
 * that visits page after page, and one popup kept open beside it on that tab. The popup follows
 * its tab by itself (it re-reads the background whenever a report is stored), so reading it costs
 * no new page per visit. Chromium and Firefox each implement it (hostile-chromium.ts,
 * hostile-firefox.ts) from the shared support's launchers, adding the hostile server in front of
 * the demo marketplace.
 */
import type { PopupSummary, StoredEvidence } from '../driver';
import { readEvidenceStore, readPopup } from '../driver';

export interface PopupView extends PopupSummary {
  /** Listing ids the popup lists (the first eight, matched ones first). */
  shown: string[];
}

export interface HostileBrowser {
  readonly name: 'chromium' | 'firefox';
  /** Ids a page could guess for the extension (WXT named its handshake events after it). */
  readonly extensionIds: string[];
  /** Loads `html` at `url` in the marketplace tab, served with `headers`. */
  visit(url: string, html: string, headers: Record<string, string>, name: string): Promise<void>;
  /** Runs in the marketplace tab's main world, as the page's own code. */
  evaluate<T>(script: string): Promise<T>;
  popup(): Promise<PopupView | null>;
  /** Real input, at viewport coordinates. */
  click(x: number, y: number): Promise<void>;
  move(x: number, y: number): Promise<void>;
  importCatalogue(file: string): Promise<void>;
  /** Read in an extension page, which takes the focus from the marketplace tab until it closes. */
  evidence(): Promise<StoredEvidence[]>;
  /** Requests for the payloads' images: some page text became markup. */
  readonly pwnedRequests: ReadonlyArray<{ page: string; url: string }>;
  close(): Promise<void>;
}

/**
 * Functions reach a page as their source, and tsx (which runs the bench) names functions through a
 * helper, `__name`, that pages lack: scripts for extension pages define a harmless one first.
 */
const named = 'var __name = (target) => target;';

/** The evidence store, read in an extension page (see readEvidenceStore). */
export const evidenceScript = `(() => { ${named} return (${readEvidenceStore.toString()})(); })()`;

/** The popup's summary and the ids it lists, as one expression. */
export const popupViewScript = `(() => {
  ${named}
  const summary = (${readPopup.toString()})();
  if (!summary) return null;
  const shown = Array.from(document.querySelectorAll('[data-testid="page-summary"] li[data-listing]'), (item) => item.dataset.listing);
  return { ...summary, shown };
})()`;
