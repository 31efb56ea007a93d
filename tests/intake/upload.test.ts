/**
 * An item's way into the intake (intake/README.md, "Uploading an item"): its record, its artifacts
 * in chunks, and the receipt that the last chunk brings, checked as the extension checks it; then
 * everything still there after a restart, and an upload resumed after a cut.
 */
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkReceipt, contentRange, type ItemStatus, type ServerKeys } from '@/utils/protocol/intake';
import { uploadIdOf } from '../../intake/src/store/chunks';
import { backends } from './support/backends';
import { Harness } from './support/harness';
import { capturedItem, evidenceDatabase } from './support/items';
import { sendThenCut } from './support/raw-http';

const chunkBytes = 16 * 1024;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function bytesOf(pieces: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const all: Uint8Array[] = [];
  for await (const piece of pieces) all.push(piece);
  return Buffer.concat(all);
}

describe.each(backends)('uploading to the intake ($name)', (backend) => {
  let h: Harness;
  beforeAll(() => backend.setup?.(), 60_000);
  afterAll(() => backend.teardown?.());
  beforeEach(async () => {
    h = await Harness.start(backend, { limits: { maxChunkBytes: chunkBytes } });
  });
  afterEach(() => h.stop());

  const serverKeys = async (): Promise<ServerKeys> => (await h.request('GET', '/v1/server-keys', { token: null })).json;

  it('takes a real item in chunks and answers the last chunk with a receipt the extension accepts', async () => {
    const { item, bytes } = await capturedItem(1, { screenshotBytes: 100_000 });
    const created = await h.putItem(item);
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ itemId: item.id, state: 'incomplete', receipt: null, duplicate: { reportedByOtherMembers: false, otherMembers: 0 } });
    expect(created.json.artifacts).toEqual(item.artifacts.map(({ size, sha256 }, index) => ({ index, size, sha256, received: 0 })));

    const answers: ItemStatus[] = [];
    for (const [index, artifact] of bytes.entries()) {
      for (let start = 0; start < artifact.length; start += chunkBytes) {
        const answer = await h.putChunk(item.id, index, artifact.subarray(start, start + chunkBytes), start, artifact.length);
        expect(answer.status).toBe(200);
        answers.push(answer.json);
      }
    }
    expect(answers.length).toBeGreaterThan(7);
    expect(answers.slice(0, -1).every((answer) => answer.state === 'incomplete' && answer.receipt === null)).toBe(true);
    expect(answers[3]!.artifacts[0]!.received).toBe(4 * chunkBytes);

    const last = answers.at(-1)!;
    expect(last.state).toBe('complete');
    expect(last.artifacts.map(({ received, size }) => received === size)).toEqual([true, true]);
    const receipt = last.receipt!;
    expect(receipt).toMatchObject({
      organisation: h.a.organisation,
      representative: h.a.representative,
      itemId: item.id,
      metadataDigest: item.metadataDigest,
      digest: item.digest,
      sequence: item.sequence,
      previousLink: item.previousLink,
      link: item.link,
      createdAt: item.createdAt,
      artifacts: item.artifacts,
    });
    expect(await checkReceipt(receipt, (await serverKeys()).keys)).toMatchObject({ ok: true });
    expect(await checkReceipt({ ...receipt, link: item.digest }, (await serverKeys()).keys)).toEqual({ ok: false, reason: 'bad-signature' });

    // The bytes are stored whole under their digest, and the receipt is the item's from now on.
    for (const [index, artifact] of bytes.entries()) expect(sha256(await bytesOf(h.storage.blobs.read(item.artifacts[index]!.sha256)))).toBe(sha256(artifact));
    expect((await h.request('GET', `/v1/items/${item.id}/receipt`)).json).toEqual(receipt);
    expect((await h.request('GET', `/v1/items/${item.id}`)).json).toEqual(last);
    const again = await h.putItem(item);
    expect(again.status).toBe(200);
    expect(again.json.receipt).toEqual(receipt);
  });

  it('links items of one chain: the second item of an installation, sequence 2', async () => {
    const db = await evidenceDatabase();
    const first = await capturedItem(1, { db });
    const second = await capturedItem(2, { db });
    expect(second.item.previousLink).toBe(first.item.link);
    const status = await h.upload(second.item, second.bytes, chunkBytes);
    expect(status.receipt).toMatchObject({ sequence: 2, previousLink: first.item.link, link: second.item.link });
  });

  it('answers the receipt of an item not yet whole with 409 item-incomplete, and of no item with 404', async () => {
    const { item } = await capturedItem(4);
    await h.putItem(item);
    expect((await h.request('GET', `/v1/items/${item.id}/receipt`)).json).toMatchObject({ code: 'item-incomplete', status: 409 });
    const other = await capturedItem(5);
    expect((await h.request('GET', `/v1/items/${other.item.id}/receipt`)).json).toMatchObject({ code: 'unknown-item', status: 404 });
    expect((await h.request('GET', `/v1/items/${other.item.id}`)).json).toMatchObject({ code: 'unknown-item', status: 404 });
  });

  it('keeps items, receipts, tokens and keys across a restart, and resumes an upload begun before it', async () => {
    const whole = await capturedItem(6);
    const done = await h.upload(whole.item, whole.bytes, chunkBytes);
    const half = await capturedItem(7, { screenshotBytes: 60_000 });
    await h.putItem(half.item);
    await h.putChunk(half.item.id, 0, half.bytes[0]!.subarray(0, chunkBytes), 0, half.bytes[0]!.length);
    const keysBefore = await serverKeys();

    await h.restart();

    expect(await serverKeys()).toEqual(keysBefore);
    expect((await h.request('GET', '/v1/session')).json.representative.id).toBe(h.a.representative);
    expect((await h.request('GET', `/v1/items/${whole.item.id}`)).json).toEqual(done);
    expect(await checkReceipt(done.receipt, keysBefore.keys)).toMatchObject({ ok: true });
    const resumed = (await h.request('GET', `/v1/items/${half.item.id}`)).json as ItemStatus;
    expect(resumed.artifacts[0]!.received).toBe(chunkBytes);
    const finished = await h.upload(half.item, half.bytes, chunkBytes);
    expect(finished.state).toBe('complete');
    expect(finished.receipt!.keyId).toBe(keysBefore.keys[0]!.keyId);
  });

  it('resumes from the committed offset after a connection cut in the middle of a chunk', async () => {
    const { item, bytes } = await capturedItem(11, { screenshotBytes: 40_000 });
    const screenshot = bytes[0]!;
    await h.putItem(item);
    await h.putChunk(item.id, 0, screenshot.subarray(0, chunkBytes), 0, screenshot.length);
    await sendThenCut({
      url: h.url,
      method: 'PUT',
      path: `/v1/items/${item.id}/artifacts/0`,
      headers: {
        Authorization: `Bearer ${h.a.token}`,
        'Content-Type': 'application/octet-stream',
        'Idempotency-Key': randomUUID(),
        'Content-Range': contentRange(chunkBytes, 2 * chunkBytes, screenshot.length),
        'Content-Length': String(chunkBytes),
      },
      body: screenshot.subarray(chunkBytes, chunkBytes + 5000),
    });
    const status = (await h.request('GET', `/v1/items/${item.id}`)).json as ItemStatus;
    expect(status.artifacts.map(({ received }) => received)).toEqual([chunkBytes, 0]);
    // The client carries on from there: the record again (200, held), then what is missing.
    const finished = await h.upload(item, bytes, chunkBytes);
    expect(finished.state).toBe('complete');
    expect(sha256(await bytesOf(h.storage.blobs.read(item.artifacts[0]!.sha256)))).toBe(sha256(screenshot));
    expect(await checkReceipt(finished.receipt, (await serverKeys()).keys)).toMatchObject({ ok: true });
  });

  it('signs with a new key after a rotation, and still lists the old one so old receipts check', async () => {
    const before = await capturedItem(8);
    const oldReceipt = (await h.upload(before.item, before.bytes, chunkBytes)).receipt!;
    const newKey = await h.intake.admin.rotateKey();
    const after = await capturedItem(9);
    const newReceipt = (await h.upload(after.item, after.bytes, chunkBytes)).receipt!;
    const { keys } = await serverKeys();
    expect(keys).toHaveLength(2);
    expect(keys[0]!.validUntil).toBe(newKey.validFrom);
    expect(keys[1]).toEqual(newKey);
    expect(newReceipt.keyId).toBe(newKey.keyId);
    expect(oldReceipt.keyId).toBe(keys[0]!.keyId);
    for (const receipt of [oldReceipt, newReceipt]) expect(await checkReceipt(receipt, keys)).toMatchObject({ ok: true });
  });

  it('finishes, at the next start, the promotion of an artifact committed just before a crash', async () => {
    const { item, bytes } = await capturedItem(10, { artifacts: [{ kind: 'visible-screenshot', mediaType: 'image/png', bytes: new TextEncoder().encode('a screenshot') }] });
    await h.putItem(item);
    // The crash: the bytes committed and staged, the rename to their content address never done.
    const uploadId = uploadIdOf(h.a.organisation, item.id, 0);
    await h.storage.blobs.writeStaged(uploadId, 0, bytes[0]!);
    await h.storage.sql.run('UPDATE artifacts SET received = size WHERE item_id = $1', [item.id]);
    expect(await h.storage.blobs.has(item.artifacts[0]!.sha256)).toBe(false);

    await h.restart();

    expect(sha256(await bytesOf(h.storage.blobs.read(item.artifacts[0]!.sha256)))).toBe(item.artifacts[0]!.sha256);
    const [row] = await h.storage.sql.query('SELECT promoted FROM artifacts WHERE item_id = $1', [item.id]);
    expect(Number(row!.promoted)).toBe(1);
  });
});
