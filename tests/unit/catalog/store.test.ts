/**
 * The catalogue store on fake-indexeddb: imports are all or nothing, catalogues can be switched
 * off and removed, interrupted imports are cleaned up, and a catalogue exports to a file that
 * imports back to the same entries.
 */
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { importJson } from '@/utils/catalog/import/json';
import type { ImportSummary } from '@/utils/catalog/import/types';
import type { CatalogueEntry } from '@/utils/catalog/schema';
import {
  enabledEntries,
  entryBatches,
  exportCatalogue,
  importIntoStore,
  listCatalogues,
  openCatalogueDb,
  removeCatalogue,
  removeInterruptedImports,
  searchEntries,
  setCatalogueEnabled,
  type CatalogueDatabase,
} from '@/utils/catalog/store';
import { entry, inputOf, powerElectronics } from './entries';

const algebra = entry('9783319110790', 'Linear Algebra Done Right', { isbns: ['9783319110790'], contributors: [{ name: 'Sheldon Axler', role: 'author' }] });

function fileOf(entries: CatalogueEntry[], issues: ImportSummary['issues'] = []) {
  return {
    name: 'Springer textbooks',
    fileName: 'springer.csv',
    format: 'csv' as const,
    async run(sink: (entries: CatalogueEntry[]) => Promise<void>): Promise<ImportSummary> {
      for (const one of entries) await sink([one]);
      return { format: 'csv', records: entries.length, entries: entries.length, issues };
    },
  };
}

async function allEntries(db: CatalogueDatabase) {
  const found: string[] = [];
  for await (const stored of enabledEntries(db)) found.push(stored.entryId);
  return found;
}

let db: CatalogueDatabase;
beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  db = await openCatalogueDb();
});

describe('importing into the store', () => {
  it('stores a clean file as a ready, enabled catalogue', async () => {
    const { catalogue } = await importIntoStore(db, fileOf([powerElectronics, algebra]));
    expect(catalogue).toMatchObject({ name: 'Springer textbooks', state: 'ready', enabled: true, entryCount: 2 });
    expect(await listCatalogues(db)).toEqual([catalogue]);
    expect(await allEntries(db)).toEqual([powerElectronics.id, algebra.id]);
  });

  it('stores nothing from a file with an error, though batches were written before it was found', async () => {
    const error = { severity: 'error' as const, line: 3, message: 'ISBN 978-0-306-48048-4 fails its checksum' };
    const { catalogue, summary } = await importIntoStore(db, fileOf([powerElectronics, algebra], [error]));
    expect(catalogue).toBeNull();
    expect(summary.issues).toEqual([error]);
    expect(await db.getAll('catalogues')).toEqual([]);
    expect(await db.count('entries')).toBe(0);
  });

  it('keeps the valid records when the user chose to skip the invalid ones', async () => {
    const error = { severity: 'error' as const, line: 3, message: 'a row without a title' };
    const { catalogue } = await importIntoStore(db, { ...fileOf([powerElectronics], [error]), skipInvalidRecords: true });
    expect(catalogue?.entryCount).toBe(1);
  });

  it('stores nothing when the import fails or is cancelled half-way', async () => {
    const failing = { ...fileOf([]), run: async (sink: (e: CatalogueEntry[]) => Promise<void>) => (await sink([powerElectronics]), Promise.reject(new Error('the disk is full'))) };
    await expect(importIntoStore(db, failing)).rejects.toThrow('the disk is full');
    expect(await db.getAll('catalogues')).toEqual([]);
    expect(await db.count('entries')).toBe(0);
  });

  it('hides a catalogue still importing from matching, and removes it if the browser closed mid-import', async () => {
    const importing = { ...fileOf([]), run: async (sink: (e: CatalogueEntry[]) => Promise<void>) => (await sink([powerElectronics]), new Promise<ImportSummary>(() => {})) };
    void importIntoStore(db, importing);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await listCatalogues(db)).toEqual([]);
    expect(await allEntries(db)).toEqual([]);
    expect(await removeInterruptedImports(db)).toBe(1);
    expect(await db.count('entries')).toBe(0);
  });
});

describe('an import still running in the options page', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('is left alone when the background starts and clears interrupted imports', async () => {
    // Web Locks as the browsers provide them (happy-dom has none): held while the task runs.
    const held = new Set<string>();
    const locks = {
      request: async (name: string, task: () => Promise<unknown>) => {
        held.add(name);
        try {
          return await task();
        } finally {
          held.delete(name);
        }
      },
      query: async () => ({ held: [...held].map((name) => ({ name })) }),
    };
    vi.stubGlobal('navigator', { ...navigator, locks });
    let finish!: () => void;
    const slow = {
      ...fileOf([]),
      run: async (sink: (e: CatalogueEntry[]) => Promise<void>): Promise<ImportSummary> => {
        await sink([powerElectronics]);
        await new Promise<void>((resolve) => (finish = resolve));
        await sink([algebra]);
        return { format: 'csv', records: 2, entries: 2, issues: [] };
      },
    };
    const importing = importIntoStore(db, slow);
    await vi.waitFor(() => expect(finish).toBeTypeOf('function'));
    expect(await removeInterruptedImports(db)).toBe(0);
    finish();
    expect((await importing).catalogue?.entryCount).toBe(2);
    expect(await allEntries(db)).toEqual([powerElectronics.id, algebra.id]);
  });
});

describe('managing catalogues', () => {
  it('switches a catalogue off and on for matching', async () => {
    const first = (await importIntoStore(db, fileOf([powerElectronics]))).catalogue!;
    await importIntoStore(db, fileOf([algebra]));
    await setCatalogueEnabled(db, first.id, false);
    expect(await allEntries(db)).toEqual([algebra.id]);
    await setCatalogueEnabled(db, first.id, true);
    // Catalogues imported in the same millisecond come in either order.
    expect((await allEntries(db)).sort()).toEqual([powerElectronics.id, algebra.id].sort());
  });

  it('removes a catalogue with all its entries and leaves the others', async () => {
    const first = (await importIntoStore(db, fileOf([powerElectronics]))).catalogue!;
    await importIntoStore(db, fileOf([algebra]));
    await removeCatalogue(db, first.id);
    expect((await listCatalogues(db)).map((c) => c.entryCount)).toEqual([1]);
    expect(await allEntries(db)).toEqual([algebra.id]);
  });

  it('searches a catalogue by title, ISBN and contributor', async () => {
    const { catalogue } = await importIntoStore(db, fileOf([powerElectronics, algebra]));
    expect((await searchEntries(db, catalogue!.id, 'power')).map((e) => e.id)).toEqual([powerElectronics.id]);
    expect((await searchEntries(db, catalogue!.id, '9783319110790')).map((e) => e.id)).toEqual([algebra.id]);
    expect((await searchEntries(db, catalogue!.id, 'maksimovic')).map((e) => e.id)).toEqual([powerElectronics.id]);
    expect(await searchEntries(db, catalogue!.id, '')).toHaveLength(2);
  });

  it('searches and exports across batches, in key order, without losing or repeating an entry', async () => {
    const many = Array.from({ length: 4501 }, (_, i) => entry(`id-${String(i).padStart(5, '0')}`, `Title ${i}`));
    const { catalogue } = await importIntoStore(db, fileOf(many));
    const batches = [];
    for await (const batch of entryBatches(db, catalogue!.id)) batches.push(batch.length);
    expect(batches).toEqual([2000, 2000, 501]);
    expect((await searchEntries(db, catalogue!.id, 'title 4500')).map((e) => e.id)).toEqual(['id-04500']);
    expect(await searchEntries(db, catalogue!.id, '', 3000)).toHaveLength(3000);
    const exported = JSON.parse(await (await exportCatalogue(db, catalogue!.id)).text()) as { entries: CatalogueEntry[] };
    expect(exported.entries.map((e) => e.id)).toEqual(many.map((e) => e.id));
  });

  it('exports a catalogue to Colophon JSON that imports back to the same entries', async () => {
    const { catalogue } = await importIntoStore(db, fileOf([powerElectronics, algebra]));
    const text = await (await exportCatalogue(db, catalogue!.id)).text();
    expect(JSON.parse(text)).toMatchObject({ format: 'colophon-catalogue', version: 1, name: 'Springer textbooks' });
    const back: CatalogueEntry[] = [];
    const summary = await importJson(inputOf(text, 'springer.json', 4096), { sink: async (batch) => void back.push(...batch) });
    expect(summary.issues).toEqual([]);
    expect(back).toEqual([powerElectronics, algebra]);
  });
});
