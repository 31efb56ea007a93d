/**
 * Sync bench: `node --import tsx tests/bench/sync/run.ts`.
 *
 * The extension's own outbox (utils/sync, in Node over fake-indexeddb with real Blobs) sends real
 * evidence items to the reference intake (intake/src, SQLite and files in a temporary folder) on
 * loopback, through the chaos proxy of the end-to-end tests, which only forwards here:
 *  1. items per second and MB/s for typical captures (a visible screenshot, a full page, the
 *     page's HTML: about 4 MB an item), and for small ones (per-item overhead);
 *  2. one 64 MiB artifact in 8 MiB chunks, whole, then cut in the middle of its fifth chunk and
 *     resumed: what the resume costs in time, requests and bytes sent again, beside starting over.
 * Both ends run in this one process on a 2-core machine, so every figure includes the server's
 * hashing and fsyncs as well as the client's. Results: tests/bench/results/sync.json.
 */
import 'fake-indexeddb/auto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startIntake, type RunningIntake } from '../../../intake/src/intake';
import { addCapture, openEvidenceDatabase, type Capture, type EvidenceDatabase } from '../../../utils/evidence/store';
import { runOutbox, type OutboxRunDeps } from '../../../utils/sync/outbox-runner';
import { outboxSummary } from '../../../utils/sync/outbox-store';
import { IntakeProxy } from '../../e2e/support/intake-proxy';
import { metadataOf } from '../../support/evidence/store-helpers';

const MiB = 1024 * 1024;
const mb = (bytes: number) => bytes / 1e6;

/** Random bytes of a screenshot's or a page's size; a screenshot's begin as a PNG, as the intake checks. */
function randomBlob(length: number, type: string): Blob {
  const bytes = new Uint8Array(length);
  for (let at = 0; at < length; at += 65_536) crypto.getRandomValues(bytes.subarray(at, at + 65_536));
  if (type === 'image/png') bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return new Blob([bytes], { type });
}

let captures = 0;
function captureOf(sizes: { visible: number; fullPage: number; html: number }): Capture {
  const n = ++captures;
  const artifacts: Capture['artifacts'][number][] = [{ kind: 'visible-screenshot', mediaType: 'image/png', blob: randomBlob(sizes.visible, 'image/png') }];
  if (sizes.fullPage > 0) artifacts.push({ kind: 'full-page-screenshot', mediaType: 'image/png', blob: randomBlob(sizes.fullPage, 'image/png') });
  artifacts.push({ kind: 'page-html', mediaType: 'text/html', blob: randomBlob(sizes.html, 'text/html') });
  return { metadata: metadataOf(n), artifacts };
}

interface Setup {
  intake: RunningIntake;
  proxy: IntakeProxy;
  db: EvidenceDatabase;
  deps: OutboxRunDeps;
  folder: string;
  /** Moves the outbox's clock on, past any backoff. */
  skip(ms: number): void;
}

async function setUp(name: string): Promise<Setup> {
  const folder = await mkdtemp(join(tmpdir(), 'colophon-sync-bench-'));
  const intake = await startIntake({ data: folder, port: 0, log: () => undefined });
  await intake.admin.createOrganisation('springer-nature', 'Springer Nature');
  const { token } = await intake.admin.createRepresentative('bench', { organisation: 'springer-nature', name: 'Bench' });
  const proxy = await IntakeProxy.start(intake.url);
  const db = await openEvidenceDatabase(`sync-bench-${name}`);
  let offset = 0;
  const deps: OutboxRunDeps = { database: async () => db, connection: async () => ({ url: proxy.url, token }), mayReach: async () => true, now: () => Date.now() + offset };
  return { intake, proxy, db, deps, folder, skip: (ms) => (offset += ms) };
}

async function tearDown(setup: Setup): Promise<void> {
  setup.db.close();
  await setup.proxy.close();
  await setup.intake.close();
  await rm(setup.folder, { recursive: true, force: true });
}

/** Runs the outbox until every entry is stored; answers the runs it took. */
async function syncAll(setup: Setup, expected: number): Promise<number> {
  let runs = 0;
  for (;;) {
    runs++;
    const run = await runOutbox(setup.deps);
    if (run.summary.stored === expected) return runs;
    if (run.summary.parked > 0) throw new Error(`parked: ${JSON.stringify(run.summary)}`);
    setup.skip(60_000);
    if (runs > 20) throw new Error(`not all stored after ${runs} runs: ${JSON.stringify(await outboxSummary(setup.db))}`);
  }
}

async function throughput(name: string, count: number, sizes: { visible: number; fullPage: number; html: number }) {
  const setup = await setUp(name);
  try {
    for (let i = 0; i < count; i++) await addCapture(setup.db, captureOf(sizes));
    const bytes = count * (sizes.visible + sizes.fullPage + sizes.html);
    const started = performance.now();
    await syncAll(setup, count);
    const ms = performance.now() - started;
    const result = { items: count, megabytes: Number(mb(bytes).toFixed(1)), seconds: Number((ms / 1000).toFixed(2)), itemsPerSecond: Number((count / (ms / 1000)).toFixed(1)), mbPerSecond: Number((mb(bytes) / (ms / 1000)).toFixed(1)), requests: setup.proxy.log.length };
    console.log(`${name}: ${result.items} items, ${result.megabytes} MB in ${result.seconds} s: ${result.itemsPerSecond} items/s, ${result.mbPerSecond} MB/s (${result.requests} requests)`);
    return result;
  } finally {
    await tearDown(setup);
  }
}

/** One item with one 64 MiB artifact; with `cutAt`, the connection is cut that far into the fifth chunk. */
async function largeArtifact(name: string, cutAt: number | null) {
  const setup = await setUp(name);
  try {
    const size = 64 * MiB;
    await addCapture(setup.db, captureOf({ visible: size, fullPage: 0, html: 1024 }));
    // Four chunks go through whole; the fifth is cut `cutAt` bytes in.
    if (cutAt !== null) setup.proxy.cutNextChunk(cutAt, { startingAt: 4 * 8 * MiB });
    const started = performance.now();
    const runs = await syncAll(setup, 1);
    const ms = performance.now() - started;
    const sent = setup.proxy.log.filter((entry) => entry.range !== null).map((entry) => entry.range!);
    const bytesSent = sent.reduce((total, range) => {
      const [, first, last] = /^bytes (\d+)-(\d+)\//.exec(range)!;
      return total + Number(last) - Number(first) + 1;
    }, 0);
    const result = { seconds: Number((ms / 1000).toFixed(2)), runs, requests: setup.proxy.log.length, chunkRequests: sent.length, bytesOffered: bytesSent, mbPerSecond: Number((mb(size) / (ms / 1000)).toFixed(1)) };
    console.log(`${name}: ${result.seconds} s, ${result.requests} requests (${result.chunkRequests} chunks), ${mb(bytesSent).toFixed(1)} MB offered, ${result.mbPerSecond} MB/s, ${runs} outbox runs`);
    return result;
  } finally {
    await tearDown(setup);
  }
}

const typical = await throughput('typical captures', 50, { visible: 600 * 1024, fullPage: 3 * MiB, html: 200 * 1024 });
const small = await throughput('small captures', 300, { visible: 40 * 1024, fullPage: 0, html: 20 * 1024 });
const whole = await largeArtifact('64 MiB artifact, whole', null);
const resumed = await largeArtifact('64 MiB artifact, cut mid-chunk and resumed', 4 * MiB);
const resume = {
  extraSeconds: Number((resumed.seconds - whole.seconds).toFixed(2)),
  extraRequests: resumed.requests - whole.requests,
  bytesSentAgain: resumed.bytesOffered - whole.bytesOffered,
  bytesSentAgainIfRestarted: 4 * 8 * MiB + 4 * MiB,
};
console.log(
  `resume: +${resume.extraSeconds} s, +${resume.extraRequests} requests, ${mb(resume.bytesSentAgain).toFixed(1)} MB offered again (starting over would send ${mb(resume.bytesSentAgainIfRestarted).toFixed(1)} MB again)`,
);

const results = { date: new Date().toISOString(), machine: { cpus: cpus().length, model: cpus()[0]?.model, loadavg: loadavg() }, typical, small, whole, resumed, resume };
await writeFile(join(import.meta.dirname, '../results/sync.json'), `${JSON.stringify(results, null, 2)}\n`);
