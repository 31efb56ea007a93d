// @vitest-environment node
// (the item is stored through the real evidence store first: Node's Blob survives fake-indexeddb, store-helpers.ts.)
/**
 * A receipt counts for an item only if one of the server's keys signed it and it repeats the
 * item's record: a well-signed receipt of other bytes proves nothing about these. The keys are
 * kept per intake URL and fetched again once for a key not yet known (a rotation).
 */
import { describe, expect, it } from 'vitest';
import { addCapture } from '@/utils/evidence/store';
import { generateInstallationKey, keyFingerprint, publicKeyJwk } from '@/utils/protocol/signing';
import type { IntakeClient } from '@/utils/sync/intake-client';
import { signReceipt, type EvidenceItem, type ServerKey } from '@/utils/protocol/intake';
import { checkItemReceipt, storedServerKeyRing } from '@/utils/sync/receipt-check';
import { captureOf, freshDatabase } from '../../support/evidence/store-helpers';

async function serverKey(): Promise<{ privateKey: CryptoKey; key: ServerKey }> {
  const pair = await generateInstallationKey();
  const publicKey = await publicKeyJwk(pair.publicKey);
  return { privateKey: pair.privateKey, key: { keyId: await keyFingerprint(publicKey), publicKey, validFrom: '2025-01-01T00:00:00.000Z', validUntil: null } };
}

function receiptOf(item: EvidenceItem, signer: { privateKey: CryptoKey; key: ServerKey }, changes: Record<string, unknown> = {}) {
  return signReceipt(signer.privateKey, {
    format: 'colophon-intake-receipt',
    formatVersion: 1,
    receiptId: 'rcpt_0123456789abcdef',
    receivedAt: '2026-01-02T03:04:05.678Z',
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
    ...changes,
  });
}

const fixedRing = (keys: ServerKey[]) => ({ keys: async () => keys, refresh: async () => keys });

describe('checking an item’s receipt', () => {
  it('accepts the server’s signature over the item’s own digests', async () => {
    const item = await addCapture(await freshDatabase(), captureOf(1));
    const signer = await serverKey();
    const receipt = await receiptOf(item, signer);
    expect(await checkItemReceipt(receipt, item, fixedRing([signer.key]))).toEqual({ ok: true, receipt });
  });

  it.each([
    ['another chain link', { link: 'f'.repeat(64) }],
    ['another sequence', { sequence: 99 }],
    ['another artifact digest', { artifacts: [{ kind: 'visible-screenshot', mediaType: 'image/png', size: 70, sha256: 'e'.repeat(64) }] }],
  ])('refuses a well-signed receipt with %s', async (_name, changes) => {
    const item = await addCapture(await freshDatabase(), captureOf(1));
    const signer = await serverKey();
    expect(await checkItemReceipt(await receiptOf(item, signer, changes), item, fixedRing([signer.key]))).toEqual({ ok: false, reason: 'other-item' });
  });

  it('refuses a receipt signed by a key the server never listed, after asking once more', async () => {
    const item = await addCapture(await freshDatabase(), captureOf(1));
    const [signer, stranger] = [await serverKey(), await serverKey()];
    let refreshes = 0;
    const ring = { keys: async () => [signer.key], refresh: async () => (refreshes++, [signer.key]) };
    expect(await checkItemReceipt(await receiptOf(item, stranger), item, ring)).toEqual({ ok: false, reason: 'unknown-key' });
    expect(refreshes).toBe(1);
  });
});

describe('the kept server keys', () => {
  it('are fetched once per intake and kept; a rotation is fetched again', async () => {
    const [old, rotated] = [await serverKey(), await serverKey()];
    let served = [old.key];
    let fetched = 0;
    const client = (url: string) => ({ url, serverKeys: async () => (fetched++, served) }) as unknown as IntakeClient;
    const ring = storedServerKeyRing(client('https://intake.example.org'));
    expect(await ring.keys()).toEqual([old.key]);
    expect(await storedServerKeyRing(client('https://intake.example.org')).keys()).toEqual([old.key]);
    expect(fetched).toBe(1);

    served = [old.key, rotated.key];
    const item = await addCapture(await freshDatabase(), captureOf(2));
    expect(await checkItemReceipt(await receiptOf(item, rotated), item, ring)).toMatchObject({ ok: true });
    expect(fetched).toBe(2);

    // Another intake's keys are its own.
    await storedServerKeyRing(client('https://other.example.org')).keys();
    expect(fetched).toBe(3);
  });
});
