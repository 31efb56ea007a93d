/**
 * The evidence list from a user's side: every captured item with its fields,
 * page text shown as text, each filter and the search narrowing it, the empty states, and the
 * page in Chinese.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { filterOptions } from '@/components/evidence/filters';
import { listItems } from '@/utils/evidence/store';
import { hostileTitle, listingIds, seedEvidence, type Seeded } from './evidence';
import { choose, en, openEvidencePage, shownListingIds, typeInto, until, zh, type EvidencePageDriver } from './page';

let page: EvidencePageDriver;
let seeded: Seeded;
afterEach(() => page?.unmount());

const seed = async (db: Parameters<typeof seedEvidence>[0]) => {
  seeded = await seedEvidence(db);
};
const all = [listingIds.aliexpress, listingIds.taobao, listingIds.tmall, listingIds.aliexpressRu];

describe('the evidence list', () => {
  it('says how to capture when there is no evidence', async () => {
    page = await openEvidencePage();
    expect(page.get('evidence-empty').textContent).toBe('No evidence yet: capture a listing from its page.');
    expect(page.query('evidence-table')).toBeNull();
  });

  it('shows every item with its thumbnail, title, marketplace, shop, match, capture time, status and tags', async () => {
    page = await openEvidencePage({ seed });
    expect(shownListingIds(page)).toEqual(all);
    expect(page.get('evidence-count').textContent).toBe('Showing 4 of 4');

    // The status cell also says where each item is on its way to the intake (./sync.test.tsx).
    await until(() => expect(page.all('evidence-sync-badge')).toHaveLength(4));
    const rows = page.all('evidence-row');
    const cells = (row: HTMLElement) => ({
      title: page.get('evidence-open', row).textContent,
      marketplace: page.get('evidence-marketplace', row).textContent,
      shop: page.get('evidence-shop', row).textContent,
      match: page.get('evidence-match', row).textContent,
      status: page.get('evidence-status', row).textContent,
      tags: [...page.get('evidence-tags', row).querySelectorAll('.tag')].map((tag) => tag.textContent),
    });
    expect(rows.map(cells)).toEqual([
      { title: 'Fundamentals of Power Electronics 3rd Edition Erickson PDF', marketplace: 'AliExpress', shop: 'Book World Store1102345678', match: 'Fundamentals of Power Electronics 99%', status: 'NewWaiting to sync', tags: ['pdf'] },
      { title: 'Effective Java 第三版 电子书', marketplace: 'Taobao', shop: '书香小店57300001', match: 'Effective Java 90%', status: 'ReportedWaiting to sync', tags: ['print'] },
      { title: hostileTitle, marketplace: 'Tmall', shop: '书香小店57300001', match: 'No catalogue match', status: 'NewWaiting to sync', tags: [] },
      { title: 'Fundamentals of Power Electronics 3rd Edition Erickson PDF', marketplace: 'AliExpress Russia', shop: '—', match: 'Fundamentals of Power Electronics 99%', status: 'NewWaiting to sync', tags: ['pdf', 'repeat seller'] },
    ]);
    expect(rows.map((row) => row.dataset.itemId)).toEqual(seeded.items.map((item) => item.id));

    // The capture time in local time, the exact UTC instant on hover.
    const time = page.get<HTMLTimeElement>('evidence-captured', rows[0]);
    expect(time.getAttribute('datetime')).toBe('2025-03-01T12:00:00.000Z');
    expect(time.title).toBe('2025-03-01 12:00:00.000 UTC');
    expect(time.textContent).toBe(new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date('2025-03-01T12:00:00.000Z')));

    // A thumbnail place per row, filled only once the row is in view (happy-dom never says it is).
    expect(page.all('evidence-thumbnail').map((box) => box.dataset.state)).toEqual(['waiting', 'waiting', 'waiting', 'waiting']);
  });

  it('shows markup in a listing title as text', async () => {
    page = await openEvidencePage({ seed });
    const row = page.all('evidence-row')[2]!;
    expect(page.get('evidence-open', row).textContent).toBe(hostileTitle);
    expect(row.querySelector('img')).toBeNull();
    expect(page.container.querySelector('img[src="x"], [onerror]')).toBeNull();
  });

  it('narrows by marketplace, dates, catalogue entry, shop, status, tag and case, each through the store', async () => {
    page = await openEvidencePage({ seed });
    const narrowTo = async (testId: string, value: string, expected: string[]) => {
      choose(page.get<HTMLSelectElement>(testId), value);
      await until(() => expect(page.get('evidence-list').dataset.loaded).toBe('true'));
      await until(() => expect(shownListingIds(page)).toEqual(expected));
      choose(page.get<HTMLSelectElement>(testId), '');
      await until(() => expect(shownListingIds(page)).toEqual(all));
    };

    await narrowTo('evidence-filter-marketplace', 'taobao', [listingIds.taobao]);
    await narrowTo('evidence-filter-marketplace', 'aliexpress-ru', [listingIds.aliexpressRu]);
    await narrowTo('evidence-filter-from', '2025-03-03', [listingIds.tmall, listingIds.aliexpressRu]);
    // The last day is included whole.
    await narrowTo('evidence-filter-to', '2025-03-02', [listingIds.aliexpress, listingIds.taobao]);

    const options = filterOptions(await listItems(page.db));
    const springer = options.catalogueEntries.find((entry) => entry.label === 'Fundamentals of Power Electronics')!;
    await narrowTo('evidence-filter-entry', springer.value, [listingIds.aliexpress, listingIds.aliexpressRu]);
    // Two shops of the same id on two marketplaces are two shops.
    const tmallShop = options.shops.find((shop) => shop.marketplace === 'tmall')!;
    expect(options.shops.map((shop) => [shop.label, shop.marketplace])).toEqual([
      ['Book World Store', 'aliexpress'],
      ['书香小店', 'taobao'],
      ['书香小店', 'tmall'],
    ]);
    await narrowTo('evidence-filter-shop', tmallShop.value, [listingIds.tmall]);
    await narrowTo('evidence-filter-status', 'reported', [listingIds.taobao]);
    await narrowTo('evidence-filter-tag', 'pdf', [listingIds.aliexpress, listingIds.aliexpressRu]);
    await narrowTo('evidence-filter-case', seeded.caseId, [listingIds.taobao, listingIds.tmall]);

    // The selects offer what the evidence has.
    const optionTexts = (testId: string) => [...page.get<HTMLSelectElement>(testId).options].map((option) => option.textContent);
    expect(optionTexts('evidence-filter-tag')).toEqual(['Any', 'pdf', 'print', 'repeat seller']);
    expect(optionTexts('evidence-filter-case')).toEqual(['Any', 'Shop 57300001']);
    expect(optionTexts('evidence-filter-shop')).toEqual(['Any', 'Book World Store (AliExpress)', '书香小店 (Taobao)', '书香小店 (Tmall)']);

    // Filters combine: every criterion must hold.
    choose(page.get<HTMLSelectElement>('evidence-filter-tag'), 'pdf');
    choose(page.get<HTMLInputElement>('evidence-filter-from'), '2025-03-02');
    await until(() => expect(shownListingIds(page)).toEqual([listingIds.aliexpressRu]));
    choose(page.get<HTMLSelectElement>('evidence-filter-status'), 'reported');
    await until(() => expect(page.query('evidence-none-match')).not.toBeNull());
    expect(page.get('evidence-none-match').textContent).toContain('No evidence matches these filters.');
    page.get<HTMLButtonElement>('evidence-filter-clear').click();
    await until(() => expect(shownListingIds(page)).toEqual(all));
  });

  it('searches title, listing id, shop and URL, every word', async () => {
    page = await openEvidencePage({ seed });
    const search = page.get<HTMLInputElement>('evidence-search');
    const searchFor = async (text: string, expected: string[]) => {
      typeInto(search, text);
      await until(() => expect(shownListingIds(page)).toEqual(expected));
    };
    await searchFor('effective', [listingIds.taobao]);
    await searchFor('ERICKSON pdf', [listingIds.aliexpress, listingIds.aliexpressRu]);
    // Full-width digits, as a Chinese input method types them.
    await searchFor('７００００００００００３', [listingIds.tmall]);
    await searchFor('书香小店', [listingIds.taobao, listingIds.tmall]);
    await searchFor('1102345678', [listingIds.aliexpress]);
    await searchFor('spm=a21n57', [listingIds.taobao]);
    await searchFor('detail.tmall.com', [listingIds.tmall]);
    await searchFor('erickson taobao', []);
    expect(page.get('evidence-count').textContent).toBe('Showing 0 of 4');
    await searchFor('', all);
  });

  it('renders in Chinese for a Chinese browser', async () => {
    page = await openEvidencePage({ seed, locale: 'zh_CN' });
    expect(page.container.querySelector('h1')!.textContent).toBe('Colophon 证据库');
    const headers = [...page.get('evidence-table').querySelectorAll('thead th')].map((th) => th.textContent);
    expect(headers).toEqual(['', '截图', '商品', '平台', '店铺', '匹配书目', '取证时间', '状态', '标签']);
    expect(page.all('evidence-marketplace').map((cell) => cell.textContent)).toEqual(['速卖通', '淘宝', '天猫', '速卖通俄罗斯站']);
    await until(() => expect(page.all('evidence-sync-badge')).toHaveLength(4));
    expect(page.all('evidence-status').map((cell) => cell.textContent)).toEqual(['新取证等待同步', '已投诉等待同步', '新取证等待同步', '新取证等待同步']);
    expect(page.get('evidence-count').textContent).toBe(zh('evidenceShownCount', ['4', '4']));
    expect(page.get('evidence-count').textContent).toBe('显示 4 条，共 4 条');
    expect(page.get('evidence-section-cases').textContent).toBe('案件');
    expect(page.get('evidence-match', page.all('evidence-row')[2]).textContent).toBe('未匹配书目');
    // No English left in the labels.
    expect(page.get('evidence-filters').textContent).not.toContain(en('evidenceFilterMarketplace'));
  });
});
