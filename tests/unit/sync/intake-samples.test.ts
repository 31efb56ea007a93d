// @vitest-environment node
// (the item is stored through the real evidence store first: Node's Blob survives fake-indexeddb, store-helpers.ts.)
/**
 * Payloads of the intake protocol as the extension and the server will exchange them: an item as
 * the evidence store keeps it, its status, a receipt signed and checked, each problem. Each parses
 * with the client's schemas, and each tampered copy (an extra member, a bad digest, a wrong type)
 * is refused.
 */
import { createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '@/utils/protocol/canonical-json';
import { sha256OfCanonical } from '@/utils/protocol/digest';
import type { EvidenceItem as StoredItem } from '@/utils/protocol/evidence';
import { generateInstallationKey, keyFingerprint, publicKeyJwk } from '@/utils/protocol/signing';
import { addCapture } from '@/utils/evidence/store';
import {
  checkReceipt, contentRange, ContentRange, EvidenceItem, intakeLimits, ItemStatus, Problem, problemAction, problemCodes, problems,
  receiptDigest, ReconcileRequest, ReconcileResponse, Session, ServerKeys, signReceipt, type Receipt, type ServerKey,
} from '@/utils/protocol/intake';
import { captureOf, freshDatabase, sha256OfBytes } from '../../support/evidence/store-helpers';

/** The item as it goes on the wire: the stored record through JSON. */
async function storedItem(n = 1): Promise<Record<string, any>> {
  const item: StoredItem = await addCapture(await freshDatabase(), captureOf(n));
  return JSON.parse(JSON.stringify(item));
}

async function serverKey(validFrom = '2025-01-01T00:00:00.000Z'): Promise<{ keys: CryptoKeyPair; key: ServerKey }> {
  const keys = await generateInstallationKey();
  const publicKey = await publicKeyJwk(keys.publicKey);
  return { keys, key: { keyId: await keyFingerprint(publicKey), publicKey, validFrom, validUntil: null } };
}

async function receiptFor(item: Record<string, any>, signer: { keys: CryptoKeyPair; key: ServerKey }): Promise<Receipt> {
  return signReceipt(signer.keys.privateKey, {
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
    artifacts: item.artifacts,
    keyId: signer.key.keyId,
  });
}

const rejects = (schema: { safeParse(value: unknown): { success: boolean } }, value: unknown) => expect(schema.safeParse(value).success).toBe(false);

describe('an evidence item on the wire', () => {
  it('is the stored record, and its digests are those the server recomputes', async () => {
    const item = await storedItem();
    expect(EvidenceItem.parse(item)).toEqual(item);
    expect(await sha256OfCanonical(item.metadata)).toBe(item.metadataDigest);
    const descriptors = item.artifacts.map(({ kind, mediaType, size, sha256 }: Record<string, unknown>) => ({ kind, mediaType, size, sha256 }));
    expect(await sha256OfCanonical({ artifacts: descriptors, metadataDigest: item.metadataDigest })).toBe(item.id);
    expect(sha256OfBytes(canonicalJson({ createdAt: item.createdAt, id: item.id, record: 'item' }))).toBe(item.digest);
    expect(Buffer.byteLength(JSON.stringify(item))).toBeLessThan(intakeLimits.maxItemBytes);
  });

  it.each([
    ['an extra member', (item: any) => (item.uploadedBy = 'x')],
    ['an extra member deep in the listing', (item: any) => (item.metadata.listing.shop.rating = 5)],
    ['an extra member in a match reason', (item: any) => (item.metadata.match.reasons[0].score = 1)],
    ['an extra member in an artifact', (item: any) => (item.artifacts[0].blob = 'AAAA')],
    ['an upper-case id', (item: any) => (item.id = item.id.toUpperCase())],
    ['a short artifact digest', (item: any) => (item.artifacts[1].sha256 = item.artifacts[1].sha256.slice(1))],
    ['a size as a string', (item: any) => (item.artifacts[0].size = String(item.artifacts[0].size))],
    ['a sequence of zero', (item: any) => (item.sequence = 0)],
    ['a media type that does not fit the kind', (item: any) => (item.artifacts[0].mediaType = 'text/html')],
    ['no artifacts', (item: any) => (item.artifacts = [])],
    ['a capture time without milliseconds', (item: any) => (item.metadata.capturedAt = '2025-03-04T05:07:07Z')],
  ])('is refused with %s', async (_, tamper) => {
    const item = await storedItem();
    tamper(item);
    rejects(EvidenceItem, item);
  });
});

describe('a receipt', () => {
  it('is signed over the canonical JSON without its signature, as node:crypto checks independently', async () => {
    const signer = await serverKey();
    const item = await storedItem();
    const receipt = await receiptFor(item, signer);
    const { signature, ...signed } = receipt;
    const digest = sha256OfBytes(canonicalJson(signed));
    expect(await receiptDigest(receipt)).toBe(digest);
    const publicKey = createPublicKey({ key: { ...signer.key.publicKey }, format: 'jwk' });
    expect(verify('sha256', Buffer.from(digest, 'ascii'), { key: publicKey, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'))).toBe(true);
    expect(await checkReceipt(receipt, [signer.key])).toEqual({ ok: true, key: signer.key });
  });

  it('is refused when tampered, unknown to the keys, or signed outside its key\'s validity', async () => {
    const signer = await serverKey();
    const other = await serverKey();
    const receipt = await receiptFor(await storedItem(), signer);
    const reason = async (value: unknown, keys = [signer.key]) => ((await checkReceipt(value, keys)) as { reason?: string }).reason;

    expect(await reason({ ...receipt, receivedAt: '2025-03-04T05:30:00.124Z' })).toBe('bad-signature');
    expect(await reason({ ...receipt, artifacts: [receipt.artifacts[0]] })).toBe('bad-signature');
    expect(await reason({ ...receipt, note: 'extra' })).toBe('schema');
    expect(await reason({ ...receipt, itemId: 'A'.repeat(64) })).toBe('schema');
    expect(await reason({ ...receipt, sequence: '1' })).toBe('schema');
    expect(await reason(receipt, [other.key])).toBe('unknown-key');
    // A key listed under the receipt's keyId but with another public key is not that key.
    expect(await reason(receipt, [{ ...other.key, keyId: signer.key.keyId }])).toBe('unknown-key');
    expect(await reason(receipt, [{ ...signer.key, validFrom: '2025-03-05T00:00:00.000Z' }])).toBe('key-not-valid-then');
    expect(await reason(receipt, [{ ...signer.key, validUntil: '2025-03-04T05:30:00.123Z' }])).toBe('key-not-valid-then');
    expect(await reason(receipt, [other.key, { ...signer.key, validUntil: '2025-03-04T05:30:00.124Z' }])).toBeUndefined();
  });
});

describe('the answers', () => {
  it('parse: session, server keys, item status incomplete and complete, reconciliation', async () => {
    const signer = await serverKey();
    const item = await storedItem();
    const receipt = await receiptFor(item, signer);
    Session.parse({
      organisation: { id: 'springer-nature', name: 'Springer Nature' },
      representative: { id: 'j.smith', name: 'J. Smith' },
      limits: intakeLimits,
      serverTime: '2025-03-04T05:29:59.000Z',
    });
    ServerKeys.parse({ keys: [signer.key] });
    const progress = item.artifacts.map((artifact: any, index: number) => ({ index, size: artifact.size, sha256: artifact.sha256, received: 0 }));
    const incomplete = { itemId: item.id, state: 'incomplete', artifacts: progress, receipt: null, duplicate: { reportedByOtherMembers: false, otherMembers: 0 } };
    expect(ItemStatus.parse(incomplete)).toEqual(incomplete);
    const done = progress.map((artifact: any) => ({ ...artifact, received: artifact.size }));
    ItemStatus.parse({ ...incomplete, state: 'complete', artifacts: done, receipt, duplicate: { reportedByOtherMembers: true, otherMembers: 2 } });
    ReconcileRequest.parse({ itemIds: [item.id] });
    ReconcileResponse.parse({ items: [{ itemId: item.id, state: 'complete', receipt }, { itemId: 'f'.repeat(64), state: 'absent', receipt: null }] });

    rejects(ItemStatus, { ...incomplete, duplicate: { reportedByOtherMembers: true, otherMembers: 1, organisations: ['wiley'] } });
    rejects(ItemStatus, { ...incomplete, artifacts: [{ ...progress[0], received: -1 }] });
    rejects(ReconcileRequest, { itemIds: [] });
    rejects(ReconcileRequest, { itemIds: Array.from({ length: intakeLimits.maxReconcileItems + 1 }, () => item.id) });
    rejects(ServerKeys, { keys: [{ ...signer.key, publicKey: { ...signer.key.publicKey, d: 'secret' } }] });
  });

  it.each(problemCodes)('parse the problem %s, and refuse it tampered', (code) => {
    const problem = { code, status: problems[code].status, title: `the ${code} problem` };
    expect(Problem.parse(problem)).toEqual(problem);
    rejects(Problem, { ...problem, code: 'teapot' });
    rejects(Problem, { ...problem, status: String(problem.status) });
    rejects(Problem, { ...problem, stack: 'at handler (server.ts:1)' });
  });

  it('tell the client what to do: park on 401, 403 and 422, retry on 429 and 503, resume from the committed offset', () => {
    const problem = (code: (typeof problemCodes)[number]) => Problem.parse({ code, status: problems[code].status, title: code, committedOffset: 0 });
    for (const code of problemCodes) {
      const { status } = problems[code];
      if ([401, 403, 422].includes(status)) expect({ code, action: problemAction(problem(code)) }).toEqual({ code, action: 'park' });
      if ([429, 500, 503].includes(status)) expect({ code, action: problemAction(problem(code)) }).toEqual({ code, action: 'retry' });
    }
    expect(problemAction(problem('chunk-out-of-order'))).toBe('resume');
    expect(problemAction(problem('truncated'))).toBe('resume');
  });
});

describe('a chunk\'s Content-Range', () => {
  it('is inclusive of both ends and names the artifact size', () => {
    const size = 20 * 1024 * 1024;
    expect(contentRange(0, intakeLimits.maxChunkBytes, size)).toBe('bytes 0-8388607/20971520');
    expect(contentRange(16 * 1024 * 1024, size, size)).toBe('bytes 16777216-20971519/20971520');
    expect(ContentRange.safeParse(contentRange(0, 1, 1)).success).toBe(true);
    for (const bad of ['bytes 0-1', 'bytes=0-1/2', 'bytes 01-2/3', 'bytes */3', 'items 0-1/2']) rejects(ContentRange, bad);
  });
});
