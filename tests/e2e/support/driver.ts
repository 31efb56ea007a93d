/**
 * What the end-to-end tests do with a browser, whichever browser it is: open a marketplace URL
 * (served by the demo marketplace), run a script in that page's own world, and read the popup.
 */
export interface PopupSummary {
  /** What the popup shows: a page summary, "not a marketplace page", or "not read yet". */
  state: 'summary' | 'not-marketplace' | 'waiting';
  marketplace: string | null;
  kind: string | null;
  listings: number | null;
  /** Visible popup text, for messages such as "not a marketplace page". */
  text: string;
}

export interface MarketplaceTab {
  /** Runs `script` in the page's main world (as the page's own code would). */
  evaluate<T>(script: () => T): Promise<T>;
  evaluate<T, A>(script: (arg: A) => T, arg: A): Promise<T>;
  /** Reads the popup for this tab (opened as an extension page with `?tab=<id>`). */
  popup(): Promise<PopupSummary>;
}

export interface BrowserDriver {
  readonly name: 'chromium' | 'firefox';
  open(url: string): Promise<MarketplaceTab>;
  close(): Promise<void>;
}

/** Reads the popup's summary; runs inside the popup page. */
export function readPopup(): PopupSummary | null {
  const summary = document.querySelector<HTMLElement>('[data-testid="page-summary"]');
  const text = document.querySelector('main')?.textContent ?? '';
  const state = summary ? 'summary' : document.querySelector('[data-testid="not-marketplace"]') ? 'not-marketplace' : document.querySelector('[data-testid="no-page"]') ? 'waiting' : null;
  if (!state) return null;
  return {
    state,
    marketplace: summary?.dataset.marketplace ?? null,
    kind: summary?.dataset.kind ?? null,
    listings: summary ? Number(summary.dataset.listings) : null,
    text,
  };
}
