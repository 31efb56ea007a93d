/**
 * One evidence item from a user's side: its metadata, digests and history; the verify button
 * against the stored bytes, before and after they are replaced; note, tags and status edits as
 * chained events; deletion only with a confirmation and a reason, leaving a tombstone; and the
 * chain check of the whole store.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { artifactId, itemHistory, verifyChain } from '@/utils/evidence/store';
import { hostileTitle, listingIds, seedEvidence, type Seeded } from './evidence';
import { choose, nodeBlob, openEvidencePage, openItem, pageBytes, screenshotBytes, sha256OfBytes, shownListingIds, typeInto, until, type EvidencePageDriver } from './page';

let page: EvidencePageDriver;
let seeded: Seeded;
afterEach(() => page?.unmount());

const seed = async (db: Parameters<typeof seedEvidence>[0]) => {
  seeded = await seedEvidence(db);
};

/** The definition list as [term, description] pairs. */
const pairs = (list: Element) => [...list.querySelectorAll('dt')].map((term) => [term.textContent, term.nextElementSibling!.textContent]);

describe('an evidence item', () => {
  it('shows its metadata, every field, with the listing’s URLs as links that open apart', async () => {
    page = await openEvidencePage({ seed });
    const view = await openItem(page, listingIds.taobao);
    expect(page.get('evidence-item-title', view).textContent).toBe('Effective Java 第三版 电子书');
    expect(document.activeElement).toBe(page.get('evidence-item-title', view));
    expect(Object.fromEntries(pairs(page.get('evidence-metadata', view)))).toEqual({
      'Page address': 'https://item.taobao.com/item.htm?id=700000000002&spm=a21n57',
      'Listing address': 'https://item.taobao.com/item.htm?id=700000000002',
      Marketplace: 'Taobao',
      Page: 'Item page',
      'Listing id': '700000000002',
      Title: 'Effective Java 第三版 电子书',
      Price: '4.99 CNY',
      Shop: '书香小店',
      'Shop id': '57300001',
      'Seller id': '—',
      'ISBN shown': '—',
      'Author shown': 'Robert W. Erickson',
      'Publisher shown': '—',
      'Listing images': 'https://ae01.alicdn.com/kf/S8f1e2d3c4b5a69788.jpg',
      'Catalogue match': 'Effective Java 90%catalogue addison, entry 9780134685991',
      'Captured at': `${new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date('2025-03-02T12:00:00.000Z'))} (2025-03-02 12:00:00.000 UTC)`,
      Clock: 'This computer\u2019s clock',
      Browser: 'Chrome 126.0.6478.126',
      'Colophon version': '0.1.0',
      'Window size': '1280 × 800',
      'Device pixel ratio': '2',
      'Page language': 'en',
      'Captured by': 'J. Smith, rights team',
      'Note at capture': '—',
      'Tags at capture': 'print',
      'Record version': '1',
    });
    const links = [...page.get('evidence-metadata', view).querySelectorAll('a')];
    expect(links.map((link) => [link.getAttribute('href'), link.rel, link.target])).toEqual([
      ['https://item.taobao.com/item.htm?id=700000000002&spm=a21n57', 'noopener noreferrer', '_blank'],
      ['https://item.taobao.com/item.htm?id=700000000002', 'noopener noreferrer', '_blank'],
      ['https://ae01.alicdn.com/kf/S8f1e2d3c4b5a69788.jpg', 'noopener noreferrer', '_blank'],
    ]);
  });

  it('shows a markup title as text in the item view too', async () => {
    page = await openEvidencePage({ seed });
    const view = await openItem(page, listingIds.tmall);
    expect(page.get('evidence-item-title', view).textContent).toBe(hostileTitle);
    expect(view.querySelector('img[src="x"], [onerror]')).toBeNull();
  });

  it('shows its digests, and verify re-hashes the stored bytes: match, then MISMATCH once they are replaced', async () => {
    page = await openEvidencePage({ seed });
    const item = seeded.items[0]!;
    const view = await openItem(page, listingIds.aliexpress);
    expect(page.get('evidence-item-id', view).textContent).toBe(item.id);
    expect(page.get('evidence-metadata-digest', view).textContent).toBe(item.metadataDigest);
    const hashes = page.all('evidence-artifact-hash', view);
    expect(hashes.map((row) => [row.dataset.kind, row.querySelector('code')!.textContent])).toEqual([
      ['visible-screenshot', sha256OfBytes(screenshotBytes(1))],
      ['full-page-screenshot', sha256OfBytes(screenshotBytes(101))],
      ['page-html', sha256OfBytes(pageBytes(1))],
    ]);

    for (const row of hashes) page.get<HTMLButtonElement>('evidence-verify-artifact', row).click();
    await until(() => expect(hashes.map((row) => row.dataset.check)).toEqual(['match', 'match', 'match']));
    expect(page.get('evidence-verify-result', hashes[0]).textContent).toBe('match');

    // Someone swaps the stored screenshot for other bytes.
    const stored = (await page.db.get('artifacts', artifactId(item.id, 0)))!;
    await page.db.put('artifacts', { ...stored, blob: nodeBlob(screenshotBytes(99), 'image/png') });
    page.get<HTMLButtonElement>('evidence-verify-artifact', hashes[0]).click();
    await until(() => expect(hashes[0]!.dataset.check).toBe('mismatch'));
    expect(page.get('evidence-verify-result', hashes[0]).textContent).toBe(`MISMATCH stored bytes hash to ${sha256OfBytes(screenshotBytes(99))}`);
    page.get<HTMLButtonElement>('evidence-verify-artifact', hashes[1]).click();
    await until(() => expect(hashes[1]!.dataset.check).toBe('match'));

    // The chain check finds it too, and names the item.
    page.get<HTMLButtonElement>('evidence-back').click();
    page.get<HTMLButtonElement>('evidence-chain-verify').click();
    await until(() => expect(page.get('evidence-chain').dataset.result).toBe('false'));
    expect(page.get('evidence-chain-result').textContent).toContain('The chain is broken at record 1.');
    expect(page.get('evidence-chain-result').textContent).toContain('has bytes other than those captured');
    page.get<HTMLButtonElement>('evidence-chain-item').click();
    await until(() => expect(page.get('evidence-item').dataset.itemId).toBe(item.id));
  });

  it('says the chain holds when it does', async () => {
    page = await openEvidencePage({ seed });
    page.get<HTMLButtonElement>('evidence-chain-verify').click();
    await until(() => expect(page.get('evidence-chain').dataset.result).toBe('true'));
    expect(page.get('evidence-chain-result').textContent).toBe('The chain holds. Records checked: 7; none was changed.');
  });

  it('shows the screenshots with zoom: fit width, 100 %, in and out', async () => {
    page = await openEvidencePage({ seed });
    const view = await openItem(page, listingIds.aliexpress);
    const viewers = page.all('screenshot-viewer', view);
    expect(viewers.map((viewer) => viewer.dataset.kind)).toEqual(['visible-screenshot', 'full-page-screenshot']);
    await until(() => expect(viewers.map((viewer) => viewer.dataset.state)).toEqual(['shown', 'shown']));
    const full = viewers[1]!;
    expect(full.querySelector('img')!.getAttribute('src')).toMatch(/^blob:/);
    expect(full.dataset.zoom).toBe('fit');
    page.get<HTMLButtonElement>('zoom-actual', full).click();
    await until(() => expect(full.dataset.zoom).toBe('1'));
    page.get<HTMLButtonElement>('zoom-in', full).click();
    await until(() => expect(full.dataset.zoom).toBe('1.25'));
    page.get<HTMLButtonElement>('zoom-out', full).click();
    page.get<HTMLButtonElement>('zoom-out', full).click();
    await until(() => expect(full.dataset.zoom).toBe('0.8'));
    expect(page.get('zoom-level', full).textContent).toBe('80%');
    page.get<HTMLButtonElement>('zoom-fit', full).click();
    await until(() => expect(full.dataset.zoom).toBe('fit'));
  });

  it('records note, tags and status edits as events, shown in the history with who made them', async () => {
    page = await openEvidencePage({ seed, by: 'Li Wei' });
    const item = seeded.items[0]!;
    const view = await openItem(page, listingIds.aliexpress);
    const history = () => page.all('evidence-history-entry', view).map((entry) => entry.dataset.type);
    expect(history()).toEqual(['captured']);

    // Each save button is enabled once its field differs from what is stored.
    const saveOnceEnabled = async (testId: string) => {
      await until(() => expect(page.get<HTMLButtonElement>(testId, view).disabled).toBe(false));
      page.get<HTMLButtonElement>(testId, view).click();
    };
    expect(page.get<HTMLButtonElement>('evidence-note-save', view).disabled).toBe(true);
    typeInto(page.get<HTMLTextAreaElement>('evidence-note', view), 'Seller has 40 other textbooks');
    await saveOnceEnabled('evidence-note-save');
    await until(() => expect(history()).toEqual(['captured', 'note']));
    // The saved field keeps the focus for the keyboard, though its button is disabled again.
    await until(() => expect(document.activeElement).toBe(page.get('evidence-note', view)));
    expect(page.get<HTMLButtonElement>('evidence-note-save', view).disabled).toBe(true);

    typeInto(page.get<HTMLInputElement>('evidence-tags-input', view), 'pdf， repeat seller, pdf');
    await saveOnceEnabled('evidence-tags-save');
    await until(() => expect(history()).toEqual(['captured', 'note', 'tags']));

    choose(page.get<HTMLSelectElement>('evidence-status-select', view), 'reported');
    typeInto(page.get<HTMLInputElement>('evidence-status-comment', view), 'IPP complaint 123456');
    await saveOnceEnabled('evidence-status-save');
    await until(() => expect(history()).toEqual(['captured', 'note', 'tags', 'status']));

    const stored = (await itemHistory(page.db, item.id))!;
    expect(stored.events.map(({ by, change }) => ({ by, change }))).toEqual([
      { by: 'Li Wei', change: { type: 'note', note: 'Seller has 40 other textbooks' } },
      { by: 'Li Wei', change: { type: 'tags', tags: ['pdf', 'repeat seller'] } },
      { by: 'Li Wei', change: { type: 'status', status: 'reported', comment: 'IPP complaint 123456' } },
    ]);
    expect(stored.item).toEqual(item);
    const entries = page.all('evidence-history-entry', view);
    expect(entries[3]!.textContent).toContain('Li Wei set the status to “Reported”: IPP complaint 123456');
    expect(entries[0]!.textContent).toContain('J. Smith, rights team captured the listing');
    expect(page.get('evidence-state-status', view).textContent).toBe('Reported');
    expect(page.get('evidence-state-tags', view).textContent).toBe('pdf, repeat seller');
    expect(page.get('evidence-state-note', view).textContent).toBe('Seller has 40 other textbooks');
    expect((await verifyChain(page.db)).ok).toBe(true);

    // Back in the list, the row says so.
    page.get<HTMLButtonElement>('evidence-back').click();
    await until(() => expect(page.get('evidence-status', page.all('evidence-row')[0]).textContent).toBe('ReportedWaiting to sync'));
  });

  it('deletes only after a confirmation with a reason, and leaves the item marked deleted', async () => {
    page = await openEvidencePage({ seed, by: 'Li Wei' });
    const item = seeded.items[0]!;
    const view = await openItem(page, listingIds.aliexpress);

    page.get<HTMLButtonElement>('evidence-delete', view).click();
    await until(() => expect(page.get('evidence-delete-confirmation', view)).toBeTruthy());
    expect(document.activeElement).toBe(page.get('evidence-delete-reason', view));
    expect(page.get('evidence-delete-confirmation', view).textContent).toContain('Delete “Fundamentals of Power Electronics 3rd Edition Erickson PDF”?');
    // No reason, no deletion.
    expect(page.get<HTMLButtonElement>('evidence-delete-confirm', view).disabled).toBe(true);
    typeInto(page.get<HTMLTextAreaElement>('evidence-delete-reason', view), '   ');
    await until(() => expect(page.get<HTMLButtonElement>('evidence-delete-confirm', view).disabled).toBe(true));
    // "Keep it" leaves everything as it was.
    page.get<HTMLButtonElement>('evidence-delete-cancel', view).click();
    await until(() => expect(page.query('evidence-delete-confirmation', view)).toBeNull());
    expect((await itemHistory(page.db, item.id))!.state.deleted).toBeNull();

    page.get<HTMLButtonElement>('evidence-delete', view).click();
    await until(() => expect(page.get('evidence-delete-reason', view)).toBeTruthy());
    typeInto(page.get<HTMLTextAreaElement>('evidence-delete-reason', view), 'Wrong page: a licensed reseller');
    await until(() => expect(page.get<HTMLButtonElement>('evidence-delete-confirm', view).disabled).toBe(false));
    page.get<HTMLButtonElement>('evidence-delete-confirm', view).click();
    await until(() => expect(page.get('evidence-item').dataset.deleted).toBe('true'));
    expect(document.activeElement).toBe(page.get('evidence-item-title'));

    const stored = (await itemHistory(page.db, item.id))!;
    expect(stored.state.deleted).toMatchObject({ by: 'Li Wei', reason: 'Wrong page: a licensed reseller' });
    expect(await page.db.get('artifacts', artifactId(item.id, 0))).toBeUndefined();
    expect(page.get('evidence-deleted-notice').textContent).toContain('Reason: Wrong page: a licensed reseller.');
    expect(page.all('evidence-history-entry').map((entry) => entry.dataset.type)).toEqual(['captured', 'deleted']);
    expect(page.query('evidence-delete')).toBeNull();
    expect(page.get<HTMLFieldSetElement>('evidence-editor').disabled).toBe(true);
    expect((await verifyChain(page.db)).ok).toBe(true);

    // The list leaves it out, unless deleted items are asked for; then it is marked.
    page.get<HTMLButtonElement>('evidence-back').click();
    await until(() => expect(shownListingIds(page)).toEqual([listingIds.taobao, listingIds.tmall, listingIds.aliexpressRu]));
    page.get<HTMLInputElement>('evidence-filter-deleted').click();
    await until(() => expect(shownListingIds(page)).toEqual([listingIds.aliexpress, listingIds.taobao, listingIds.tmall, listingIds.aliexpressRu]));
    const row = page.all('evidence-row')[0]!;
    expect(row.dataset.deleted).toBe('true');
    // Deleted before it was sent: out of the outbox, so no sync badge.
    await until(() => expect(page.get('evidence-status', row).textContent).toBe('NewDeleted'));
  });
});
