// @vitest-environment node
/**
 * The installation key's storage: fake-indexeddb keeps a CryptoKeyPair by structured clone in this
 * Node (as a browser's IndexedDB does), non-extractable and usable; the pair is generated once and
 * read back ever after, also by another context (a fresh copy of the module) and when two contexts
 * ask at the same moment; a damaged record is refused, not replaced.
 */
import { openDB } from 'idb';
import { describe, expect, it, vi } from 'vitest';
import { installationKey } from '@/utils/evidence/installation-key';
import { keyFingerprint, publicKeyJwk, signDigest, verifyDigestSignature } from '@/utils/protocol/signing';

const freshName = () => `installation-test-${crypto.randomUUID()}`;
const fingerprintOf = async (pair: CryptoKeyPair) => keyFingerprint(await publicKeyJwk(pair.publicKey));
const digest = 'ab'.repeat(32);

/** Another extension context: the module loaded anew, with nothing cached. */
async function otherContext(): Promise<typeof installationKey> {
  vi.resetModules();
  return (await import('@/utils/evidence/installation-key')).installationKey;
}

describe('the installation key', () => {
  it('survives fake-indexeddb’s structured clone as a CryptoKey that stays non-extractable', async () => {
    const name = freshName();
    const db = await openDB(name, 1, { upgrade: (database) => void database.createObjectStore('keys') });
    const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
    await db.put('keys', pair, 'k');
    const stored = (await db.get('keys', 'k')) as CryptoKeyPair;
    db.close();
    expect(stored.privateKey).toBeInstanceOf(CryptoKey);
    expect(stored.privateKey).not.toBe(pair.privateKey);
    expect(stored.privateKey.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('jwk', stored.privateKey)).rejects.toThrow();
    const jwk = await publicKeyJwk(stored.publicKey);
    expect(await verifyDigestSignature(jwk, digest, await signDigest(stored.privateKey, digest))).toBe(true);
  });

  it('is generated once, then the same pair is read back, in this context and another', async () => {
    const name = freshName();
    const first = await installationKey(name);
    expect(await installationKey(name)).toBe(first);
    expect(first.privateKey.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('pkcs8', first.privateKey)).rejects.toThrow();

    const reloaded = await (await otherContext())(name);
    expect(reloaded).not.toBe(first);
    expect(await fingerprintOf(reloaded)).toBe(await fingerprintOf(first));
    // The private key read back signs for the public key generated first.
    expect(await verifyDigestSignature(await publicKeyJwk(first.publicKey), digest, await signDigest(reloaded.privateKey, digest))).toBe(true);
  });

  it('is one key when several contexts ask for it at the same moment', async () => {
    const name = freshName();
    const contexts = [installationKey, await otherContext(), await otherContext(), await otherContext()];
    const generate = vi.spyOn(crypto.subtle, 'generateKey');
    const pairs = await Promise.all(contexts.map((context) => context(name)));
    // They did race: more than one context generated a pair, and all but one gave theirs up.
    expect(generate.mock.calls.length).toBeGreaterThan(1);
    const fingerprints = new Set(await Promise.all(pairs.map(fingerprintOf)));
    expect(fingerprints.size).toBe(1);
    const db = await openDB(name);
    expect(await db.count('keys')).toBe(1);
    db.close();
  });

  it('refuses a damaged record rather than replacing the key bundles already name', async () => {
    const name = freshName();
    const db = await openDB(name, 1, { upgrade: (database) => void database.createObjectStore('keys') });
    await db.put('keys', { privateKey: 'not a key', publicKey: null }, 'installation');
    db.close();
    await expect(installationKey(name)).rejects.toThrow(/damaged/);
    const again = await openDB(name);
    expect(await again.get('keys', 'installation')).toEqual({ privateKey: 'not a key', publicKey: null });
    again.close();
  });
});
