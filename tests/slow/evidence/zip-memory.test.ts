// @vitest-environment node
/**
 * "Peak memory while exporting a 1 GB case ≤ 100 MB": the writer must hold
 * one chunk at a time, never the entry or the archive. A 256 MiB entry, produced lazily in 1 MiB
 * chunks, streams through zipStream into a consumer that discards it, while memory is sampled; a
 * writer that buffered (or read ahead of its consumer) would show hundreds of megabytes here.
 */
import { describe, expect, it } from 'vitest';
import { crc32 } from '@/utils/evidence/bundle/crc32';
import { readZipDirectory } from '@/utils/evidence/bundle/zip-reader';
import { zipStream } from '@/utils/evidence/bundle/zip-writer';
import { collectGarbage } from '../../support/memory';

const MiB = 1024 * 1024;

// Samples follow a full collection (collectGarbage). Backing stores are released on a background thread,
// so a sample can still count the chunks of the last few pulls: expect 1–9 MiB against the 32 allowed.

describe('zipStream memory', () => {
  it('streams a 256 MiB entry in flat memory, far below the entry size', async () => {
    const chunks = 256;
    let produced = 0;
    let expectedCrc = 0;
    const lazy = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          if (produced === chunks) return controller.close();
          const chunk = new Uint8Array(MiB).fill(produced % 251);
          chunk[0] = produced >> 8;
          expectedCrc = crc32(chunk, expectedCrc);
          produced++;
          controller.enqueue(chunk);
        },
      },
      { highWaterMark: 0 },
    );

    collectGarbage();
    const baseline = process.memoryUsage();
    let peakLive = 0;
    let peakRaw = 0;
    let total = 0;
    let pulls = 0;
    let tail = new Uint8Array();
    const reader = zipStream([{ name: 'evidence/capture.webm', data: lazy }]).getReader();
    const started = performance.now();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      // Keep only the small records at the end (data descriptor, directory, end record) to read back.
      if (value.length < 4096) tail = new Uint8Array([...tail, ...value]);
      const raw = process.memoryUsage();
      peakRaw = Math.max(peakRaw, raw.arrayBuffers - baseline.arrayBuffers);
      if (++pulls % 8 === 0) {
        collectGarbage();
        const live = process.memoryUsage();
        peakLive = Math.max(peakLive, live.arrayBuffers - baseline.arrayBuffers + live.heapUsed - baseline.heapUsed);
      }
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `zipStream: ${(total / MiB).toFixed(0)} MiB in ${seconds.toFixed(2)} s (${(total / MiB / seconds).toFixed(0)} MiB/s); ` +
        `(with the test's own CRC and GC), peak extra memory ${(peakLive / MiB).toFixed(1)} MiB live (arrayBuffers + heap, after GC every 8 MiB), ` +
        `${(peakRaw / MiB).toFixed(1)} MiB of arrayBuffers before collection (GC included in the time)`,
    );

    expect(produced).toBe(chunks);
    expect(peakLive).toBeLessThan(32 * MiB);
    expect(peakRaw).toBeLessThan(64 * MiB);
    // The bytes really went through: the archive's directory gives their size and CRC. Its small
    // records were kept; the data between them reads as zeros, which the directory never looks at.
    expect(total).toBe(chunks * MiB + tail.length);
    const headerLength = 30 + 'evidence/capture.webm'.length;
    const archive = {
      size: total,
      async read(offset: number, length: number) {
        const out = new Uint8Array(length);
        for (let i = 0; i < length; i++) {
          const at = offset + i;
          if (at < headerLength) out[i] = tail[at]!;
          else if (at >= headerLength + chunks * MiB) out[i] = tail[at - chunks * MiB]!;
        }
        return out;
      },
    };
    const [entry] = await readZipDirectory(archive);
    expect(entry).toMatchObject({ name: 'evidence/capture.webm', size: chunks * MiB, crc32: expectedCrc, dataOffset: headerLength, problems: [] });
  }, 60_000);

  it('reports its throughput on a 512 MiB export', async () => {
    const chunk = new Uint8Array(MiB).fill(7);
    const chunks = 512;
    let produced = 0;
    const source = new ReadableStream<Uint8Array>({
      pull: (controller) => (produced++ < chunks ? controller.enqueue(chunk) : controller.close()),
    });
    const reader = zipStream([{ name: 'a.bin', data: source }]).getReader();
    let total = 0;
    const started = performance.now();
    for (let next = await reader.read(); !next.done; next = await reader.read()) total += next.value.length;
    const seconds = (performance.now() - started) / 1000;
    console.log(`zipStream throughput: ${(total / MiB / seconds).toFixed(0)} MiB/s over ${chunks} MiB (goal ≥ 100 MB/s)`);
    expect(total).toBeGreaterThan(chunks * MiB);
  }, 60_000);
});
