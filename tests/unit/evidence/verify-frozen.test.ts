// @vitest-environment node
/**
 * Bundles written by earlier versions of Colophon (tests/fixtures/bundles/, frozen there as exported)
 * still verify: however strict the verifier grows about what Colophon writes, what Colophon wrote
 * must pass, named as signed by its own key.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openFileSource } from '@/utils/evidence/bundle/node-file-source';
import { verifyBundle, type BundleSummary } from '@/utils/evidence/bundle/verify';

const folder = join(import.meta.dirname, '../../fixtures/bundles');
const frozen = readdirSync(folder)
  .filter((file) => file.endsWith('.zip'))
  .map((file) => ({ file, ...(JSON.parse(readFileSync(join(folder, file.replace(/\.zip$/, '.json')), 'utf8')) as { fingerprint: string; summary: BundleSummary }) }));

async function verifyFrozen(file: string, trustedFingerprints?: string[]) {
  const source = await openFileSource(join(folder, file));
  try {
    return await verifyBundle(source, { trustedFingerprints });
  } finally {
    await source.close();
  }
}

it('has a frozen bundle of format 1', () => {
  expect(frozen.map((bundle) => bundle.file)).toContain('format-1-case.zip');
});

describe.each(frozen.map((bundle) => [bundle.file, bundle] as const))('%s', (file, bundle) => {
  it('verifies, signed by its own key, with the summary it was frozen with', async () => {
    const verification = await verifyFrozen(file, [bundle.fingerprint]);
    expect(verification.failures).toEqual([]);
    expect(verification).toMatchObject({ ok: true, verdict: 'verified', fingerprint: bundle.fingerprint, summary: bundle.summary });
  });

  it('is called valid with the signer not checked when no key is named, and refused under another key', async () => {
    expect((await verifyFrozen(file)).verdict).toBe('signer-not-checked');
    expect((await verifyFrozen(file, ['0'.repeat(64)])).verdict).toBe('signer-not-trusted');
  });
});
