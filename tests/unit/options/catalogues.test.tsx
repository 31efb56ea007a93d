/**
 * The options page from a user's side: a CSV file goes through the mapping
 * step into the store, is listed with its count, switched off, searched and removed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { listCatalogues, openCatalogueDb, searchEntries } from '@/utils/catalog/store';
import { chooseFile, csvFile, openOptionsPage, select, settle, typeInto, waitFor, type OptionsPage } from './page';

const books = csvFile([
  'Title,Written by,ISBN,Publisher,Year,Chinese Title,Notes',
  'Linear Algebra Done Right,Sheldon Axler,9783319110790,Springer,2015,线性代数应该这样学,',
  'Effective Java,Joshua Bloch,9780134685991,Addison-Wesley,2018,,"third edition, ""Java 9"""',
]);

let page: OptionsPage;
afterEach(() => page?.unmount());

async function importThroughMapping(): Promise<void> {
  chooseFile(page.get<HTMLInputElement>('catalogue-file-input'), books);
  await waitFor(() => page.get('column-mapping'));
  select(page.all<HTMLSelectElement>('mapping-select')[1]!, 'authors');
  await settle();
  page.get<HTMLButtonElement>('import-start').click();
  await waitFor(() => page.get('import-report').dataset.outcome === 'imported');
}

describe('the options page', () => {
  it('shows every CSV column with its guessed field, the encoding and the delimiter', async () => {
    page = await openOptionsPage();
    expect(page.get('catalogue-list-empty').textContent).toBe('No catalogue yet: import one above.');
    chooseFile(page.get<HTMLInputElement>('catalogue-file-input'), books);
    await waitFor(() => page.get('column-mapping'));

    const rows = [...page.get('column-mapping').querySelectorAll('tbody tr')];
    expect(rows.map((row) => [row.querySelector('label')!.textContent, row.querySelector('select')!.value])).toEqual([
      ['Title', 'title'],
      ['Written by', 'ignore'],
      ['ISBN', 'isbn'],
      ['Publisher', 'publisher'],
      ['Year', 'year'],
      ['Chinese Title', 'otherTitle:zh'],
      ['Notes', 'ignore'],
    ]);
    // Each select is labelled by its column's name.
    const second = page.all<HTMLSelectElement>('mapping-select')[1]!;
    expect(page.container.querySelector(`label[for="${second.id}"]`)!.textContent).toBe('Written by');
    expect(page.get('csv-detected').dataset).toMatchObject({ encoding: 'utf-8', delimiter: ',' });
    expect(page.get('csv-detected').textContent).toMatch(/^Read as UTF-8, columns separated by commas\./);
    expect(page.get<HTMLInputElement>('catalogue-name-input').value).toBe('springer-books');
    expect(page.get('import-start').textContent).toBe('Import with this column mapping');

    // Without a title column there is nothing to import: the page says so before starting.
    select(page.all<HTMLSelectElement>('mapping-select')[0]!, 'ignore');
    await waitFor(() => page.get('mapping-no-title'));
    expect(page.get<HTMLButtonElement>('import-start').disabled).toBe(true);
    select(page.all<HTMLSelectElement>('mapping-select')[0]!, 'title');
    await waitFor(() => !page.query('mapping-no-title'));
    expect(page.get<HTMLButtonElement>('import-start').disabled).toBe(false);
  });

  it('imports a CSV file with the confirmed mapping, lists it, switches it off, searches it and removes it', async () => {
    page = await openOptionsPage();
    typeInto(page.get<HTMLInputElement>('catalogue-name-input'), 'Springer & friends');
    await settle();
    await importThroughMapping();

    // The report has the focus, and says what was stored.
    const report = page.get('import-report');
    expect(document.activeElement).toBe(report);
    expect(report.textContent).toContain('Imported “Springer & friends”');
    expect(page.get('import-report-counts').dataset).toMatchObject({ entries: '2', records: '2' });
    expect(page.get('import-report-counts').textContent).toBe('Entries stored: 2 (records read: 2).');
    // The unused "Notes" column is a warning; the import still happened.
    expect(page.all('import-issue').map((issue) => issue.textContent)).toEqual(['Warningline 1: columns not used: “Notes”']);
    // The form is ready for the next file.
    expect(page.query('column-mapping')).toBeNull();

    await waitFor(() => page.all('catalogue-row').length === 1);
    const row = page.get('catalogue-row');
    expect(page.get('catalogue-name', row).textContent).toBe('Springer & friends');
    expect(page.get('catalogue-entry-count', row).textContent).toBe('2');
    expect(row.textContent).toContain('CSV springer-books.csv');
    expect(row.dataset.enabled).toBe('true');

    const db = await openCatalogueDb();
    const [stored] = await listCatalogues(db);
    expect(stored).toMatchObject({ name: 'Springer & friends', entryCount: 2, enabled: true, source: { fileName: 'springer-books.csv', format: 'csv' } });
    // The mapping the user chose ("Written by" → authors) is the one the import used.
    const [axler] = await searchEntries(db, stored!.id, 'axler');
    expect(axler).toMatchObject({ title: 'Linear Algebra Done Right', contributors: [{ name: 'Sheldon Axler', role: 'author' }], otherTitles: [{ language: 'zh', title: '线性代数应该这样学' }] });

    // Switched off: kept, but not used for matching.
    const toggle = page.get<HTMLInputElement>('catalogue-enabled', row);
    expect(toggle.getAttribute('role')).toBe('switch');
    toggle.click();
    await waitFor(() => page.get('catalogue-row').dataset.enabled === 'false');
    expect((await listCatalogues(db))[0]).toMatchObject({ enabled: false });

    // Search, debounced: the empty box lists the catalogue, typing narrows it.
    await waitFor(() => page.get('search-count').dataset.count === '2');
    typeInto(page.get<HTMLInputElement>('search-query'), 'AXLER');
    await waitFor(() => page.get('search-count').dataset.query === 'AXLER');
    const results = page.all('search-result');
    expect(results.map((result) => result.dataset.entryId)).toEqual(['9783319110790']);
    const text = results[0]!.textContent!;
    for (const part of ['Linear Algebra Done Right', '线性代数应该这样学', 'Sheldon Axler', '978-3319110790', 'Springer', '2015']) expect(text).toContain(part);
    expect(page.get('search-count').textContent).toBe('Matching entries: 1.');
    typeInto(page.get<HTMLInputElement>('search-query'), '978-0134');
    await waitFor(() => page.get('search-count').dataset.query === '978-0134');
    expect(page.get('search-count').textContent).toBe('No entry matches.');
    typeInto(page.get<HTMLInputElement>('search-query'), '9780134');
    await waitFor(() => page.get('search-count').dataset.query === '9780134');
    expect(page.all('search-result').map((result) => page.get('search-result-title', result).textContent)).toEqual(['Effective Java']);

    // Removal asks first, naming the catalogue and its entry count; "keep it" keeps it.
    page.get<HTMLButtonElement>('catalogue-remove').click();
    await waitFor(() => page.get('catalogue-remove-confirmation'));
    expect(page.get('catalogue-remove-confirmation').textContent).toContain('Remove “Springer & friends” and all its entries (2)?');
    expect(document.activeElement).toBe(page.get('catalogue-remove-cancel'));
    page.get<HTMLButtonElement>('catalogue-remove-cancel').click();
    await waitFor(() => !page.query('catalogue-remove-confirmation'));
    expect(await listCatalogues(db)).toHaveLength(1);

    page.get<HTMLButtonElement>('catalogue-remove').click();
    await waitFor(() => page.get('catalogue-remove-confirm'));
    page.get<HTMLButtonElement>('catalogue-remove-confirm').click();
    await waitFor(() => page.query('catalogue-list-empty'));
    expect(await listCatalogues(db)).toEqual([]);
    expect(await db.count('entries')).toBe(0);
    // Nothing left to search.
    expect(page.query('catalogue-search')).toBeNull();
    db.close();
  });

  it('lists the catalogues already in the store when it opens', async () => {
    page = await openOptionsPage();
    await importThroughMapping();
    page.unmount();
    page = await openOptionsPage({ keepStore: true });
    await waitFor(() => page.all('catalogue-row').length === 1);
    expect(page.get('catalogue-row').dataset).toMatchObject({ name: 'springer-books', entries: '2', enabled: 'true' });
    expect(page.query('import-report')).toBeNull();
  });
});
