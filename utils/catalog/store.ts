/**
 * The user's catalogues in the extension's own IndexedDB (never readable by a page or a content
 * script). An import is all or nothing: entries are written in batches under a catalogue marked
 * `importing`, which matching ignores; only a file without errors turns it `ready`, in one
 * transaction. A failed, cancelled or interrupted import leaves nothing behind.
 */
import type { ObservedListingLanguageV1 } from './match/listing-language';
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { ImportSummary } from './import/types';
import { hasErrors } from './import/types';
import { Catalogue, CatalogueEntry, type CatalogueFileV1 } from './schema';

export const catalogueDbName = 'colophon-catalogues';
export const catalogueDbVersion = 1;

export interface StoredEntry {
  catalogueId: string;
  entryId: string;
  entry: CatalogueEntry;
}

/** The match index as last built, and which catalogues (as they then were) it was built from. */
export interface StoredMatchIndex {
  key: 'current';
  /** `catalogueSignature` of the catalogues it was built from. */
  signature: string;
  index: unknown;
}

/**
 * What the user's browsing taught Colophon of how listings are written (listing-language.ts),
 * kept beside the match index: it outlives index rebuilds, and is the user's own.
 */
export interface StoredListingLanguage {
  key: 'listingLanguage';
  observed: ObservedListingLanguageV1;
}

interface CatalogueDb extends DBSchema {
  catalogues: { key: string; value: Catalogue };
  entries: { key: [string, string]; value: StoredEntry };
  matchIndex: { key: 'current' | 'listingLanguage'; value: StoredMatchIndex | StoredListingLanguage };
}

export type CatalogueDatabase = IDBPDatabase<CatalogueDb>;

/**
 * Opens (and creates or upgrades) the database. Each version's upgrade is a step of its own, run in
 * order, so a browser that skipped versions upgrades through every one of them.
 */
export function openCatalogueDb(name = catalogueDbName): Promise<CatalogueDatabase> {
  return openDB<CatalogueDb>(name, catalogueDbVersion, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        db.createObjectStore('catalogues', { keyPath: 'id' });
        db.createObjectStore('entries', { keyPath: ['catalogueId', 'entryId'] });
        db.createObjectStore('matchIndex', { keyPath: 'key' });
      }
    },
  });
}

/** Every entry key of one catalogue: [id, ''] up to [id, '\uffff']. */
const entriesOf = (catalogueId: string) => IDBKeyRange.bound([catalogueId, ''], [catalogueId, '\uffff']);

export async function listCatalogues(db: CatalogueDatabase): Promise<Catalogue[]> {
  const all = await db.getAll('catalogues');
  return all.filter((catalogue) => catalogue.state === 'ready').sort((a, b) => a.importedAt - b.importedAt);
}

export interface CatalogueImport {
  name: string;
  fileName: string;
  format: Catalogue['source']['format'];
  /** Runs the importer, handing its batches to `sink`. */
  run(sink: (entries: CatalogueEntry[]) => Promise<void>): Promise<ImportSummary>;
  /** The user chose to import the records without errors and leave out the rest. */
  skipInvalidRecords?: boolean;
}

/**
 * Each import holds a Web Lock named after its catalogue while it runs, so the background, which
 * clears interrupted imports whenever its service worker starts, can tell an import that is still
 * running in the options page from one a closed browser left behind.
 */
const importLock = (catalogueId: string) => `colophon-catalogue-import:${catalogueId}`;

async function whileLocked<T>(name: string, task: () => Promise<T>): Promise<T> {
  const locks = globalThis.navigator?.locks;
  return locks ? locks.request(name, task) : task();
}

/** Imports a file as a new catalogue; returns the catalogue, or null when nothing was stored. */
export async function importIntoStore(db: CatalogueDatabase, file: CatalogueImport): Promise<{ catalogue: Catalogue | null; summary: ImportSummary }> {
  const catalogue: Catalogue = Catalogue.parse({
    version: 1,
    id: crypto.randomUUID(),
    name: file.name,
    enabled: true,
    source: { fileName: file.fileName, format: file.format },
    state: 'importing',
    entryCount: 0,
    importedAt: Date.now(),
  });
  return whileLocked(importLock(catalogue.id), async () => {
    await db.put('catalogues', catalogue);
    const seen = new Set<string>();
    let summary: ImportSummary;
    try {
      summary = await file.run(async (entries) => {
        const tx = db.transaction('entries', 'readwrite');
        for (const entry of entries) {
          seen.add(entry.id);
          void tx.store.put({ catalogueId: catalogue.id, entryId: entry.id, entry });
        }
        await tx.done;
      });
    } catch (error) {
      await removeCatalogue(db, catalogue.id);
      throw error;
    }
    if (hasErrors(summary) && !file.skipInvalidRecords) {
      await removeCatalogue(db, catalogue.id);
      return { catalogue: null, summary };
    }
    const ready: Catalogue = { ...catalogue, state: 'ready', entryCount: seen.size };
    await db.put('catalogues', ready);
    return { catalogue: ready, summary };
  });
}

/** Removes a catalogue and all its entries, in one transaction. */
export async function removeCatalogue(db: CatalogueDatabase, catalogueId: string): Promise<void> {
  const tx = db.transaction(['catalogues', 'entries'], 'readwrite');
  void tx.objectStore('entries').delete(entriesOf(catalogueId));
  void tx.objectStore('catalogues').delete(catalogueId);
  await tx.done;
}

export async function setCatalogueEnabled(db: CatalogueDatabase, catalogueId: string, enabled: boolean): Promise<void> {
  const tx = db.transaction('catalogues', 'readwrite');
  const catalogue = await tx.store.get(catalogueId);
  if (catalogue?.state === 'ready') await tx.store.put({ ...catalogue, enabled });
  await tx.done;
}

/**
 * Imports a browser closed half-way leave `importing` catalogues: remove them at start-up, but not
 * those whose import still runs (its lock is held) in an options page.
 */
export async function removeInterruptedImports(db: CatalogueDatabase): Promise<number> {
  const held = new Set((await globalThis.navigator?.locks?.query())?.held?.map((lock) => lock.name) ?? []);
  const interrupted = (await db.getAll('catalogues')).filter((catalogue) => catalogue.state === 'importing' && !held.has(importLock(catalogue.id)));
  for (const catalogue of interrupted) await removeCatalogue(db, catalogue.id);
  return interrupted.length;
}

/** Every entry of the enabled, ready catalogues: what the match index is built from. */
export async function* enabledEntries(db: CatalogueDatabase): AsyncGenerator<StoredEntry> {
  for (const catalogue of await listCatalogues(db)) {
    if (!catalogue.enabled) continue;
    let cursor = await db.transaction('entries').store.openCursor(entriesOf(catalogue.id));
    while (cursor) {
      yield cursor.value;
      cursor = await cursor.continue();
    }
  }
}

/** The stored entries with these keys (one read transaction; a key whose entry is gone is left out). */
export async function entriesByKey(db: CatalogueDatabase, keys: readonly [string, string][]): Promise<StoredEntry[]> {
  const tx = db.transaction('entries');
  const found = await Promise.all(keys.map((key) => tx.store.get(key)));
  await tx.done;
  return found.filter((stored): stored is StoredEntry => stored !== undefined);
}

/**
 * A catalogue's entries in key order, a batch of `size` at a time: one getAll per batch is many
 * times faster than a cursor step per entry, and a 500 000-entry catalogue is never all in memory.
 */
export async function* entryBatches(db: CatalogueDatabase, catalogueId: string, size = 2000): AsyncGenerator<StoredEntry[]> {
  let range = entriesOf(catalogueId);
  for (;;) {
    const batch = await db.getAll('entries', range, size);
    if (batch.length === 0) return;
    yield batch;
    if (batch.length < size) return;
    range = IDBKeyRange.bound([catalogueId, batch.at(-1)!.entryId], [catalogueId, '\uffff'], true);
  }
}

/** Entries of a catalogue whose title, ISBN or contributor contains `query` (for the options page). */
export async function searchEntries(db: CatalogueDatabase, catalogueId: string, query: string, limit = 50): Promise<CatalogueEntry[]> {
  const needle = query.trim().toLowerCase();
  const found: CatalogueEntry[] = [];
  for await (const batch of entryBatches(db, catalogueId)) {
    for (const { entry } of batch) {
      const haystack = [entry.title, entry.subtitle ?? '', ...entry.isbns, ...entry.otherTitles.map((t) => t.title), ...entry.contributors.map((c) => c.name)].join('\n').toLowerCase();
      if (!needle || haystack.includes(needle)) found.push(entry);
      if (found.length >= limit) return found;
    }
  }
  return found;
}

/**
 * A catalogue as Colophon's own JSON file, one entry per line, so the file is valid JSON for any
 * tool and still readable line by line. Built as a Blob of one part per batch: the browser keeps
 * the parts (on disk if need be), so a 500 000-entry export never sits in the page's memory whole.
 */
export async function exportCatalogue(db: CatalogueDatabase, catalogueId: string): Promise<Blob> {
  const catalogue = await db.get('catalogues', catalogueId);
  if (!catalogue) throw new Error(`no catalogue ${catalogueId}`);
  const header: Omit<CatalogueFileV1, 'entries'> = { format: 'colophon-catalogue', version: 1, name: catalogue.name };
  const parts: BlobPart[] = [`${JSON.stringify(header).slice(0, -1)},"entries":[\n`];
  let first = true;
  for await (const batch of entryBatches(db, catalogueId)) {
    const lines = batch.map(({ entry }) => JSON.stringify(entry)).join(',\n');
    parts.push(new Blob([first ? lines : `,\n${lines}`]));
    first = false;
  }
  parts.push('\n]}\n');
  return new Blob(parts, { type: 'application/json' });
}

/** Which catalogues matching uses, as they are now: any import, removal or switch changes it. */
export function catalogueSignature(catalogues: readonly Catalogue[]): string {
  return JSON.stringify(catalogues.filter((c) => c.enabled).map((c) => [c.id, c.importedAt, c.entryCount]));
}

export async function loadStoredMatchIndex(db: CatalogueDatabase): Promise<StoredMatchIndex | undefined> {
  return (await db.get('matchIndex', 'current')) as StoredMatchIndex | undefined;
}

/** The listing language observed so far, or undefined when none was kept (or it is of a shape this version does not read). */
export async function loadObservedListingLanguage(db: CatalogueDatabase): Promise<ObservedListingLanguageV1 | undefined> {
  const stored = (await db.get('matchIndex', 'listingLanguage')) as StoredListingLanguage | undefined;
  const observed = stored?.observed;
  const pairs = (value: unknown) => Array.isArray(value) && value.every((p) => Array.isArray(p) && typeof p[0] === 'string' && Number.isInteger(p[1]));
  if (!observed || observed.version !== 1 || !Number.isInteger(observed.titles) || !pairs(observed.tokens) || !pairs(observed.phrases)) return undefined;
  return observed;
}

export async function storeObservedListingLanguage(db: CatalogueDatabase, observed: ObservedListingLanguageV1): Promise<void> {
  await db.put('matchIndex', { key: 'listingLanguage', observed });
}

export async function storeMatchIndex(db: CatalogueDatabase, signature: string, index: unknown): Promise<void> {
  await db.put('matchIndex', { key: 'current', signature, index });
}
