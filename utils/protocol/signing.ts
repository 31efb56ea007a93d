/**
 * The installation's signing key, which signs evidence bundles: each installation generates one
 * ECDSA P-256 key pair whose private half cannot be exported — not by the extension, not by a
 * bug in it, not by someone copying the profile's IndexedDB through the extension's own APIs.
 * A bundle carries the signature of its manifest digest and the public key, so the verifier CLI
 * (Node) and the intake server can check that the bundle left this installation unaltered.
 * Keeping the CryptoKeyPair is the evidence database's job: IndexedDB stores CryptoKeys by
 * structured clone, non-extractable ones included.
 *
 * Formats the verifier depends on:
 * - what is signed: the UTF-8 bytes of the digest's 64 lower-case hex characters (not the 32 raw
 *   bytes), so a human can read what was signed from the manifest;
 * - the signature: ECDSA with SHA-256, IEEE P1363 `r || s` (64 bytes, as WebCrypto gives it, not
 *   DER), in base64url without padding. ECDSA signatures are not unique (a second valid one can be
 *   derived from any signature), so a signature identifies nothing; the digest does;
 * - the public key: a JWK with only kty, crv, x, y; its fingerprint is the SHA-256 hex of those
 *   members' canonical JSON, the RFC 7638 thumbprint input (hex where RFC 7638 says base64url).
 */
import { z } from 'zod';
import { Sha256Hex, sha256OfCanonical } from './digest';

const ecdsa = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const ecdsaSha256 = { name: 'ECDSA', hash: 'SHA-256' } as const;

/** A P-256 coordinate: 32 bytes in unpadded base64url. */
const Coordinate = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

/** The public half of an installation key, as it travels in bundles. */
export const InstallationPublicJwk = z.object({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: Coordinate,
  y: Coordinate,
});
export type InstallationPublicJwk = z.infer<typeof InstallationPublicJwk>;

/** A new key pair for this installation: the private key can sign but never be exported. */
export function generateInstallationKey(): Promise<CryptoKeyPair> {
  // WebCrypto applies `extractable` to the private key only; a generated public key is always exportable.
  return crypto.subtle.generateKey(ecdsa, false, ['sign', 'verify']);
}

/** The public key's JWK, reduced to the members that define it (no key_ops, ext, alg). */
export async function publicKeyJwk(key: CryptoKey): Promise<InstallationPublicJwk> {
  if (key.type !== 'public') throw new TypeError(`publicKeyJwk takes the public key, not a ${key.type} key`);
  const jwk = await crypto.subtle.exportKey('jwk', key);
  return InstallationPublicJwk.parse({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y });
}

/**
 * Signs a SHA-256 digest (lower-case hex). The key signs nothing else: anything that is not a
 * digest is refused, so no caller can turn the installation key into a signer of arbitrary text.
 */
export async function signDigest(privateKey: CryptoKey, digestHex: string): Promise<string> {
  if (!Sha256Hex.safeParse(digestHex).success) {
    throw new TypeError(`signDigest signs SHA-256 digests (64 lower-case hex digits), not ${JSON.stringify(digestHex)}`);
  }
  const signature = await crypto.subtle.sign(ecdsaSha256, privateKey, utf8(digestHex));
  return toBase64Url(new Uint8Array(signature));
}

/**
 * Whether `signature` is this public key's signature of `digestHex`. Bundles come from outside,
 * so every malformed input (a key that is not a P-256 point, a signature that is not 64 bytes of
 * canonical base64url, a digest that is not 64 lower-case hex) is simply `false`, never an error.
 */
export async function verifyDigestSignature(publicJwk: JsonWebKey, digestHex: string, signature: string): Promise<boolean> {
  const jwk = InstallationPublicJwk.safeParse(publicJwk);
  const signatureBytes = typeof signature === 'string' ? fromBase64Url(signature) : null;
  if (!jwk.success || signatureBytes?.length !== 64 || !Sha256Hex.safeParse(digestHex).success) return false;
  try {
    const key = await crypto.subtle.importKey('jwk', jwk.data, ecdsa, false, ['verify']);
    return await crypto.subtle.verify(ecdsaSha256, key, signatureBytes, utf8(digestHex));
  } catch {
    return false; // not a point on the curve, or the engine refused the key
  }
}

/** The key's fingerprint: SHA-256 hex of the canonical JSON of {crv, kty, x, y}, whatever else the JWK holds. */
export async function keyFingerprint(publicJwk: JsonWebKey): Promise<string> {
  const { kty, crv, x, y } = InstallationPublicJwk.parse(publicJwk);
  return sha256OfCanonical({ crv, kty, x, y });
}

const utf8 = (text: string) => new TextEncoder().encode(text);

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * Strict: only the base64url alphabet, no padding, and the one canonical spelling of the bytes
 * (unused trailing bits zero), so no two signature strings in a bundle mean the same bytes.
 */
function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  return toBase64Url(bytes) === text ? bytes : null;
}
