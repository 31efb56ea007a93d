/**
 * Item ids are unique per organisation: an id another member holds is simply a new item for the
 * caller. Every route, as each organisation, against the other's items (one whole, one half sent):
 * each answer is the one an id nobody holds would get, no write reaches the other's rows, and the
 * only thing either learns of the other is the documented duplicate notice, once its copy is whole.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EvidenceItem, ItemStatus } from '@/utils/protocol/intake';
import { backends } from './support/backends';
import { Harness, type Member } from './support/harness';
import { capturedItem, type UploadableItem } from './support/items';

const listingId = '1005004444444444';
const chunkBytes = 4096;

describe.each(backends)('one organisation and another’s items ($name)', (backend) => {
  let h: Harness;
  let whole: UploadableItem;
  let half: UploadableItem;
  /** Never sent by anyone, about the same listing: what an unknown id is answered. */
  let never: UploadableItem;
  beforeAll(() => backend.setup?.(), 60_000);
  afterAll(() => backend.teardown?.());
  beforeEach(async () => {
    h = await Harness.start(backend, { limits: { maxChunkBytes: chunkBytes } });
    whole = await capturedItem(1, { listingId, screenshotBytes: 10_000 });
    half = await capturedItem(2, { listingId, screenshotBytes: 10_000 });
    never = await capturedItem(3, { listingId, screenshotBytes: 10_000 });
  });
  afterEach(() => h.stop());

  const sides = [
    ['springer-nature', 'elsevier'],
    ['elsevier', 'springer-nature'],
  ];
  const members = (owner: string) => (owner === h.a.organisation ? { owner: h.a, other: h.b } : { owner: h.b, other: h.a });

  /** What the owner holds, as rows of its own and as its answers. */
  const ownerView = async (owner: Member) => {
    const rows = async (table: string) => h.storage.sql.query(`SELECT * FROM ${table} WHERE organisation_id = $1 ORDER BY item_id`, [owner.organisation]);
    const statuses = await Promise.all([whole, half].map(({ item }) => h.request('GET', `/v1/items/${item.id}`, { token: owner.token })));
    return { items: await rows('items'), receipts: await rows('receipts'), artifacts: await rows('artifacts'), statuses: statuses.map((answer) => answer.json) };
  };

  const sendOwnerItems = async (owner: Member) => {
    await h.upload(whole.item, whole.bytes, chunkBytes, owner.token);
    await h.putItem(half.item, { token: owner.token });
    await h.putChunk(half.item.id, 0, half.bytes[0]!.subarray(0, chunkBytes), 0, half.bytes[0]!.length, { token: owner.token });
  };

  /** The reading routes and a chunk, as `member` asks them about `item`: the answers with the item's id taken out. */
  const readings = async (member: Member, item: EvidenceItem) => {
    const token = member.token;
    const answers = [
      await h.request('GET', `/v1/items/${item.id}`, { token }),
      await h.request('GET', `/v1/items/${item.id}/receipt`, { token }),
      await h.putChunk(item.id, 0, new Uint8Array(16), 0, item.artifacts[0]!.size, { token }),
      await h.request('POST', '/v1/reconcile', { token, body: JSON.stringify({ itemIds: [item.id] }), headers: { 'Content-Type': 'application/json' } }),
    ];
    return answers.map(({ status, text }) => ({ status, body: text.replaceAll(item.id, '<id>') }));
  };

  it.each(sides)('answers every reading route about %s’s items to %s as about an id nobody holds, and changes nothing', async (ownerId) => {
    const { owner, other } = members(ownerId);
    await sendOwnerItems(owner);
    const before = await h.snapshot();
    const unknown = await readings(other, never.item);
    expect(unknown.map(({ status }) => status)).toEqual([404, 404, 404, 200]);
    expect(unknown[3]!.body).toBe('{"items":[{"itemId":"<id>","state":"absent","receipt":null}]}');
    expect(await readings(other, whole.item)).toEqual(unknown);
    expect(await readings(other, half.item)).toEqual(unknown);
    expect(await h.snapshot()).toEqual(before);
  });

  it.each(sides)('takes %s’s ids as new items of %s’s own, leaving the first’s as they were', async (ownerId) => {
    const { owner, other } = members(ownerId);
    await sendOwnerItems(owner);
    const ownerBefore = await ownerView(owner);
    const fresh = (item: EvidenceItem): ItemStatus => ({
      itemId: item.id,
      state: 'incomplete',
      artifacts: item.artifacts.map(({ size, sha256 }, index) => ({ index, size, sha256, received: 0 })),
      receipt: null,
      duplicate: { reportedByOtherMembers: true, otherMembers: 1 },
    });
    for (const { item } of [whole, half]) {
      const created = await h.putItem(item, { token: other.token });
      expect([created.status, created.json]).toEqual([201, fresh(item)]);
    }
    // A chunk at the owner's offset is out of order for the caller, whose copy starts at 0.
    const early = await h.putChunk(half.item.id, 0, half.bytes[0]!.subarray(chunkBytes, 2 * chunkBytes), chunkBytes, half.bytes[0]!.length, { token: other.token });
    expect([early.status, early.json.code, early.json.committedOffset]).toEqual([409, 'chunk-out-of-order', 0]);
    expect(await ownerView(owner)).toEqual(ownerBefore);

    // The caller's copy, whole, gets a receipt of its own; only then does the owner's notice count it.
    const theirs = await h.upload(whole.item, whole.bytes, chunkBytes, other.token);
    expect(theirs.receipt).toMatchObject({ organisation: other.organisation, itemId: whole.item.id });
    expect(theirs.receipt!.receiptId).not.toBe(ownerBefore.statuses[0].receipt.receiptId);
    const after = await ownerView(owner);
    const withoutNotices = (view: typeof after) => ({ ...view, statuses: view.statuses.map((status) => ({ ...status, duplicate: null })) });
    expect(withoutNotices(after)).toEqual(withoutNotices(ownerBefore));
    expect(after.statuses.map((status) => status.duplicate)).toEqual([
      { reportedByOtherMembers: true, otherMembers: 1 },
      { reportedByOtherMembers: true, otherMembers: 1 },
    ]);
  });

  it.each(sides)('keeps idempotency keys per organisation: a key %s used is a new request when %s sends it', async (ownerId) => {
    const { owner, other } = members(ownerId);
    const key = crypto.randomUUID();
    const first = await h.putItem(never.item, { token: owner.token, key });
    const second = await h.putItem(never.item, { token: other.token, key });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.json.duplicate).toEqual({ reportedByOtherMembers: false, otherMembers: 0 });
  });
});
