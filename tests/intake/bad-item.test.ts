/**
 * Every bad item record gets a clear 4xx with its problem code, and changes nothing: not a row,
 * not a byte. The server recomputes each digest with the evidence store's own
 * functions, so a record the extension did not make cannot pass for one.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chainLink } from '@/utils/protocol/digest';
import { itemRecordDigest } from '@/utils/protocol/record-digests';
import type { EvidenceItem } from '@/utils/protocol/intake';
import { backends } from './support/backends';
import { Harness } from './support/harness';
import { capturedItem } from './support/items';

const otherDigest = 'ab'.repeat(32);
type Tamper = (item: any) => void;

describe.each(backends)('a bad item record ($name)', (backend) => {
  let h: Harness;
  let item: EvidenceItem;
  let before: unknown;
  beforeAll(() => backend.setup?.(), 60_000);
  afterAll(() => backend.teardown?.());
  beforeEach(async () => {
    h = await Harness.start(backend);
    item = (await capturedItem(1)).item;
    // Something held already, so "nothing changed" covers existing rows too.
    const held = await capturedItem(2);
    await h.upload(held.item, held.bytes, 1 << 20);
    before = await h.snapshot();
  });
  afterEach(() => h.stop());

  const tampered = (tamper: Tamper): any => {
    const copy = structuredClone(item);
    tamper(copy);
    return copy;
  };
  const expectRefused = async (answer: { status: number; json: any }, status: number, code: string, pointer?: string) => {
    expect(answer.json).toMatchObject({ status, code });
    expect(answer.status).toBe(status);
    if (pointer !== undefined) expect(answer.json.errors.map((error: { pointer: string }) => error.pointer)).toContain(pointer);
    expect(await h.snapshot()).toEqual(before);
  };

  it.each<[string, Tamper, string]>([
    ['an unknown member', (copy) => (copy.uploadedBy = 'x'), '/uploadedBy'],
    ['an unknown member deep in the listing', (copy) => (copy.metadata.listing.shop.rating = 5), '/metadata/listing/shop/rating'],
    ['a size as a string', (copy) => (copy.artifacts[0].size = String(copy.artifacts[0].size)), '/artifacts/0/size'],
    ['a media type that does not fit its kind', (copy) => (copy.artifacts[0].mediaType = 'text/html'), '/artifacts/0'],
    ['tags that repeat', (copy) => (copy.metadata.tags = ['seller', 'seller']), '/metadata/tags'],
    ['an upper-case digest', (copy) => (copy.digest = copy.digest.toUpperCase()), '/digest'],
    ['no artifacts', (copy) => (copy.artifacts = []), '/artifacts'],
    ['a first record linked to something', (copy) => (copy.previousLink = otherDigest), '/previousLink'],
    ['a later record linked to nothing', (copy) => (copy.sequence = 2), '/previousLink'],
  ])('refuses %s: 422 schema, pointing at it', async (_, tamper, pointer) => {
    await expectRefused(await h.putItem(tampered(tamper), { body: JSON.stringify(tampered(tamper)) }), 422, 'schema', pointer);
  });

  it('refuses a body whose id is not the path’s: 422 schema at /id', async () => {
    await expectRefused(await h.request('PUT', `/v1/items/${otherDigest}`, {
      body: JSON.stringify(item),
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
    }), 422, 'schema', '/id');
    await expectRefused(await h.request('PUT', '/v1/items/not-a-digest', {
      body: JSON.stringify(item),
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
    }), 422, 'schema', '/id');
  });

  it.each<[string, Tamper, string]>([
    ['a wrong metadata digest', (copy) => (copy.metadataDigest = otherDigest), '/metadataDigest'],
    ['metadata changed after hashing', (copy) => (copy.metadata.note = 'edited afterwards'), '/metadataDigest'],
    ['an artifact digest changed after the id was made', (copy) => (copy.artifacts[1].sha256 = otherDigest), '/id'],
    ['an artifact size changed after the id was made', (copy) => (copy.artifacts[1].size += 1), '/id'],
    ['a wrong record digest', (copy) => (copy.digest = otherDigest), '/digest'],
    ['a createdAt changed after hashing', (copy) => (copy.createdAt = '2030-01-01T00:00:00.000Z'), '/digest'],
    ['a wrong chain link', (copy) => (copy.link = otherDigest), '/link'],
  ])('refuses %s: 422 hash-mismatch', async (_, tamper, pointer) => {
    const copy = tampered(tamper);
    await expectRefused(await h.putItem(copy), 422, 'hash-mismatch', pointer);
  });

  it('refuses an id that is not the digest of the content: 422 hash-mismatch at /id', async () => {
    const copy = tampered((c) => (c.id = otherDigest));
    await expectRefused(await h.request('PUT', `/v1/items/${otherDigest}`, {
      body: JSON.stringify(copy),
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
    }), 422, 'hash-mismatch', '/id');
  });

  it('refuses JSON that does not parse, and bytes that are not UTF-8: 400 malformed-json', async () => {
    await expectRefused(await h.putItem(item, { body: JSON.stringify(item).slice(0, -1) }), 400, 'malformed-json');
    await expectRefused(await h.putItem(item, { body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) }), 400, 'malformed-json');
    await expectRefused(await h.putItem(item, { body: '' }), 400, 'malformed-json');
  });

  it('refuses a body that is not application/json: 415', async () => {
    await expectRefused(await h.putItem(item, { headers: { 'Content-Type': 'text/plain' } }), 415, 'unsupported-media-type');
  });

  it('refuses a PUT without a usable Idempotency-Key: 400 idempotency-key-missing', async () => {
    const send = (headers: Record<string, string>) => h.request('PUT', `/v1/items/${item.id}`, { body: JSON.stringify(item), headers: { 'Content-Type': 'application/json', ...headers } });
    await expectRefused(await send({}), 400, 'idempotency-key-missing');
    await expectRefused(await send({ 'Idempotency-Key': 'short' }), 400, 'idempotency-key-missing');
  });

  it('refuses an item over 1 MiB while it streams, declared or not: 413 too-large', async () => {
    const big = JSON.stringify(tampered((copy) => (copy.metadata.note = 'x'.repeat(1024 * 1024))));
    await expectRefused(await h.putItem(item, { body: big }), 413, 'too-large');
    // Without a Content-Length (chunked), the limit is enforced on the bytes as they come.
    const stream = new ReadableStream({
      start(controller) {
        for (let sent = 0; sent < big.length; sent += 64 * 1024) controller.enqueue(new TextEncoder().encode(big.slice(sent, sent + 64 * 1024)));
        controller.close();
      },
    });
    const answer = await fetch(`${h.url}/v1/items/${item.id}`, {
      method: 'PUT',
      body: stream,
      duplex: 'half',
      headers: { Authorization: `Bearer ${h.a.token}`, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
    } as RequestInit);
    await expectRefused({ status: answer.status, json: await answer.json() }, 413, 'too-large');
  });

  it('refuses an artifact larger than the intake takes: 413 too-large', async () => {
    await expectRefused(await h.putItem(tampered((copy) => (copy.artifacts[0].size = 300 * 1024 * 1024))), 413, 'too-large');
  });

  it('refuses another record under an id the organisation holds: 409 item-conflict', async () => {
    await h.putItem(item);
    before = await h.snapshot();
    // The same content stored later in another chain: same id, its own createdAt, digest and link.
    const createdAt = '2031-05-06T07:08:09.010Z';
    const digest = await itemRecordDigest(item.id, createdAt);
    const conflicting = { ...item, createdAt, digest, link: await chainLink(null, digest) };
    await expectRefused(await h.putItem(conflicting), 409, 'item-conflict');
  });
});
