// @vitest-environment node
/**
 * "A 1 GB case must not need 1 GB of memory": a case whose artifacts total
 * 64 MiB (8 MiB screenshots read whole, 20 MiB ones read in chunks) is exported to a file while
 * memory is sampled, and must stay far below the artifacts' size; the file then verifies, read in
 * place. Memory is measured after a full collection, as in zip-memory.test.ts, so it counts what
 * the export keeps alive rather than how lazily V8 frees dead chunks.
 */
import { open, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportBundle } from '@/utils/evidence/bundle/export';
import { openFileSource } from '@/utils/evidence/bundle/node-file-source';
import { verifyBundle } from '@/utils/evidence/bundle/verify';
import { addCapture, createCase, recordEvent } from '@/utils/evidence/store/index';
import { testKey } from '../../support/evidence/bundle-helpers';
import { freshDatabase, metadataOf } from '../../support/evidence/store-helpers';
import { noise } from '../../support/evidence/zip-helpers';
import { collectGarbage } from '../../support/memory';

const MiB = 1024 * 1024;

describe('exporting a 64 MiB case', () => {
  it('streams in memory far below the artifacts’ size, and the bundle verifies', async () => {
    const db = await freshDatabase();
    const base = noise(4 * MiB, 3);
    const exported = await createCase(db, { name: 'Large' });
    const sizes = [8, 8, 8, 20, 20];
    for (const [index, mebibytes] of sizes.entries()) {
      const parts = Array.from({ length: mebibytes / 4 }, () => base);
      const blob = new Blob([...parts, new Uint8Array([index])], { type: 'image/png' });
      const item = await addCapture(db, { metadata: metadataOf(index + 1), artifacts: [{ kind: 'full-page-screenshot', mediaType: 'image/png', blob }] });
      await recordEvent(db, item.id, { type: 'case-added', caseId: exported.id });
    }
    const artifactBytes = sizes.reduce((sum, size) => sum + size * MiB + 1, 0);

    const dir = await mkdtemp(join(tmpdir(), 'colophon-memory-'));
    const path = join(dir, 'bundle.zip');
    try {
      const { stream } = await exportBundle(db, { caseId: exported.id }, { keyPair: await testKey(), extensionVersion: '0.1.0' });
      const file = await open(path, 'w');
      collectGarbage();
      const baseline = process.memoryUsage();
      let peakLive = 0;
      let pulls = 0;
      let written = 0;
      const started = performance.now();
      const reader = stream.getReader();
      for (let next = await reader.read(); !next.done; next = await reader.read()) {
        await file.write(next.value);
        written += next.value.length;
        if (++pulls % 4 === 0) {
          collectGarbage();
          const live = process.memoryUsage();
          peakLive = Math.max(peakLive, live.arrayBuffers - baseline.arrayBuffers + live.heapUsed - baseline.heapUsed);
        }
      }
      await file.close();
      const seconds = (performance.now() - started) / 1000;
      console.log(`export: ${(written / MiB).toFixed(0)} MiB in ${seconds.toFixed(2)} s (GC every 4 MiB included); peak extra memory ${(peakLive / MiB).toFixed(1)} MiB live`);

      expect(written).toBeGreaterThan(artifactBytes);
      expect(peakLive).toBeLessThan(32 * MiB);

      const source = await openFileSource(path);
      try {
        const verification = await verifyBundle(source);
        expect(verification.failures).toEqual([]);
        expect(verification.summary?.bytes).toBeGreaterThan(artifactBytes);
      } finally {
        await source.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
