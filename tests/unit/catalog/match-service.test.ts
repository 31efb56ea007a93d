/**
 * The background's matcher: it matches against the enabled catalogues as they are now, and after a
 * service-worker restart it reads its stored index back instead of rebuilding it.
 */
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { buildMatchIndex, serialiseMatchIndex } from '@/utils/catalog/match';
import { MatchService } from '@/utils/catalog/match-service';
import type { ImportSummary } from '@/utils/catalog/import/types';
import type { CatalogueEntry } from '@/utils/catalog/schema';
import { importIntoStore, loadObservedListingLanguage, loadStoredMatchIndex, openCatalogueDb, removeCatalogue, setCatalogueEnabled, type CatalogueDatabase } from '@/utils/catalog/store';
import { entry, powerElectronics } from './entries';

const algebra = entry('9783319110790', 'Linear Algebra Done Right', { isbns: ['9783319110790'], contributors: [{ name: 'Sheldon Axler', role: 'author' }] });
const listings = [
  { id: '1', title: '现货 英文原版 Fundamentals of Power Electronics 2nd Edition Erickson 电力电子学基础 影印版' },
  { id: '2', title: 'Linear Algebra Done Right 3rd 线性代数应该这样学 英文原版 9783319110790' },
  { id: '3', title: '儿童绘本 恐龙百科全书 3-6岁' },
];

async function importBooks(db: CatalogueDatabase, books: CatalogueEntry[]) {
  const { catalogue } = await importIntoStore(db, {
    name: 'Springer',
    fileName: 'springer.csv',
    format: 'csv',
    async run(sink): Promise<ImportSummary> {
      await sink(books);
      return { format: 'csv', records: books.length, entries: books.length, issues: [] };
    },
  });
  return catalogue!;
}

const matchedEntries = (matches: { entryId: string }[][]) => matches.map((found) => found.map((match) => match.entryId));

let db: CatalogueDatabase;
beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  db = await openCatalogueDb();
});

describe('MatchService', () => {
  it('matches listings against the enabled catalogues', async () => {
    await importBooks(db, [powerElectronics]);
    await importBooks(db, [algebra]);
    const service = new MatchService(async () => db);
    expect(matchedEntries(await service.match(listings))).toEqual([[powerElectronics.id], [algebra.id], []]);
  });

  it('follows catalogues being switched off, removed and added, without being told', async () => {
    const springer = await importBooks(db, [powerElectronics]);
    const service = new MatchService(async () => db);
    expect(matchedEntries(await service.match(listings))).toEqual([[powerElectronics.id], [], []]);

    await setCatalogueEnabled(db, springer.id, false);
    expect(matchedEntries(await service.match(listings))).toEqual([[], [], []]);

    const other = await importBooks(db, [algebra]);
    expect(matchedEntries(await service.match(listings))).toEqual([[], [algebra.id], []]);

    await removeCatalogue(db, other.id);
    await setCatalogueEnabled(db, springer.id, true);
    expect(matchedEntries(await service.match(listings))).toEqual([[powerElectronics.id], [], []]);
  });

  it('reads its stored index back after a restart instead of rebuilding it', async () => {
    const catalogue = await importBooks(db, [powerElectronics, algebra]);
    await new MatchService(async () => db).match(listings);
    // Put an index of one book in its place, under the same signature: a rebuild would find both books.
    const stored = (await loadStoredMatchIndex(db))!;
    await db.put('matchIndex', { ...stored, index: serialiseMatchIndex(buildMatchIndex([{ catalogueId: catalogue.id, entry: algebra }])) });
    const afterRestart = new MatchService(async () => db);
    expect(matchedEntries(await afterRestart.match(listings))).toEqual([[], [algebra.id], []]);
  });

  it('rebuilds when the stored index is of an unknown version', async () => {
    await importBooks(db, [powerElectronics]);
    await new MatchService(async () => db).match(listings);
    const stored = (await loadStoredMatchIndex(db))!;
    await db.put('matchIndex', { ...stored, index: { version: 99 } });
    expect(matchedEntries(await new MatchService(async () => db).match(listings))).toEqual([[powerElectronics.id], [], []]);
  });

  it('counts the Chinese titles the browsing reports, each once, and keeps the counts across a restart', async () => {
    await importBooks(db, [powerElectronics]);
    const service = new MatchService(async () => db);
    // Real seller titles, each seen on two pages: counted once. The English listing teaches nothing.
    const seller = Array.from({ length: 60 }, (_, k) => ({ id: String(k), title: `正版现货 Python编程从入门到精通 零基础自学教程 第${k}页` }));
    await service.match(seller);
    await service.match(seller);
    await service.match([{ id: 'en', title: 'Fundamentals of Power Electronics' }]);
    await vi.waitFor(async () => expect((await loadObservedListingLanguage(db))?.titles).toBe(60));
    const observed = (await loadObservedListingLanguage(db))!;
    expect(new Map(observed.tokens).get('入门')).toBe(60);
    expect(new Map(observed.phrases).get('从入门')).toBe(60);
  });
});
