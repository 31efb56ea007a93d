// @vitest-environment node
/**
 * The hashing on the export and verify paths: the incremental SHA-256 agrees with node:crypto on
 * the FIPS 180-4 examples and on random data cut at every awkward place (block and padding edges),
 * and an artifact stream hands on its bytes unchanged when they match their capture digest and
 * errors when they do not, read whole or in chunks.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifiedArtifactStream } from '@/utils/evidence/bundle/artifact-stream';
import { BundleExportError } from '@/utils/evidence/bundle/export-errors';
import { incrementalSha256 } from '@/utils/evidence/sha256';
import { collect, noise, utf8 } from '../../support/evidence/zip-helpers';

const nodeSha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('the incremental SHA-256', () => {
  it('gives the FIPS 180-4 example digests', async () => {
    expect((await incrementalSha256()).update(utf8('abc')).digestHex()).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect((await incrementalSha256()).digestHex()).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect((await incrementalSha256()).update(utf8('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).digestHex()).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('agrees with node:crypto at every length around the block and padding edges, however the bytes are cut', async () => {
    for (const length of [1, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 1000, 4097]) {
      const bytes = noise(length, length);
      expect((await incrementalSha256()).update(bytes).digestHex()).toBe(nodeSha256(bytes));
      const cut = await incrementalSha256();
      for (let at = 0, step = 1; at < length; at += step, step = (step * 7) % 67 || 1) cut.update(bytes.subarray(at, at + step));
      expect(cut.digestHex()).toBe(nodeSha256(bytes));
    }
  });

  it('agrees with node:crypto on megabytes fed in uneven chunks', async () => {
    const bytes = noise(3 * 1024 * 1024 + 17, 99);
    const hash = await incrementalSha256();
    for (let at = 0; at < bytes.length; at += 65_537) hash.update(bytes.subarray(at, at + 65_537));
    expect(hash.digestHex()).toBe(nodeSha256(bytes));
  });

  it('refuses to be used after giving its digest', async () => {
    const hash = await incrementalSha256();
    hash.digestHex();
    expect(() => hash.update(utf8('x'))).toThrow();
    expect(() => hash.digestHex()).toThrow();
  });
});

describe('verifiedArtifactStream', () => {
  const bytes = noise(300_000, 5);
  const expected = { size: bytes.length, sha256: nodeSha256(bytes) };
  const ways = { whole: { chunkSize: 65_536 }, 'in chunks': { wholeReadLimit: 1000, chunkSize: 65_536 } };

  for (const [way, options] of Object.entries(ways)) {
    it(`hands on the bytes unchanged, a chunk at a time, when they match (read ${way})`, async () => {
      const chunks: number[] = [];
      const stream = verifiedArtifactStream(new Blob([bytes]), expected, 'the screenshot', options);
      const reader = stream.getReader();
      const parts: Uint8Array[] = [];
      for (let next = await reader.read(); !next.done; next = await reader.read()) {
        chunks.push(next.value.length);
        parts.push(next.value);
      }
      expect(Math.max(...chunks)).toBeLessThanOrEqual(65_536);
      expect(nodeSha256(Buffer.concat(parts))).toBe(expected.sha256);
    });

    it(`errors, naming the artifact, when one byte differs (read ${way})`, async () => {
      const altered = bytes.slice();
      altered[250_000] = altered[250_000]! ^ 1;
      const stream = verifiedArtifactStream(new Blob([altered]), expected, 'the screenshot of evidence item 7', options);
      await expect(collect(stream)).rejects.toThrow(BundleExportError);
      await expect(collect(verifiedArtifactStream(new Blob([altered]), expected, 'the screenshot of evidence item 7', options))).rejects.toThrow(
        /screenshot of evidence item 7 no longer hash/,
      );
    });
  }

  it('errors at once when the size is not the one recorded', async () => {
    await expect(collect(verifiedArtifactStream(new Blob([bytes.subarray(1)]), expected, 'the page'))).rejects.toThrow(/holds 299999 bytes, not the 300000/);
  });
});
