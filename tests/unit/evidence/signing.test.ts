/**
 * The installation key: signatures round-trip and fail on any change; malformed input verifies
 * false without throwing; the private key cannot be exported yet survives structured cloning
 * (how IndexedDB keeps it); and the formats agree with node:crypto, which a verifier may use.
 */
import { createHash, createPublicKey, sign as nodeSign, verify as nodeVerify, generateKeyPairSync } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '@/utils/protocol/digest';
import {
  generateInstallationKey,
  InstallationPublicJwk,
  keyFingerprint,
  publicKeyJwk,
  signDigest,
  verifyDigestSignature,
} from '@/utils/protocol/signing';

const utf8 = (text: string) => new TextEncoder().encode(text);
const flipHexDigit = (hex: string, at: number) => `${hex.slice(0, at)}${hex[at] === 'a' ? 'b' : 'a'}${hex.slice(at + 1)}`;

let keys: CryptoKeyPair;
let jwk: InstallationPublicJwk;
let digest: string;
let signature: string;
beforeAll(async () => {
  keys = await generateInstallationKey();
  jwk = await publicKeyJwk(keys.publicKey);
  digest = await sha256Hex(utf8('{"files":[]}'));
  signature = await signDigest(keys.privateKey, digest);
});

describe('the installation key pair', () => {
  it('is ECDSA P-256 with a private key that cannot be exported', async () => {
    expect(keys.privateKey.algorithm).toMatchObject({ name: 'ECDSA', namedCurve: 'P-256' });
    expect(keys.privateKey.extractable).toBe(false);
    expect(keys.privateKey.usages).toEqual(['sign']);
    await expect(crypto.subtle.exportKey('jwk', keys.privateKey)).rejects.toThrow();
    await expect(crypto.subtle.exportKey('pkcs8', keys.privateKey)).rejects.toThrow();
    expect(keys.publicKey.extractable).toBe(true);
  });

  it('exports the public key as kty, crv, x, y only', async () => {
    expect(Object.keys(jwk).sort()).toEqual(['crv', 'kty', 'x', 'y']);
    expect(jwk).toMatchObject({ kty: 'EC', crv: 'P-256' });
    await expect(publicKeyJwk(keys.privateKey)).rejects.toThrow('public key');
  });

  it('survives structuredClone, as IndexedDB stores it: still signs, still not exportable', async () => {
    const clone = structuredClone(keys);
    expect(clone.privateKey.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('jwk', clone.privateKey)).rejects.toThrow();
    const fromClone = await signDigest(clone.privateKey, digest);
    expect(await verifyDigestSignature(jwk, digest, fromClone)).toBe(true);
    expect(await publicKeyJwk(clone.publicKey)).toEqual(jwk);
  });
});

describe('signDigest and verifyDigestSignature', () => {
  it('round-trips, with a 64-byte r||s signature in unpadded base64url', async () => {
    expect(signature).toMatch(/^[A-Za-z0-9_-]{86}$/);
    expect(Buffer.from(signature, 'base64url')).toHaveLength(64);
    expect(await verifyDigestSignature(jwk, digest, signature)).toBe(true);
  });

  it('signs the UTF-8 of the hex digest: node:crypto verifies it as IEEE P1363', () => {
    const publicKey = createPublicKey({ key: jwk, format: 'jwk' });
    const signed = Buffer.from(digest, 'utf8');
    const bytes = Buffer.from(signature, 'base64url');
    expect(nodeVerify('sha256', signed, { key: publicKey, dsaEncoding: 'ieee-p1363' }, bytes)).toBe(true);
    expect(nodeVerify('sha256', Buffer.from(digest, 'hex'), { key: publicKey, dsaEncoding: 'ieee-p1363' }, bytes)).toBe(false);
  });

  it('verifies a signature made by node:crypto in the same format', async () => {
    const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const nodeJwk = pair.publicKey.export({ format: 'jwk' });
    const made = nodeSign('sha256', Buffer.from(digest, 'utf8'), { key: pair.privateKey, dsaEncoding: 'ieee-p1363' });
    expect(await verifyDigestSignature(nodeJwk, digest, made.toString('base64url'))).toBe(true);
  });

  it('fails for a digest with one hex digit changed', async () => {
    for (const at of [0, 31, 63]) {
      expect(await verifyDigestSignature(jwk, flipHexDigit(digest, at), signature)).toBe(false);
    }
  });

  it('fails for a signature with one byte changed', async () => {
    for (const at of [0, 31, 32, 63]) {
      const bytes = Buffer.from(signature, 'base64url');
      bytes[at] = (bytes[at] ?? 0) ^ 0x01;
      expect(await verifyDigestSignature(jwk, digest, bytes.toString('base64url'))).toBe(false);
    }
  });

  it('fails for another installation key', async () => {
    const other = await generateInstallationKey();
    expect(await verifyDigestSignature(await publicKeyJwk(other.publicKey), digest, signature)).toBe(false);
  });

  it('refuses to sign anything that is not a lower-case SHA-256 digest', async () => {
    await expect(signDigest(keys.privateKey, digest.toUpperCase())).rejects.toThrow(TypeError);
    await expect(signDigest(keys.privateKey, 'I transfer all rights')).rejects.toThrow('SHA-256');
  });

  const lastChar = () => signature[85] ?? 'A';
  it.each<[string, () => [unknown, unknown, unknown]]>([
    ['an empty signature', () => [jwk, digest, '']],
    ['a signature with padding', () => [jwk, digest, `${signature}==`]],
    ['a signature in standard base64', () => [jwk, digest, Buffer.from(signature, 'base64url').toString('base64')]],
    ['a signature with a character outside base64url', () => [jwk, digest, `${signature.slice(0, 85)}!`]],
    ['a truncated signature', () => [jwk, digest, signature.slice(0, 84)]],
    ['a signature one byte long', () => [jwk, digest, `${signature}AA`]],
    ['a non-canonical spelling of the same bytes', () => [jwk, digest, `${signature.slice(0, 85)}${String.fromCharCode(lastChar().charCodeAt(0) ^ 1)}`]],
    ['a DER signature', () => [jwk, digest, derOf(Buffer.from(signature, 'base64url')).toString('base64url')]],
    ['a signature that is not a string', () => [jwk, digest, 42]],
    ['an upper-case digest', () => [jwk, digest.toUpperCase(), signature]],
    ['a digest that is not hex', () => [jwk, 'z'.repeat(64), signature]],
    ['a digest that is not a string', () => [jwk, null, signature]],
    ['a key that is null', () => [null, digest, signature]],
    ['a key with no y', () => [{ kty: 'EC', crv: 'P-256', x: jwk.x }, digest, signature]],
    ['an RSA key', () => [{ kty: 'RSA', n: 'AQAB', e: 'AQAB' }, digest, signature]],
    ['a key on another curve', () => [{ ...jwk, crv: 'P-384' }, digest, signature]],
    ['a key that is not a point on the curve', () => [{ ...jwk, y: jwk.x }, digest, signature]],
  ])('returns false, without throwing, for %s', async (_kind, input) => {
    const [key, digestHex, signatureText] = input();
    await expect(verifyDigestSignature(key as JsonWebKey, digestHex as string, signatureText as string)).resolves.toBe(false);
  });
});

describe('keyFingerprint', () => {
  it('is the SHA-256 of the canonical JSON of crv, kty, x, y', async () => {
    const expected = createHash('sha256')
      .update(`{"crv":"P-256","kty":"EC","x":"${jwk.x}","y":"${jwk.y}"}`, 'utf8')
      .digest('hex');
    expect(await keyFingerprint(jwk)).toBe(expected);
  });

  it('does not depend on member order or on members other than crv, kty, x, y', async () => {
    const reordered: JsonWebKey = { y: jwk.y, x: jwk.x, crv: jwk.crv, kty: jwk.kty };
    const exported = await crypto.subtle.exportKey('jwk', keys.publicKey); // with key_ops and ext
    expect(exported.key_ops).toBeDefined();
    expect(await keyFingerprint(reordered)).toBe(await keyFingerprint(jwk));
    expect(await keyFingerprint(exported)).toBe(await keyFingerprint(jwk));
  });

  it('differs between installations', async () => {
    const other = await generateInstallationKey();
    expect(await keyFingerprint(await publicKeyJwk(other.publicKey))).not.toBe(await keyFingerprint(jwk));
  });

  it('refuses a key that is not a P-256 public key', async () => {
    await expect(keyFingerprint({ kty: 'EC', crv: 'P-256', x: jwk.x })).rejects.toThrow();
  });
});

/** The DER (ASN.1 SEQUENCE of two INTEGERs) form of an r||s signature, which the verifier must not accept. */
function derOf(p1363: Buffer): Buffer {
  const integer = (half: Buffer) => {
    let value = half;
    while (value.length > 1 && value[0] === 0 && (value[1] ?? 0) < 0x80) value = value.subarray(1);
    if ((value[0] ?? 0) >= 0x80) value = Buffer.concat([Buffer.from([0]), value]);
    return Buffer.concat([Buffer.from([0x02, value.length]), value]);
  };
  const body = Buffer.concat([integer(p1363.subarray(0, 32)), integer(p1363.subarray(32))]);
  return Buffer.concat([Buffer.from([0x30, body.length]), body]);
}
