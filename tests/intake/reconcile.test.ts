/**
 * Reconciliation (what the intake holds of a list of ids, in order) and the duplicate notice (how
 * many other members hold complete evidence of the same listing, never which).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { backends } from './support/backends';
import { Harness } from './support/harness';
import { capturedItem } from './support/items';

const listingId = '1005009999999999';

describe.each(backends)('reconciling and duplicates ($name)', (backend) => {
  let h: Harness;
  beforeAll(() => backend.setup?.(), 60_000);
  afterAll(() => backend.teardown?.());
  beforeEach(async () => {
    h = await Harness.start(backend, { limits: { maxReconcileItems: 20 } });
  });
  afterEach(() => h.stop());

  const reconcile = (body: unknown, token?: string, contentType = 'application/json') =>
    h.request('POST', '/v1/reconcile', { token, body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'Content-Type': contentType } });

  it('answers each id in the order asked: complete with its receipt, incomplete, absent', async () => {
    const complete = await capturedItem(1);
    const receipt = (await h.upload(complete.item, complete.bytes, 1 << 20)).receipt;
    const incomplete = await capturedItem(2);
    await h.putItem(incomplete.item);
    const absent = await capturedItem(3);
    const theirs = await capturedItem(4);
    await h.upload(theirs.item, theirs.bytes, 1 << 20, h.b.token);

    const ids = [absent.item.id, complete.item.id, theirs.item.id, incomplete.item.id, complete.item.id];
    const answer = await reconcile({ itemIds: ids });
    expect(answer.status).toBe(200);
    expect(answer.json.items).toEqual([
      { itemId: absent.item.id, state: 'absent', receipt: null },
      { itemId: complete.item.id, state: 'complete', receipt },
      { itemId: theirs.item.id, state: 'absent', receipt: null },
      { itemId: incomplete.item.id, state: 'incomplete', receipt: null },
      { itemId: complete.item.id, state: 'complete', receipt },
    ]);
  });

  it.each<[string, unknown, number, string, string?]>([
    ['JSON that does not parse', '{"itemIds": [', 400, 'malformed-json'],
    ['an upper-case id', { itemIds: ['AB'.repeat(32)] }, 422, 'schema', '/itemIds/0'],
    ['no ids', { itemIds: [] }, 422, 'schema', '/itemIds'],
    ['an unknown member', { itemIds: ['ab'.repeat(32)], since: 1 }, 422, 'schema', '/since'],
    ['more ids than the protocol allows', { itemIds: Array.from({ length: 1001 }, () => 'ab'.repeat(32)) }, 422, 'schema', '/itemIds'],
    ['more ids than this intake reconciles at once', { itemIds: Array.from({ length: 21 }, () => 'ab'.repeat(32)) }, 413, 'too-large'],
    ['a body over the limit', { itemIds: ['ab'.repeat(32)], padding: 'x'.repeat(1024 * 1024) }, 413, 'too-large'],
  ])('refuses %s, changing nothing', async (_, body, status, code, pointer) => {
    const before = await h.snapshot();
    const answer = await reconcile(body);
    expect([answer.status, answer.json.code]).toEqual([status, code]);
    if (pointer) expect(answer.json.errors.map((error: { pointer: string }) => error.pointer)).toContain(pointer);
    expect(await h.snapshot()).toEqual(before);
  });

  it('refuses a body that is not JSON by its type: 415', async () => {
    expect((await reconcile({ itemIds: ['ab'.repeat(32)] }, undefined, 'text/plain')).json.code).toBe('unsupported-media-type');
  });

  it('tells an uploader how many other members hold complete evidence of the same listing, and nothing more', async () => {
    await h.intake.admin.createOrganisation('wiley', 'Wiley');
    const { token: wiley } = await h.intake.admin.createRepresentative('c.brown', { organisation: 'wiley', name: 'C. Brown' });
    const ours = await capturedItem(1, { listingId });
    const notice = async (id: string, token?: string) => (await h.request('GET', `/v1/items/${id}`, { token })).json.duplicate;

    const first = await h.putItem(ours.item);
    expect(first.json.duplicate).toEqual({ reportedByOtherMembers: false, otherMembers: 0 });

    // B's capture of the same listing counts once it is whole, not while it is on its way.
    const theirs = await capturedItem(2, { listingId });
    await h.putItem(theirs.item, { token: h.b.token });
    expect(await notice(ours.item.id)).toEqual({ reportedByOtherMembers: false, otherMembers: 0 });
    await h.upload(theirs.item, theirs.bytes, 1 << 20, h.b.token);
    expect(await notice(ours.item.id)).toEqual({ reportedByOtherMembers: true, otherMembers: 1 });
    expect(await notice(theirs.item.id, h.b.token)).toEqual({ reportedByOtherMembers: false, otherMembers: 0 });

    // Two captures by one member are one member; our own second capture is not another member.
    const theirsAgain = await capturedItem(3, { listingId });
    await h.upload(theirsAgain.item, theirsAgain.bytes, 1 << 20, h.b.token);
    const oursAgain = await capturedItem(4, { listingId });
    await h.upload(oursAgain.item, oursAgain.bytes, 1 << 20);
    const third = await capturedItem(5, { listingId });
    const thirdStatus = await h.upload(third.item, third.bytes, 1 << 20, wiley);
    expect(thirdStatus.duplicate).toEqual({ reportedByOtherMembers: true, otherMembers: 2 });
    expect(await notice(ours.item.id)).toEqual({ reportedByOtherMembers: true, otherMembers: 2 });
    expect(await notice(theirs.item.id, h.b.token)).toEqual({ reportedByOtherMembers: true, otherMembers: 2 });
  });

  it('counts a listing per marketplace: the same id on another marketplace is another listing', async () => {
    const ours = await capturedItem(1, { listingId });
    await h.upload(ours.item, ours.bytes, 1 << 20);
    const elsewhere = await capturedItem(2, { listingId, metadata: { marketplace: 'taobao' } });
    expect((await h.putItem(elsewhere.item, { token: h.b.token })).json.duplicate).toEqual({ reportedByOtherMembers: false, otherMembers: 0 });
    const another = await capturedItem(3);
    expect((await h.putItem(another.item, { token: h.b.token })).json.duplicate.otherMembers).toBe(0);
  });
});
