// @vitest-environment happy-dom
/**
 * Each item's way to the intake in the evidence manager: a badge per
 * row for every outbox state; in the item view the attempts and last error, a parked item's
 * reason in words with what to do and "Retry" sent to the background; a stored item's receipt with
 * each digest compared with the item's own and the signature checked in the page against the
 * keys of a real loopback intake; and all of it following the background's announcements.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { parkedWording } from '@/components/sync/wording';
import type { EvidenceItem } from '@/utils/protocol/evidence';
import { saveIntakeConnection } from '@/utils/sync/connection';
import { problemCodes, problems, signReceipt, type Receipt } from '@/utils/protocol/intake';
import { outboxChannelName } from '@/utils/sync/outbox-changes';
import { enqueue, fail, parseOutboxEntry, startAttempt, succeed, type OutboxEntry } from '@/utils/sync/outbox-state';
import { allowCrossOrigin, serverKey, startLoopbackIntake, token, type LoopbackIntake } from '../options/loopback-intake';
import { listingIds, seedEvidence, type Seeded } from './evidence';
import { en, openEvidencePage, openItem, until, type EvidencePageDriver } from './page';

let page: EvidencePageDriver;
let seeded: Seeded;
let intake: LoopbackIntake;
let background: BroadcastChannel;

beforeEach(async () => {
  intake = await startLoopbackIntake();
  allowCrossOrigin();
  background = new BroadcastChannel(outboxChannelName);
});
afterEach(async () => {
  page?.unmount();
  background.close();
  await intake.close();
});

const now = Date.now();
const uploading = (item: EvidenceItem) => startAttempt(enqueue(item.id, now - 60_000), now - 60_000);

async function receiptFor(item: EvidenceItem, signer: Awaited<ReturnType<typeof serverKey>>, changes: Partial<Receipt> = {}): Promise<Receipt> {
  const signed = await signReceipt(signer.pair.privateKey, {
    format: 'colophon-intake-receipt',
    formatVersion: 1,
    receiptId: 'rcpt_01JDQ7ZK3M8N4P5Q6R7S8T9V0W',
    receivedAt: '2025-03-04T05:30:00.123Z',
    organisation: 'springer-nature',
    representative: 'j.smith',
    itemId: item.id,
    metadataDigest: item.metadataDigest,
    digest: item.digest,
    sequence: item.sequence,
    previousLink: item.previousLink,
    link: item.link,
    createdAt: item.createdAt,
    artifacts: item.artifacts.map(({ kind, mediaType, size, sha256 }) => ({ kind, mediaType, size, sha256 })),
    keyId: signer.key.keyId,
  });
  // Changed after signing: what a receipt altered in the store, or forged, looks like.
  return { ...signed, ...changes };
}

/**
 * The four items in the four states: the first queued again after a 429, the second uploading,
 * the third stored with `receipt`, the fourth parked on a refused token.
 */
function outboxOf(items: EvidenceItem[], receipt: Receipt): OutboxEntry[] {
  const [first, second, third, fourth] = items as [EvidenceItem, EvidenceItem, EvidenceItem, EvidenceItem];
  return [
    fail(uploading(first), { problemCode: 'rate-limited', status: 429, retryAfter: 3_600_000, message: 'Too many requests.' }, now, () => 0.5),
    uploading(second),
    succeed(uploading(third), receipt, now, { reportedByOtherMembers: true, otherMembers: 2 }),
    fail(uploading(fourth), { problemCode: 'unauthenticated', status: 401, message: 'The token is unknown or revoked.' }, now, Math.random),
  ];
}

async function openWithOutbox(options: { connected?: boolean; receiptChanges?: Partial<Receipt> } = {}): Promise<void> {
  const signer = await serverKey();
  intake.keys = [signer.key];
  page = await openEvidencePage({
    seed: async (db) => {
      seeded = await seedEvidence(db);
      const receipt = await receiptFor(seeded.items[2]!, signer, options.receiptChanges);
      for (const entry of outboxOf(seeded.items, receipt)) await db.put('outbox', entry);
      if (options.connected !== false) await saveIntakeConnection({ url: intake.url, token });
    },
  });
  await until(() => expect(page.all('evidence-sync-badge')).toHaveLength(4));
}

const badgeOf = (listingId: string) => {
  const row = page.all('evidence-row').find((one) => page.get('evidence-listing-id', one).textContent === listingId)!;
  return page.get('evidence-sync-badge', row);
};

describe('the list', () => {
  it('shows every item’s outbox state in its status cell, a parked one with a few words why', async () => {
    await openWithOutbox();
    expect(badgeOf(listingIds.aliexpress).textContent).toBe('Waiting to sync');
    expect(badgeOf(listingIds.taobao).textContent).toBe('Uploading');
    expect(badgeOf(listingIds.tmall).textContent).toBe('At the intake ✓');
    expect(badgeOf(listingIds.aliexpressRu).textContent).toBe('⚠ Parked: token refused');
    expect(badgeOf(listingIds.aliexpressRu).title).toBe('The intake refused your token: it may have been revoked or mistyped.');
  });

  it('follows the outbox as the background announces its changes', async () => {
    await openWithOutbox();
    await page.db.put('outbox', startAttempt(parseOutboxEntry(await page.db.get('outbox', seeded.items[0]!.id)), now));
    background.postMessage({ type: 'background:outbox-changed' });
    await until(() => expect(badgeOf(listingIds.aliexpress).textContent).toBe('Uploading'));
  });
});

describe('the page’s sync line', () => {
  it('counts the outbox and sends Sync now to the background', async () => {
    await openWithOutbox();
    await until(() => expect(page.get('outbox-summary-line').textContent).toBe('1 waiting to sync · 1 uploading · 1 parked, needing attention · 1 stored at the intake'));
    // The parked items are on this page: no link to it.
    expect(page.query('outbox-parked-link')).toBeNull();
    const received: unknown[] = [];
    fakeBrowser.runtime.onMessage.addListener(async (message: unknown) => {
      received.push(message);
      return { ok: true, summary: { queued: 1, uploading: 1, stored: 1, parked: 1 } };
    });
    page.get('sync-now').click();
    await until(() => expect(page.get('sync-now-outcome').textContent).toBe('Sync started.'));
    expect(received).toEqual([{ type: 'page:sync-now' }]);
  });
});

describe('an item’s sync', () => {
  it('shows a queued item’s attempts, when it is tried again, and the last error', async () => {
    await openWithOutbox();
    const view = await openItem(page, listingIds.aliexpress);
    await until(() => expect(page.get('evidence-sync', view).dataset.state).toBe('queued'));
    expect(page.get('evidence-sync-state', view).textContent).toBe('Waiting to sync');
    expect(page.get('evidence-sync-attempts', view).textContent).toBe('1');
    const next = page.get('evidence-sync-next', view).querySelector('time')!;
    expect(Date.parse(next.dateTime)).toBe(now + 3_600_000);
    expect(page.get('evidence-sync-last-error', view).textContent).toBe('rate-limited · HTTP 429 — Too many requests.');
    expect(page.query('evidence-sync-retry', view)).toBeNull();
  });

  it('says why a parked item is parked and what to do, and Retry asks the background to queue it again', async () => {
    await openWithOutbox();
    const received: unknown[] = [];
    fakeBrowser.runtime.onMessage.addListener(async (message: unknown) => {
      received.push(message);
      return { ok: true, summary: { queued: 2, uploading: 1, stored: 1, parked: 0 } };
    });
    const view = await openItem(page, listingIds.aliexpressRu);
    await until(() => expect(page.query('evidence-sync-parked', view)).not.toBeNull());
    expect(page.get('evidence-sync-why', view).textContent).toBe('The intake refused your token: it may have been revoked or mistyped.');
    expect(page.get('evidence-sync-todo', view).textContent).toBe('Ask your coalition administrator for a new token, enter it in the options, then press Retry.');
    page.get('evidence-sync-retry', view).click();
    await until(() => expect(page.get('evidence-sync-retry-result', view).textContent).toBe('Queued again.'));
    expect(received).toEqual([{ type: 'page:retry-parked', itemIds: [seeded.items[3]!.id] }]);
  });

  it('shows a stored item’s receipt: every digest equal to the item’s, and the signature checked against the intake’s keys', async () => {
    await openWithOutbox();
    const view = await openItem(page, listingIds.tmall);
    await until(() => expect(page.get('evidence-receipt-signature', view).dataset.state).toBe('good'));
    expect(page.get('evidence-receipt-signature', view).textContent).toBe('✓ signed by the intake’s key');
    expect(page.get('evidence-receipt-id', view).textContent).toBe('rcpt_01JDQ7ZK3M8N4P5Q6R7S8T9V0W');
    expect(page.get('evidence-receipt-holder', view).textContent).toBe('springer-nature, for j.smith');
    expect(page.get<HTMLTimeElement>('evidence-receipt-received', view).dateTime).toBe('2025-03-04T05:30:00.123Z');
    const digests = page.all('evidence-receipt-digest', view);
    // Id, metadata, record digest, place, previous link, link, recorded at, and the three files.
    expect(digests.map((row) => row.dataset.equal)).toEqual(Array(10).fill('true'));
    expect(digests[1]!.textContent).toBe(`Metadata SHA-256 ${seeded.items[2]!.metadataDigest} ✓ equal`);
    // The coalition's duplicate check: how many other members reported it, never which.
    expect(page.get('evidence-sync-duplicate', view).textContent).toBe('2 other member organisations had already reported this listing to the intake (which ones is not shown).');
    // The keys are public: asked without the token.
    expect(intake.requests).toEqual([{ method: 'GET', path: '/v1/server-keys', authorization: undefined }]);
  });

  it('shows where a receipt differs from the item, and a signature that no longer matches', async () => {
    const altered = 'f'.repeat(64);
    await openWithOutbox({ receiptChanges: { metadataDigest: altered } });
    const view = await openItem(page, listingIds.tmall);
    await until(() => expect(page.get('evidence-receipt-signature', view).dataset.state).toBe('bad'));
    expect(page.get('evidence-receipt-signature', view).textContent).toBe('✗ the signature does not match the receipt');
    const digests = page.all('evidence-receipt-digest', view);
    expect(digests.map((row) => row.dataset.equal)).toEqual(['true', 'false', ...Array(8).fill('true')]);
    expect(digests[1]!.textContent).toBe(`Metadata SHA-256 ${seeded.items[2]!.metadataDigest} ✗ differs the receipt says ${altered}`);
  });

  it('leaves the signature unchecked, and says so, without an intake to ask for its keys', async () => {
    await openWithOutbox({ connected: false });
    const view = await openItem(page, listingIds.tmall);
    await until(() => expect(page.get('evidence-receipt-signature', view).dataset.state).toBe('not-checked'));
    expect(page.get('evidence-receipt-signature', view).textContent).toBe('not checked: no intake connection to ask for its keys');
    expect(intake.requests).toEqual([]);
  });
});

describe('the words for a parked item', () => {
  beforeEach(() => {
    vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(en as typeof fakeBrowser.i18n.getMessage);
  });
  const fallback = (reason: string) => parkedWording(reason).why.includes('does not know');
  const parkCodes = problemCodes.filter((code) => problems[code].action === 'park');

  it.each([...parkCodes, 'bad-receipt', 'network'])('say why %s parked it, and what to do', (reason) => {
    const { short, why, todo } = parkedWording(reason);
    expect(fallback(reason)).toBe(false);
    expect([short, why, todo].every((text) => text.length > 0 && !text.includes(reason))).toBe(true);
  });

  it('word an answer without a problem by its status, and a code of a newer intake as it is', () => {
    expect(parkedWording('http-401').why).toBe(parkedWording('unauthenticated').why);
    expect(parkedWording('http-418')).toMatchObject({ short: 'HTTP 418', why: 'The intake answered HTTP 418 without saying why.' });
    expect(fallback('quota-exceeded')).toBe(true);
    expect(parkedWording('quota-exceeded').why).toContain('quota-exceeded');
  });
});
