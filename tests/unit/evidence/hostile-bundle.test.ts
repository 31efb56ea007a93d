// @vitest-environment node
/**
 * The verifier against the corpus of hostile bundles (./hostile-bundle-corpus.ts), each made from a
 * real bundle Colophon exported: every one must be refused, with the finding that names its defect
 * (its code, and the file and offset where the case knows them), never with a bare "failed".
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyBytes } from '../../support/evidence/bundle-helpers';
import { hostileBase, hostileCorpus, type HostileBase } from '../../support/evidence/hostile-bundle-corpus';
import { assemble } from '../../support/evidence/hostile-bundle-helpers';
import { firstDifference } from '../../support/evidence/zip-helpers';

/** Controls, format characters (bidi, zero-width), separators: what no message may hold. */
const unshowable = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

let base: HostileBase;

beforeAll(async () => {
  base = await hostileBase();
});

describe('the hostile bundles’ starting point', () => {
  it('is a real bundle that verifies, which the corpus’s assembler rebuilds byte for byte', async () => {
    expect((await verifyBytes(base.bundle)).failures).toEqual([]);
    expect(firstDifference(assemble(base.entries), base.bundle)).toBe(-1);
  });
});

describe('the verifier refuses', () => {
  it.each(hostileCorpus.map((hostile) => [hostile.name, hostile] as const))('%s', async (_, hostile) => {
    const bytes = await hostile.make(base);
    const verification = await verifyBytes(bytes, hostile.trustRealSigner ? { trustedFingerprints: [base.store.fingerprint] } : {});
    expect(verification.ok).toBe(false);
    expect(verification.verdict).toBe(hostile.trustRealSigner ? 'signer-not-trusted' : 'failed');
    for (const expected of hostile.expected(base)) expect(verification.failures).toContainEqual(expect.objectContaining(expected));
    // Whatever the bundle holds, what the verifier says of it is fit for a screen.
    expect(verification.failures.filter((failure) => unshowable.test(failure.message))).toEqual([]);
  });
});
