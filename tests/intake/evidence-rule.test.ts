/**
 * What the intake takes as evidence: every artifact with bytes it receives and hashes itself, and a
 * visible-area screenshot among them, as the extension captures at every capture, whose bytes are
 * the image it is declared to be. Anything less is
 * 422 insufficient-evidence and changes nothing, so no member can plant "already reported by other
 * members" in everyone else's duplicate notices with an item of empty artifacts; an item counts in
 * those notices only once it is whole.
 */
import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addCapture } from '@/utils/evidence/store';
import type { EvidenceItem } from '@/utils/protocol/intake';
import { captureOf, freshDatabase, pixelPng } from '../support/evidence/store-helpers';
import { backends } from './support/backends';
import { Harness } from './support/harness';
import { capturedItem, type ItemOptions } from './support/items';

const listingId = '1005008888888888';
const screenshot = (bytes: Uint8Array) => ({ kind: 'visible-screenshot' as const, mediaType: 'image/png', bytes });
const fullPage = (bytes: Uint8Array) => ({ kind: 'full-page-screenshot' as const, mediaType: 'image/png', bytes });
const page = (bytes: Uint8Array) => ({ kind: 'page-html' as const, mediaType: 'text/html', bytes });
const some = (text: string) => new TextEncoder().encode(text);
/** A real PNG followed by `text`: an image to any reader that checks its signature. */
const png = (text: string) => new Uint8Array([...pixelPng, ...some(text)]);
const none = new Uint8Array(0);

describe.each(backends)('the evidence an item must carry ($name)', (backend) => {
  let h: Harness;
  beforeAll(() => backend.setup?.(), 60_000);
  afterAll(() => backend.teardown?.());
  beforeEach(async () => {
    h = await Harness.start(backend);
    // B holds whole evidence of the listing: A's notices about it count B, B's count A only once A's is whole.
    const theirs = await capturedItem(1, { listingId });
    await h.upload(theirs.item, theirs.bytes, 1 << 20, h.b.token);
  });
  afterEach(() => h.stop());

  it.each<[string, ItemOptions['artifacts'], string[]]>([
    ['an empty page beside a screenshot', [screenshot(some('png')), page(none)], ['/artifacts/1/size']],
    ['an empty screenshot', [screenshot(none), page(some('<p>'))], ['/artifacts/0/size']],
    ['a full page but no visible-area screenshot', [fullPage(some('png')), page(some('<p>'))], ['/artifacts']],
    ['nothing but an empty page (a planted notice)', [page(none)], ['/artifacts/0/size', '/artifacts']],
  ])('refuses %s: 422 insufficient-evidence pointing at it, nothing stored, nothing counted', async (_, artifacts, pointers) => {
    const { item } = await capturedItem(2, { listingId, artifacts });
    const before = await h.snapshot();
    const answer = await h.putItem(item);
    expect([answer.status, answer.json.code]).toEqual([422, 'insufficient-evidence']);
    expect(answer.json.errors.map((error: { pointer: string }) => error.pointer)).toEqual(pointers);
    expect(await h.snapshot()).toEqual(before);
    expect((await h.request('GET', `/v1/items/${item.id}`)).json.code).toBe('unknown-item');
    // A's refused item is nowhere in B's notices.
    const ours = await capturedItem(3, { listingId });
    expect((await h.putItem(ours.item, { token: h.b.token })).json.duplicate).toEqual({ reportedByOtherMembers: false, otherMembers: 0 });
  });

  it('takes what the extension captures: the visible area, the full page, the page', async () => {
    const { item, bytes } = await capturedItem(4, { listingId, artifacts: [screenshot(png('visible')), fullPage(png('full page')), page(some('<p>page</p>'))] });
    const status = await h.upload(item, bytes, 1 << 20);
    expect(status).toMatchObject({ state: 'complete', duplicate: { reportedByOtherMembers: true, otherMembers: 1 } });
  });

  it('takes an item exactly as the extension’s evidence store records a capture', async () => {
    const db = await freshDatabase();
    const stored: EvidenceItem = JSON.parse(JSON.stringify(await addCapture(db, captureOf(5))));
    const bytes = await Promise.all(stored.artifacts.map(async (_, index) => new Uint8Array(await (await db.get('artifacts', `${stored.id}/${index}`))!.blob.arrayBuffer())));
    expect((await h.upload(stored, bytes, 1 << 20)).state).toBe('complete');
  });

  it('counts an item in other members’ notices only once every byte of it has arrived and been hashed', async () => {
    const { item, bytes } = await capturedItem(6, { listingId: '1005006666666666', screenshotBytes: 3000 });
    const probe = await capturedItem(7, { listingId: '1005006666666666' });
    await h.putItem(item);
    const notice = async () => (await h.putItem(probe.item, { token: h.b.token })).json.duplicate.otherMembers;
    expect(await notice()).toBe(0);
    await h.putChunk(item.id, 0, bytes[0]!, 0, bytes[0]!.length);
    expect(await notice()).toBe(0);
    // The last byte arrives but does not hash to what the item declares: dropped, not counted.
    const wrong = Uint8Array.from(bytes[1]!, (byte) => byte ^ 1);
    expect((await h.putChunk(item.id, 1, wrong, 0, wrong.length)).json.code).toBe('hash-mismatch');
    expect(await notice()).toBe(0);
    await h.putChunk(item.id, 1, bytes[1]!, 0, bytes[1]!.length);
    expect(await notice()).toBe(1);
  });

  it.each<[string, NonNullable<ItemOptions['artifacts']>, number]>([
    ['text as a visible-area screenshot', [screenshot(some('this is no image, but it hashes right')), page(some('<p>'))], 0],
    ['zeros as a full-page screenshot', [screenshot(png('visible')), fullPage(new Uint8Array(4096)), page(some('<p>'))], 1],
    ['a PNG declared as a JPEG', [{ kind: 'visible-screenshot', mediaType: 'image/jpeg', bytes: png('visible') }, page(some('<p>'))], 0],
  ])('refuses %s at its first chunk: 422 insufficient-evidence, no byte kept, never counted', async (_, artifacts, index) => {
    const { item, bytes } = await capturedItem(8, { listingId, artifacts });
    expect((await h.putItem(item)).status).toBe(201);
    const before = await h.snapshot();
    const answer = await h.putChunk(item.id, index, bytes[index]!, 0, bytes[index]!.length);
    expect([answer.status, answer.json.code]).toEqual([422, 'insufficient-evidence']);
    expect(answer.json.errors.map((error: { pointer: string }) => error.pointer)).toEqual([`/artifacts/${index}`]);
    expect(await h.snapshot()).toEqual(before);
    const probe = await capturedItem(9, { listingId });
    expect((await h.putItem(probe.item, { token: h.b.token })).json.duplicate.otherMembers).toBe(0);
  });
});
