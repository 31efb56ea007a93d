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
  /** Listings the popup shows as looking like catalogue entries. */
  matched: string[];
  /** Visible popup text, for messages such as "not a marketplace page". */
  text: string;
}

export interface MarketplaceTab {
  /** Runs `script` in the page's main world (as the page's own code would). */
  evaluate<T>(script: () => T): Promise<T>;
  evaluate<T, A>(script: (arg: A) => T, arg: A): Promise<T>;
  /** Reads the popup for this tab (opened as an extension page with `?tab=<id>`). */
  popup(): Promise<PopupSummary>;
  /**
   * The listings Colophon marks on the page, read from inside its closed shadow root where the
   * browser's automation can reach it (Chromium's DevTools protocol); null where it cannot.
   */
  markedListings(): Promise<string[] | null>;
}

/** A catalogue as the options page lists it after an import. */
export interface ListedCatalogue {
  name: string;
  entries: number;
  enabled: boolean;
}

export interface BrowserDriver {
  readonly name: 'chromium' | 'firefox';
  open(url: string): Promise<MarketplaceTab>;
  /** Imports a catalogue file through the options page, as a user would; returns the list after. */
  importCatalogue(file: string): Promise<ListedCatalogue[]>;
  close(): Promise<void>;
}

/** Reads the popup's summary; runs inside the popup page. */
export function readPopup(): PopupSummary | null {
  const summary = document.querySelector<HTMLElement>('[data-testid="page-summary"]');
  const text = document.querySelector('main')?.textContent ?? '';
  const state = summary ? 'summary' : document.querySelector('[data-testid="not-marketplace"]') ? 'not-marketplace' : document.querySelector('[data-testid="no-page"]') ? 'waiting' : null;
  if (!state) return null;
  const matched = Array.from(document.querySelectorAll<HTMLElement>('[data-testid="match"]')).map((match) => match.closest<HTMLElement>('[data-listing]')?.dataset.listing ?? '');
  return {
    state,
    matched,
    marketplace: summary?.dataset.marketplace ?? null,
    kind: summary?.dataset.kind ?? null,
    listings: summary ? Number(summary.dataset.listings) : null,
    text,
  };
}

/** Reads the options page's catalogue list; runs inside the options page. */
export function readCatalogueList(): ListedCatalogue[] {
  return Array.from(document.querySelectorAll<HTMLElement>('[data-testid="catalogue-row"]')).map((row) => ({
    name: row.dataset.name ?? '',
    entries: Number(row.dataset.entries),
    enabled: row.dataset.enabled === 'true',
  }));
}
