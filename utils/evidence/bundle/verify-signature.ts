/**
 * The bundle's signature, and whose it is. A valid signature proves only that the manifest is what
 * the bundled key signed: anyone can generate a key, re-sign an edited bundle and ship their own
 * public key with it. What ties the bundle to its sender is the key's fingerprint, compared with
 * the one the sender's Colophon shows. So a valid signature under a key nobody named is reported
 * as exactly that ("signer not checked"), and when the caller names the keys it trusts, a bundle
 * signed by any other key is refused with its own finding, `signer-not-trusted`.
 */
import { InstallationPublicJwk, keyFingerprint, verifyDigestSignature } from '@/utils/protocol/signing';
import { manifestFile, publicKeyFile, signatureFile, type BundleManifest } from './manifest';
import { plain, quoted, shown } from './shown-text';
import type { Fail } from './verify-findings';

/** Whether the signer's key is one the caller named: not checked when none was named. */
export type SignerCheck = 'trusted' | 'not-trusted' | 'not-checked';

export interface SignatureResult {
  /** The fingerprint of the bundled public key, when it is one. */
  fingerprint: string | null;
  signer: SignerCheck;
}

export type ReadFile = (name: string, absent: 'manifest-missing' | 'digest-missing' | 'key-missing' | 'signature-missing') => Promise<Uint8Array | null>;

/** A key fingerprint as Colophon shows it: 64 hexadecimal digits, compared in lower case. */
export const fingerprintPattern = /^[0-9a-f]{64}$/i;

/** Checks the key and the signature, and the key against `trusted` when given. */
export async function checkSignature(manifest: BundleManifest, digest: string, read: ReadFile, fail: Fail, trusted?: readonly string[]): Promise<SignatureResult> {
  const { signer } = manifest;
  if ((await keyFingerprint(signer.publicKey)) !== signer.fingerprint) fail('manifest-invalid', manifestFile, shown`the signer’s fingerprint does not follow from the signer’s public key`);
  const keyData = await read(publicKeyFile, 'key-missing');
  let key: InstallationPublicJwk | null = null;
  if (keyData) {
    try {
      const parsed = InstallationPublicJwk.safeParse(JSON.parse(new TextDecoder().decode(keyData)));
      if (parsed.success) key = { kty: parsed.data.kty, crv: parsed.data.crv, x: parsed.data.x, y: parsed.data.y };
    } catch {
      // reported below
    }
    if (!key) fail('key-invalid', publicKeyFile, shown`is not an ECDSA P-256 public key in JWK form`);
  }
  const fingerprint = key ? await keyFingerprint(key) : null;
  if (key && (key.x !== signer.publicKey.x || key.y !== signer.publicKey.y)) fail('key-not-signer', publicKeyFile, shown`is not the key the manifest names as its signer`);
  const signatureData = await read(signatureFile, 'signature-missing');
  if (key && signatureData) {
    // No digest covers manifest.sig either: it must be the signature and one line feed, nothing more.
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(signatureData);
    if (text.indexOf('\n') !== text.length - 1) {
      fail('signature-invalid', signatureFile, shown`is not one line, the signature and a line feed, as Colophon writes it`);
    } else if (!(await verifyDigestSignature(key, digest, text.slice(0, -1)))) {
      fail('signature-invalid', signatureFile, shown`the signature does not verify over manifest.json’s SHA-256 with the bundled public key: the manifest, its signature or the key was changed after signing`);
    }
  }
  return { fingerprint, signer: signerCheck(fingerprint, trusted, fail) };
}

function signerCheck(fingerprint: string | null, trusted: readonly string[] | undefined, fail: Fail): SignerCheck {
  if (trusted === undefined) return 'not-checked';
  if (fingerprint !== null && trusted.some((named) => named.toLowerCase() === fingerprint)) return 'trusted';
  if (fingerprint !== null) {
    const keys = trusted.length === 1 ? shown`the key named, ${plain(trusted[0]!.toLowerCase())}` : shown`any of the ${trusted.length} keys named`;
    fail('signer-not-trusted', publicKeyFile, shown`the bundle was signed by the key ${plain(fingerprint)}, not by ${keys}`);
  }
  return 'not-trusted';
}

/**
 * The fingerprints in a file of trusted keys: one per line, `#` starting a comment, blank lines
 * ignored. Throws, naming the line, on anything that is not a fingerprint, so a typo never
 * silently leaves a key untrusted.
 */
export function parseTrustedKeys(text: string): string[] {
  const fingerprints: string[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const value = line.replace(/#.*$/, '').trim();
    if (value === '') return;
    if (!fingerprintPattern.test(value)) throw new Error(`line ${index + 1} is not a key fingerprint (64 hexadecimal digits): ${quoted(value)}`);
    fingerprints.push(value.toLowerCase());
  });
  return fingerprints;
}
