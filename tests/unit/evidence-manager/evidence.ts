/**
 * The evidence the page tests look at: four listings on four marketplaces, on four days, with and
 * without a shop, a match and tags, one of them with a title that is markup; the second reported;
 * the second and third in a case.
 */
import type { EvidenceItem } from '@/utils/protocol/evidence';
import { addCapture, createCase, recordEvent, type EvidenceDatabase } from '@/utils/evidence/store';
import { metadataOf } from '../../support/evidence/store-helpers';
import { captureOf } from './page';

export const hostileTitle = '<img src=x onerror=alert(1)>盗版 PDF';

const effectiveJava = { ...metadataOf(0).match!, catalogueId: 'addison', entryId: '9780134685991', title: 'Effective Java', confidence: 0.9, reasons: [] };

function taobaoListing(n: number, title: string) {
  return {
    ...metadataOf(n).listing,
    id: String(700000000000 + n),
    title,
    currency: 'CNY',
    shop: { id: '57300001', name: '书香小店', sellerId: null },
    isbn: null,
  };
}

export const listingIds = {
  aliexpress: '1005006000000001',
  taobao: '700000000002',
  tmall: '700000000003',
  aliexpressRu: '1005006000000004',
};

export interface Seeded {
  items: EvidenceItem[];
  caseId: string;
}

export async function seedEvidence(db: EvidenceDatabase): Promise<Seeded> {
  const items = [
    await addCapture(db, captureOf(1, { capturedAt: '2025-03-01T12:00:00.000Z', tags: ['pdf'] })),
    await addCapture(
      db,
      captureOf(2, {
        marketplace: 'taobao',
        url: 'https://item.taobao.com/item.htm?id=700000000002&spm=a21n57',
        canonicalUrl: 'https://item.taobao.com/item.htm?id=700000000002',
        listing: taobaoListing(2, 'Effective Java 第三版 电子书'),
        match: { ...effectiveJava, listingId: '700000000002' },
        capturedAt: '2025-03-02T12:00:00.000Z',
        tags: ['print'],
      }),
    ),
    await addCapture(
      db,
      captureOf(3, {
        marketplace: 'tmall',
        url: 'https://detail.tmall.com/item.htm?id=700000000003',
        canonicalUrl: 'https://detail.tmall.com/item.htm?id=700000000003',
        listing: taobaoListing(3, hostileTitle),
        match: null,
        capturedAt: '2025-03-03T12:00:00.000Z',
      }),
    ),
    await addCapture(
      db,
      captureOf(4, {
        marketplace: 'aliexpress-ru',
        listing: { ...metadataOf(4).listing, shop: null },
        capturedAt: '2025-03-04T12:00:00.000Z',
        tags: ['pdf', 'repeat seller'],
      }),
    ),
  ];
  await recordEvent(db, items[1]!.id, { type: 'status', status: 'reported' }, { by: 'J. Smith' });
  const { id: caseId } = await createCase(db, { name: 'Shop 57300001', description: 'Taobao and Tmall' });
  await recordEvent(db, items[1]!.id, { type: 'case-added', caseId });
  await recordEvent(db, items[2]!.id, { type: 'case-added', caseId });
  return { items, caseId };
}
