/**
 * Evidence bundle bench: `node --expose-gc --import tsx tests/bench/evidence/export.ts`.
 *
 *  1. SHA-256 throughput over 64 MiB: WebCrypto (one call over the whole buffer) and the incremental
 *     SHA-256 of utils/evidence/sha256.ts (hash-wasm; 1 MiB updates), beside @noble/hashes.
 *  2. Export of a 1 GiB case into a sink that discards the bytes, with peak memory: once with 8 MiB
 *     artifacts (read whole, hashed by WebCrypto) and once with 32 MiB ones (read in chunks through
 *     the incremental hash). Goals: ≥ 100 MB/s, ≤ 100 MB of memory.
 *  3. Verifying the 1 GiB bundle from a file, read in place.
 *
 * The case is real: items captured into the evidence store (fake-indexeddb in this Node), each
 * artifact a separate stored Blob with its own SHA-256. The Blobs are built from one 8 MiB random
 * Blob plus a distinct final byte, which Node's Blob references rather than copies, so the bench
 * does not itself hold 1 GiB; storing them into fake-indexeddb is measured too, to show it does not
 * copy them into JavaScript memory either. Results: tests/bench/results/evidence-export.json.
 */
import 'fake-indexeddb/auto';
import { mkdir, mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { exportBundle } from '../../../utils/evidence/bundle/export';
import { openFileSource } from '../../../utils/evidence/bundle/node-file-source';
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { incrementalSha256 } from '../../../utils/evidence/sha256';
import { verifyBundle } from '../../../utils/evidence/bundle/verify';
import { generateInstallationKey } from '../../../utils/protocol/signing';
import { addCapture, createCase, openEvidenceDatabase, recordEvent, type EvidenceDatabase } from '../../../utils/evidence/store';
import { metadataOf } from '../../support/evidence/store-helpers';

const MiB = 1024 * 1024;
const mbPerSecond = (bytes: number, ms: number) => bytes / 1e6 / (ms / 1000);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

function randomBytes(length: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(length);
  for (let at = 0; at < length; at += 65_536) crypto.getRandomValues(bytes.subarray(at, at + 65_536));
  return bytes;
}

/** Memory beyond a baseline: JS heap plus ArrayBuffers (what a chunk or a buffered artifact occupies), and RSS. */
function memorySampler() {
  gc!();
  const base = process.memoryUsage();
  const peak = { heapAndBuffers: 0, rss: 0 };
  return {
    sample() {
      const now = process.memoryUsage();
      peak.heapAndBuffers = Math.max(peak.heapAndBuffers, now.heapUsed - base.heapUsed + now.arrayBuffers - base.arrayBuffers);
      peak.rss = Math.max(peak.rss, now.rss - base.rss);
    },
    peak,
  };
}

async function sha256Throughput() {
  const bytes = randomBytes(64 * MiB);
  const best = (runs: number[]) => Math.min(...runs);
  const webCrypto: number[] = [];
  const incremental: number[] = [];
  const noble: number[] = [];
  for (let run = 0; run < 3; run++) {
    let started = performance.now();
    await crypto.subtle.digest('SHA-256', bytes);
    webCrypto.push(performance.now() - started);
    started = performance.now();
    const hash = await incrementalSha256();
    for (let at = 0; at < bytes.length; at += MiB) hash.update(bytes.subarray(at, at + MiB));
    hash.digestHex();
    incremental.push(performance.now() - started);
    // The other kept incremental SHA-256 a developer would pick: pure JavaScript.
    started = performance.now();
    const peer = nobleSha256.create();
    for (let at = 0; at < bytes.length; at += MiB) peer.update(bytes.subarray(at, at + MiB));
    peer.digest();
    noble.push(performance.now() - started);
  }
  return {
    webCryptoMBps: mbPerSecond(bytes.length, best(webCrypto)),
    incrementalMBps: mbPerSecond(bytes.length, best(incremental)),
    nobleHashesMBps: mbPerSecond(bytes.length, best(noble)),
  };
}

/** A case of `count` items, each with one artifact of `artifactSize` bytes built on `base`. */
async function largeCase(base: Blob, count: number, artifactSize: number) {
  const db = await openEvidenceDatabase(`bench-${crypto.randomUUID()}`);
  const exported = await createCase(db, { name: 'Bench' });
  const before = memorySampler();
  for (let index = 0; index < count; index++) {
    const parts = Array.from({ length: artifactSize / base.size }, () => base);
    const blob = new Blob([...parts, new Uint8Array([index & 0xff, index >> 8])], { type: 'image/png' });
    const item = await addCapture(db, { metadata: metadataOf(index + 1), artifacts: [{ kind: 'full-page-screenshot', mediaType: 'image/png', blob }] });
    await recordEvent(db, item.id, { type: 'case-added', caseId: exported.id });
  }
  gc!();
  before.sample();
  return { db, caseId: exported.id, totalBytes: count * (artifactSize + 2), storedExtra: before.peak };
}

async function exportRun(db: EvidenceDatabase, caseId: string, keyPair: CryptoKeyPair, sink: (chunk: Uint8Array) => Promise<void> | void) {
  const { stream } = await exportBundle(db, { caseId }, { keyPair, extensionVersion: 'bench' });
  const memory = memorySampler();
  const reader = stream.getReader();
  let bytes = 0;
  const started = performance.now();
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    bytes += next.value.length;
    await sink(next.value);
    memory.sample();
  }
  const ms = performance.now() - started;
  return { bytes, ms, mbPerSecond: mbPerSecond(bytes, ms), peakHeapAndBuffersMB: memory.peak.heapAndBuffers / 1e6, peakRssMB: memory.peak.rss / 1e6 };
}

const keyPair = await generateInstallationKey();
const base = new Blob([randomBytes(8 * MiB)]);
const sha = await sha256Throughput();

const exports = [];
for (const [label, count, size] of [
  ['1 GiB, 128 × 8 MiB artifacts (read whole)', 128, 8 * MiB],
  ['1 GiB, 32 × 32 MiB artifacts (read in chunks)', 32, 32 * MiB],
] as const) {
  const built = await largeCase(base, count, size);
  const run = await exportRun(built.db, built.caseId, keyPair, () => undefined);
  exports.push({ label, artifacts: count, artifactBytes: built.totalBytes, storeExtraHeapAndBuffersMB: built.storedExtra.heapAndBuffers / 1e6, ...run });
  built.db.close();
}

// Verifying: the first case exported again, to a file this time, then read back in place.
const dir = await mkdtemp(join(tmpdir(), 'colophon-bench-'));
let verification;
try {
  const built = await largeCase(base, 128, 8 * MiB);
  const path = join(dir, 'bundle.zip');
  const file = await open(path, 'w');
  await exportRun(built.db, built.caseId, keyPair, async (chunk) => void (await file.write(chunk)));
  await file.close();
  const source = await openFileSource(path);
  const memory = memorySampler();
  const timer = setInterval(() => memory.sample(), 20);
  const started = performance.now();
  const result = await verifyBundle(source);
  const ms = performance.now() - started;
  clearInterval(timer);
  memory.sample();
  await source.close();
  verification = { ok: result.ok, bytes: source.size, ms, mbPerSecond: mbPerSecond(source.size, ms), peakHeapAndBuffersMB: memory.peak.heapAndBuffers / 1e6, peakRssMB: memory.peak.rss / 1e6 };
} finally {
  await rm(dir, { recursive: true, force: true });
}

const fixed = (value: number, digits = 0) => value.toFixed(digits).padStart(8);
console.log(`Evidence bundles (${new Date().toISOString()}, Node ${process.version}, ${cpus().length} cores, load ${loadavg()[0]!.toFixed(1)})`);
console.log(
  `SHA-256 over 64 MiB: WebCrypto ${sha.webCryptoMBps.toFixed(0)} MB/s, incremental (hash-wasm, utils/evidence/sha256.ts) ${sha.incrementalMBps.toFixed(0)} MB/s, @noble/hashes ${sha.nobleHashesMBps.toFixed(0)} MB/s`,
);
console.log(`${'export'.padEnd(50)}${'MB/s'.padStart(8)}${'s'.padStart(8)}${'heap+buf MB'.padStart(13)}${'RSS MB'.padStart(8)}`);
for (const run of exports) console.log(`${run.label.padEnd(50)}${fixed(run.mbPerSecond)}${fixed(run.ms / 1000, 1)}${fixed(run.peakHeapAndBuffersMB, 1).padStart(13)}${fixed(run.peakRssMB)}`);
console.log(`${'verify 1 GiB bundle from a file'.padEnd(50)}${fixed(verification.mbPerSecond)}${fixed(verification.ms / 1000, 1)}${fixed(verification.peakHeapAndBuffersMB, 1).padStart(13)}${fixed(verification.peakRssMB)}  (${verification.ok ? 'ok' : 'FAILED'})`);
console.log(`Storing 128 artifacts of 8 MiB in fake-indexeddb added ${exports[0]!.storeExtraHeapAndBuffersMB.toFixed(1)} MB of heap and ArrayBuffers (Blobs are referenced, not copied). Goals: export ≥ 100 MB/s, memory ≤ 100 MB.`);

const resultsDir = join(import.meta.dirname, '../results');
await mkdir(resultsDir, { recursive: true });
await writeFile(
  join(resultsDir, 'evidence-export.json'),
  `${JSON.stringify({ measuredAt: new Date().toISOString(), node: process.version, cores: cpus().length, loadAverage: loadavg()[0], sha256: sha, exports, verification }, null, 2)}\n`,
);
