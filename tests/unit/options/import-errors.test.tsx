/**
 * Imports that go wrong, on the options page: a file with an error stores nothing and lists the
 * error with its line; the user may then import the valid records. A cancelled import stores
 * nothing. A Colophon JSON file needs no mapping, and a catalogue exports to one.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { listCatalogues, openCatalogueDb } from '@/utils/catalog/store';
import { chooseFile, csvFile, openOptionsPage, settle, waitFor, type OptionsPage } from './page';

let page: OptionsPage;
afterEach(() => page?.unmount());

const withBadIsbn = csvFile(
  [
    'Title,Author,ISBN',
    'Linear Algebra Done Right,Sheldon Axler,9783319110790',
    'Data Reduction and Error Analysis,Philip Bevington,978-0-306-48048-4',
    'Effective Java,Joshua Bloch,9780134685991',
  ],
  'textbooks.csv',
);

async function startImport(file: File): Promise<void> {
  chooseFile(page.get<HTMLInputElement>('catalogue-file-input'), file);
  await waitFor(() => !page.get<HTMLButtonElement>('import-start').disabled);
  page.get<HTMLButtonElement>('import-start').click();
}

describe('an import with errors', () => {
  it('stores nothing, lists each error with its line, then imports the valid records when asked', async () => {
    page = await openOptionsPage();
    await startImport(withBadIsbn);
    await waitFor(() => page.get('import-report').dataset.outcome === 'rejected');

    const report = page.get('import-report');
    expect(document.activeElement).toBe(report);
    expect(report.querySelector('h3')!.textContent).toBe('Nothing was imported: “textbooks” has errors');
    expect(page.get('import-report-counts').textContent).toMatch(/^Errors: 1, warnings: 0 in textbooks\.csv\. An import is all or nothing/);
    const issues = page.all('import-issue');
    expect(issues.map((issue) => issue.dataset)).toMatchObject([{ severity: 'error', line: '3' }]);
    expect(issues[0]!.textContent).toMatch(/^Errorline 3, ISBN: .*978-0-306-48048-4.*checksum/);
    // The list scrolls in a box of its own, which the keyboard can reach.
    expect(page.get('import-issues').getAttribute('tabindex')).toBe('0');

    const db = await openCatalogueDb();
    expect(await db.getAll('catalogues')).toEqual([]);
    expect(await db.count('entries')).toBe(0);
    expect(page.query('catalogue-row')).toBeNull();

    const importValid = page.get<HTMLButtonElement>('import-valid');
    expect(importValid.textContent).toBe('Import the 2 valid records and leave out the 1 in error');
    importValid.click();
    await waitFor(() => page.get('import-report').dataset.outcome === 'imported');
    expect(page.get('import-report-counts').dataset).toMatchObject({ entries: '2', records: '3' });
    expect(page.get('import-report-left-out').textContent).toBe('Records left out for their errors: 1 (listed below).');
    // Still listed, so the user can correct the file.
    expect(page.all('import-issue').map((issue) => issue.dataset.line)).toEqual(['3']);
    expect(document.activeElement).toBe(page.get('import-report'));

    await waitFor(() => page.all('catalogue-row').length === 1);
    expect(page.get('catalogue-row').dataset).toMatchObject({ name: 'textbooks', entries: '2' });
    expect((await listCatalogues(db)).map((catalogue) => catalogue.entryCount)).toEqual([2]);
    expect(await db.count('entries')).toBe(2);
    db.close();
  });

  it('lists errors before warnings', async () => {
    page = await openOptionsPage();
    await startImport(csvFile(['Title,ISBN,Shelf', 'Linear Algebra Done Right,9783319110790,A1', ',9780134685991,B2'], 'shelf.csv'));
    await waitFor(() => page.get('import-report').dataset.outcome === 'rejected');
    const severities = page.all('import-issue').map((issue) => issue.dataset.severity);
    expect(severities).toEqual(['error', 'warning']);
    expect(page.all('import-issue').map((issue) => issue.dataset.line)).toEqual(['3', '1']);

    // Another file: what was said about this one goes.
    chooseFile(page.get<HTMLInputElement>('catalogue-file-input'), withBadIsbn);
    await waitFor(() => !page.query('import-report'));
  });

  it('offers nothing to import from a file with no records', async () => {
    page = await openOptionsPage();
    await startImport(new File([], 'empty.csv'));
    await waitFor(() => page.get('import-report').dataset.outcome === 'rejected');
    expect(page.all('import-issue').map((issue) => issue.textContent)).toEqual(['Errorline 1: the file is empty']);
    expect(page.query('import-valid')).toBeNull();
  });
});

describe('a long import', () => {
  /** A file that arrives slowly, 200 rows every 5 ms, so the import can be watched and cancelled. */
  function slowFile(rows: number): File {
    const lines = ['Title,ISBN', ...Array.from({ length: rows }, (_, i) => `Book number ${i},`)];
    const bytes = new TextEncoder().encode(lines.join('\n'));
    const file = new File([bytes], 'slow.csv', { type: 'text/csv' });
    const step = Math.ceil(bytes.length / (rows / 200));
    Object.defineProperty(file, 'stream', {
      value: () => {
        let offset = 0;
        return new ReadableStream<Uint8Array>({
          async pull(controller) {
            await new Promise((resolve) => setTimeout(resolve, 5));
            if (offset >= bytes.length) return controller.close();
            controller.enqueue(bytes.slice(offset, (offset += step)));
          },
        });
      },
    });
    return file;
  }

  it('shows its progress, and when cancelled stores nothing', async () => {
    page = await openOptionsPage();
    const file = slowFile(20_000);
    await startImport(file);
    await waitFor(() => Number(page.get('import-progress-status').dataset.entries) >= 1000);
    const bar = page.get<HTMLProgressElement>('import-progress-bar');
    expect(bar.tagName).toBe('PROGRESS');
    expect(Number(bar.getAttribute('max'))).toBe(file.size);
    expect(Number(bar.getAttribute('aria-valuenow'))).toBeGreaterThan(0);
    expect(bar.getAttribute('aria-valuetext')).toMatch(/ of .* read · entries so far: [\d,]+$/);
    expect(document.getElementById(bar.getAttribute('aria-labelledby')!)!.textContent).toBe('Importing slow.csv…');
    // The form waits while the import runs.
    expect(page.get<HTMLButtonElement>('import-start').disabled).toBe(true);

    page.get<HTMLButtonElement>('import-cancel').click();
    await waitFor(() => page.get('import-report').dataset.outcome === 'cancelled');
    expect(page.get('import-report').textContent).toBe('Import cancelled: nothing was stored.');
    expect(page.query('import-progress')).toBeNull();
    const db = await openCatalogueDb();
    expect(await db.getAll('catalogues')).toEqual([]);
    expect(await db.count('entries')).toBe(0);
    db.close();
  });
});

describe('Colophon JSON files', () => {
  it('import without a mapping step, and a catalogue exports to one through a download link', async () => {
    page = await openOptionsPage();
    const json = JSON.stringify({
      format: 'colophon-catalogue',
      version: 1,
      name: 'Exported',
      entries: [{ version: 1, id: '9783319110790', isbns: ['9783319110790'], title: 'Linear Algebra Done Right', subtitle: null, otherTitles: [], contributors: [{ name: 'Sheldon Axler', role: 'author' }], edition: '3', publisher: 'Springer', imprint: null, year: 2015, coverUrl: null }],
    });
    chooseFile(page.get<HTMLInputElement>('catalogue-file-input'), new File([json], 'axler.json', { type: 'application/json' }));
    await waitFor(() => !page.get<HTMLButtonElement>('import-start').disabled);
    expect(page.query('column-mapping')).toBeNull();
    expect(page.get('import-start').textContent).toBe('Import');
    page.get<HTMLButtonElement>('import-start').click();
    await waitFor(() => page.all('catalogue-row').length === 1);
    expect(page.get('catalogue-row').textContent).toContain('JSON axler.json');

    let blob: Blob | null = null;
    const link: { download?: string; href?: string; inDocument?: boolean } = {};
    vi.spyOn(URL, 'createObjectURL').mockImplementation((object) => {
      blob = object as Blob;
      return 'blob:chrome-extension://colophon/1';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      Object.assign(link, { download: this.download, href: this.href, inDocument: this.isConnected });
    });
    page.get<HTMLButtonElement>('catalogue-export').click();
    await waitFor(() => link.download);
    expect(link).toEqual({ download: 'axler.json', href: 'blob:chrome-extension://colophon/1', inDocument: true });
    const exported = JSON.parse(await blob!.text());
    expect(exported).toMatchObject({ format: 'colophon-catalogue', version: 1, name: 'axler', entries: [{ id: '9783319110790', edition: '3' }] });
    await settle();
    expect(document.querySelector('a[download]')).toBeNull();
  });
});
