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
  /** A real mouse click at viewport coordinates (it lands on whatever is on top there, Colophon's marks included). */
  click(x: number, y: number): Promise<void>;
}

/** An evidence item as the extension's own IndexedDB holds it, with each artifact's bytes hashed anew. */
export interface StoredEvidence {
  id: string;
  sequence: number;
  listingId: string;
  pageKind: string;
  artifacts: Array<{ kind: string; size: number; sha256: string; bytesSha256: string; width: number | null }>;
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
  /** Every evidence item in the store, read in an extension page. */
  evidence(): Promise<StoredEvidence[]>;
  /**
   * In the evidence manager, as a user: reads the listing ids of the rows it shows, selects them
   * all, adds them to a new case named `caseName`, and exports that case as a bundle; returns the
   * rows and the bundle's bytes (base64).
   */
  exportCase(caseName: string): Promise<{ rows: string[]; bundle: string }>;
  /** In the evidence manager, as a user: "Verify the chain", and what it says (Chromium only). */
  verifyChain?(): Promise<{ ok: boolean; text: string }>;
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

/**
 * Reads the evidence store with IndexedDB and WebCrypto alone (no extension code): runs inside an
 * extension page. PNG widths come from the image header, to tell a full page from a visible shot.
 */
export async function readEvidenceStore(): Promise<StoredEvidence[]> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open('colophon-evidence');
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const all = <T,>(store: string) =>
    new Promise<T[]>((resolve, reject) => {
      if (!db.objectStoreNames.contains(store)) return resolve([]);
      const request = db.transaction(store).objectStore(store).getAll();
      request.onsuccess = () => resolve(request.result as T[]);
      request.onerror = () => reject(request.error);
    });
  type Item = { id: string; sequence: number; metadata: { listing: { id: string }; pageKind: string }; artifacts: Array<{ kind: string; size: number; sha256: string }> };
  const items = await all<Item>('items');
  const artifacts = await all<{ id: string; blob: Blob }>('artifacts');
  db.close();
  const hex = (buffer: ArrayBuffer) => Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');
  const result: StoredEvidence[] = [];
  for (const item of items.sort((a, b) => a.sequence - b.sequence)) {
    const described = [];
    for (const [index, artifact] of item.artifacts.entries()) {
      const stored = artifacts.find((a) => a.id === `${item.id}/${index}`);
      const bytes = stored ? await stored.blob.arrayBuffer() : new ArrayBuffer(0);
      const view = new DataView(bytes);
      const png = bytes.byteLength > 24 && view.getUint32(0) === 0x89504e47;
      described.push({ kind: artifact.kind, size: artifact.size, sha256: artifact.sha256, bytesSha256: hex(await crypto.subtle.digest('SHA-256', bytes)), width: png ? view.getUint32(16) : null });
    }
    result.push({ id: item.id, sequence: item.sequence, listingId: item.metadata.listing.id, pageKind: item.metadata.pageKind, artifacts: described });
  }
  return result;
}

/** Runs in the evidence manager before its export: the bundle goes to a download, kept here for the test. */
export function catchDownloads(): void {
  const page = window as unknown as { showSaveFilePicker?: unknown; colophonBundle?: Blob };
  // The download path (Firefox's, and Chrome's without a file picker): a Blob behind a link.
  delete page.showSaveFilePicker;
  const create = URL.createObjectURL.bind(URL);
  URL.createObjectURL = (blob: Blob | MediaSource) => {
    // Thumbnails are object URLs too: only the ZIP is the bundle.
    if (blob instanceof Blob && blob.type === 'application/zip') page.colophonBundle = blob;
    return create(blob);
  };
  HTMLAnchorElement.prototype.click = () => undefined;
}

/** Runs in the evidence manager after its export: the bundle's bytes as base64, or null before it is ready. */
export async function caughtBundle(): Promise<string | null> {
  const blob = (window as unknown as { colophonBundle?: Blob }).colophonBundle;
  if (!blob) return null;
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The listing ids of the evidence manager's rows. */
export function evidenceRows(): string[] {
  return Array.from(document.querySelectorAll('[data-testid="evidence-row"] [data-testid="evidence-listing-id"]'), (cell) => cell.textContent?.trim() ?? '');
}
