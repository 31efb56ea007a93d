/**
 * Cases and export from a user's side: a case created, the selection added to it (an existing
 * case or a new one), an item taken out of it, and the selection or the case exported through
 * the exporter and saved.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BundleExporter, BundleSelection } from '@/components/evidence/save-bundle';
import { caseItems, itemHistory, listCases, type EvidenceDatabase } from '@/utils/evidence/store';
import { listingIds, seedEvidence, type Seeded } from './evidence';
import { choose, openEvidencePage, shownListingIds, typeInto, until, type EvidencePageDriver } from './page';

let page: EvidencePageDriver;
let seeded: Seeded;
afterEach(() => {
  page?.unmount();
  vi.unstubAllGlobals();
});

const seed = async (db: EvidenceDatabase) => {
  seeded = await seedEvidence(db);
};

const rowOf = (listingId: string) => page.all('evidence-row').find((row) => page.get('evidence-listing-id', row).textContent === listingId)!;
const select = (...ids: string[]) => ids.forEach((id) => page.get<HTMLInputElement>('evidence-select', rowOf(id)).click());

/** An exporter that records what it was asked for and streams `bytes` under `fileName`. */
function recordingExporter(bytes: Uint8Array, fileName = 'colophon-bundle.zip') {
  const calls: Array<{ db: EvidenceDatabase; selection: BundleSelection }> = [];
  const exporter: BundleExporter = async (db, selection) => {
    calls.push({ db, selection });
    return {
      fileName,
      stream: new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(bytes.slice(0, 3));
          controller.enqueue(bytes.slice(3));
          controller.close();
        },
      }),
    };
  };
  return { exporter, calls };
}

describe('cases', () => {
  it('are created with a name and a description, and start empty', async () => {
    page = await openEvidencePage();
    page.get<HTMLButtonElement>('evidence-section-cases').click();
    await until(() => expect(page.get('evidence-cases-empty')).toBeTruthy());
    expect(page.get<HTMLButtonElement>('evidence-case-create').disabled).toBe(true);
    typeInto(page.get<HTMLInputElement>('evidence-case-name'), 'Book World Store, March');
    typeInto(page.get<HTMLTextAreaElement>('evidence-case-description'), 'AliExpress IPP batch');
    await until(() => expect(page.get<HTMLButtonElement>('evidence-case-create').disabled).toBe(false));
    page.get<HTMLButtonElement>('evidence-case-create').click();

    await until(() => expect(page.all('evidence-case-entry')).toHaveLength(1));
    expect(await listCases(page.db)).toMatchObject([{ name: 'Book World Store, March', description: 'AliExpress IPP batch' }]);
    await until(() => expect(page.get('evidence-case-empty').textContent).toBe('No items in this case: select items in the list and add them to it.'));
    expect(page.get<HTMLInputElement>('evidence-case-name').value).toBe('');
  });

  it('take the selection, show their items, and let one be taken out', async () => {
    page = await openEvidencePage({ seed, by: 'Li Wei' });
    select(listingIds.aliexpress, listingIds.aliexpressRu, listingIds.taobao);
    await until(() => expect(page.get('evidence-selection-count').textContent).toBe('Selected: 3'));
    expect(page.get<HTMLSelectElement>('evidence-add-case').value).toBe(seeded.caseId);
    page.get<HTMLButtonElement>('evidence-add-case-apply').click();
    // The taobao item was in the case already: two are added.
    await until(() => expect(page.get('evidence-selection-outcome').textContent).toBe('Added to “Shop 57300001”: 2'));
    expect((await caseItems(page.db, seeded.caseId)).map(({ item }) => item.metadata.listing.id)).toEqual(Object.values(listingIds));

    // A new case, named in place, from the same selection.
    choose(page.get<HTMLSelectElement>('evidence-add-case'), 'new');
    await until(() => expect(page.get('evidence-add-case-name')).toBeTruthy());
    typeInto(page.get<HTMLInputElement>('evidence-add-case-name'), 'Erickson, all marketplaces');
    await until(() => expect(page.get<HTMLButtonElement>('evidence-add-case-apply').disabled).toBe(false));
    page.get<HTMLButtonElement>('evidence-add-case-apply').click();
    await until(() => expect(page.get('evidence-selection-outcome').textContent).toBe('Added to “Erickson, all marketplaces”: 3'));
    const created = (await listCases(page.db)).find((one) => one.name === 'Erickson, all marketplaces')!;
    expect((await caseItems(page.db, created.id)).map(({ item }) => item.metadata.listing.id)).toEqual([listingIds.aliexpress, listingIds.taobao, listingIds.aliexpressRu]);

    // The case filter of the list sees the new case.
    await until(() => expect([...page.get<HTMLSelectElement>('evidence-filter-case').options].map((option) => option.value)).toContain(created.id));
    choose(page.get<HTMLSelectElement>('evidence-filter-case'), created.id);
    await until(() => expect(shownListingIds(page)).toEqual([listingIds.aliexpress, listingIds.taobao, listingIds.aliexpressRu]));

    page.get<HTMLButtonElement>('evidence-section-cases').click();
    await until(() => expect(page.all('evidence-case-entry')).toHaveLength(2));
    expect(page.all('evidence-case-entry').map((entry) => entry.textContent)).toEqual([
      expect.stringMatching(/^Shop 57300001 Items: 4 · created /),
      expect.stringMatching(/^Erickson, all marketplaces Items: 3 · created /),
    ]);
    page.get<HTMLButtonElement>('evidence-case-open', page.all('evidence-case-entry')[0]).click();
    await until(() => expect(page.all('evidence-case-item')).toHaveLength(4));

    const tmall = page.all('evidence-case-item').find((row) => row.dataset.itemId === seeded.items[2]!.id)!;
    page.get<HTMLButtonElement>('evidence-case-remove', tmall).click();
    await until(() => expect(page.all('evidence-case-item')).toHaveLength(3));
    expect((await caseItems(page.db, seeded.caseId)).map(({ item }) => item.id)).not.toContain(seeded.items[2]!.id);
    const history = (await itemHistory(page.db, seeded.items[2]!.id))!;
    expect(history.events.at(-1)).toMatchObject({ by: 'Li Wei', change: { type: 'case-removed', caseId: seeded.caseId } });
    expect(page.get('evidence-case-outcome').textContent).toContain('was taken out of “Shop 57300001”');
  });
});

describe('export', () => {
  it('hands the selection to the exporter and streams the bundle to the file the user picks', async () => {
    const bytes = new TextEncoder().encode('PK\u0003\u0004 a bundle');
    const { exporter, calls } = recordingExporter(bytes, 'colophon-2025-03-04.zip');
    const written: Uint8Array[] = [];
    const picker = vi.fn(async () => ({
      createWritable: async () => new WritableStream<Uint8Array>({ write: (chunk) => void written.push(chunk) }),
    }));
    vi.stubGlobal('showSaveFilePicker', picker);
    page = await openEvidencePage({ seed, exportBundle: exporter });
    expect(page.get<HTMLButtonElement>('evidence-export-selection').closest('fieldset')!.disabled).toBe(true);
    select(listingIds.taobao, listingIds.tmall);
    await until(() => expect(page.get<HTMLButtonElement>('evidence-export-selection').closest('fieldset')!.disabled).toBe(false));
    page.get<HTMLButtonElement>('evidence-export-selection').click();

    await until(() => expect(page.get('evidence-selection-outcome').textContent).toBe('The bundle was saved.'));
    expect(calls).toHaveLength(1);
    expect(calls[0]!.selection).toEqual({ itemIds: [seeded.items[1]!.id, seeded.items[2]!.id] });
    expect(picker).toHaveBeenCalledWith(expect.objectContaining({ suggestedName: 'colophon-2025-03-04.zip' }));
    expect(new TextDecoder().decode(Buffer.concat(written))).toBe('PK\u0003\u0004 a bundle');
  });

  it('exports a case, downloaded through an object URL where there is no file picker', async () => {
    const bytes = new TextEncoder().encode('PK\u0003\u0004 the case');
    const { exporter, calls } = recordingExporter(bytes, 'shop-57300001.zip');
    page = await openEvidencePage({ seed, exportBundle: exporter });
    expect('showSaveFilePicker' in globalThis).toBe(false);
    const created: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      created.push(blob as Blob);
      return 'blob:bundle';
    });
    const clicked: Array<{ href: string; download: string }> = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.getAttribute('href')!, download: this.download });
    });

    page.get<HTMLButtonElement>('evidence-section-cases').click();
    await until(() => expect(page.all('evidence-case-entry')).toHaveLength(1));
    page.get<HTMLButtonElement>('evidence-case-open').click();
    await until(() => expect(page.all('evidence-case-item')).toHaveLength(2));
    page.get<HTMLButtonElement>('evidence-export-case').click();

    await until(() => expect(page.get('evidence-case-outcome').textContent).toBe('The bundle was handed to your browser\u2019s downloads.'));
    expect(calls.map(({ selection }) => selection)).toEqual([{ caseId: seeded.caseId }]);
    expect(clicked).toEqual([{ href: 'blob:bundle', download: 'shop-57300001.zip' }]);
    expect(created).toHaveLength(1);
    expect(created[0]!.type).toBe('application/zip');
    expect(new TextDecoder().decode(await created[0]!.arrayBuffer())).toBe('PK\u0003\u0004 the case');
  });
});
