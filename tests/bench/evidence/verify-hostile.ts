/**
 * How long the verifier takes to refuse each hostile bundle:
 * `node --expose-gc --import tsx tests/bench/evidence/verify-hostile.ts`.
 *
 * Every bundle of the unit tests' corpus (tests/support/evidence/hostile-bundle-corpus.ts), then the
 * large ones: 50,000 entries added, listed but missing, renamed, and moved; added and renamed up
 * to the most entries a bundle holds (maxBundleEntries); and a file of about 100 MB holding
 * 480,000 added entries, which the verifier refuses by its count alone. Each is written to a file and verified from it, as
 * `npm run verify` reads it, after a full collection; only the verification is timed, in wall and
 * in CPU time (on a shared machine the first can be twice the second). None may take over 5 s. Results:
 * tests/bench/results/evidence-verify-hostile.json.
 */
import 'fake-indexeddb/auto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openFileSource } from '../../../utils/evidence/bundle/node-file-source';
import { maxBundleEntries } from '../../../utils/evidence/bundle/manifest';
import { verifyBundle } from '../../../utils/evidence/bundle/verify';
import { resign } from '../../support/evidence/bundle-helpers';
import { hostileBase, hostileCorpus, type HostileBase } from '../../support/evidence/hostile-bundle-corpus';
import { assemble, type RawEntry } from '../../support/evidence/hostile-bundle-helpers';
import { sha256OfBytes } from '../../support/evidence/store-helpers';

const gc = (globalThis as { gc?: () => void }).gc;
const base = await hostileBase();
const utf8 = (text: string) => new TextEncoder().encode(text);
const planted = (prefix: string, count: number): RawEntry[] => Array.from({ length: count }, (_, i) => ({ name: `items/${prefix}-${String(i).padStart(6, '0')}.txt`, data: utf8(`planted ${i}`) }));
const listing = (entries: readonly RawEntry[], prefix: string) => entries.map((entry, i) => ({ path: `items/${prefix}-${String(i).padStart(6, '0')}.txt`, size: entry.data.length, sha256: sha256OfBytes(entry.data) }));
const withFiles = (files: readonly RawEntry[]) => assemble([...base.entries.slice(0, -3), ...files, ...base.entries.slice(-3)]);
const resigned = (files: readonly RawEntry[], listed: ReturnType<typeof listing>) => resign(withFiles(files), base.store.keyPair, (manifest) => void manifest.files.push(...listed));

const large: { name: string; make: (base: HostileBase) => Promise<Uint8Array> | Uint8Array; trusted?: boolean }[] = [
  { name: '50,000 entries added', make: () => withFiles(planted('added', 50_000)) },
  { name: '50,000 listed files missing', make: () => resigned([], listing(planted('gone', 50_000), 'gone')) },
  { name: '50,000 files renamed', make: () => { const files = planted('renamed', 50_000); return resigned(files, listing(files, 'listed')); } },
  { name: '50,000 files in reverse order', make: () => { const files = planted('moved', 50_000); return resigned([...files].reverse(), listing(files, 'moved')); } },
  { name: 'entries added up to the most a bundle holds (100,000)', make: () => withFiles(planted('full', maxBundleEntries - base.entries.length)) },
  { name: '100,000 files renamed, the most a bundle holds', make: () => { const files = planted('renamed', maxBundleEntries - base.entries.length); return resigned(files, listing(files, 'listed')); } },
  { name: '480,000 entries added (about 100 MB)', make: () => withFiles(planted('flood', 480_000).map((entry) => ({ ...entry, data: new Uint8Array(70) }))) },
];

const dir = await mkdtemp(join(tmpdir(), 'colophon-hostile-'));
const runs: { name: string; bytes: number; ms: number; cpuMs: number; findings: number; verdict: string }[] = [];
try {
  for (const hostile of [...hostileCorpus.map((entry) => ({ name: entry.name, make: entry.make, trusted: entry.trustRealSigner })), ...large]) {
    const bytes = await hostile.make(base);
    const path = join(dir, 'hostile.zip');
    await writeFile(path, bytes);
    const source = await openFileSource(path);
    try {
      gc?.();
      const started = performance.now();
      const cpu = process.cpuUsage();
      const verification = await verifyBundle(source, hostile.trusted ? { trustedFingerprints: [base.store.fingerprint] } : {});
      const ms = performance.now() - started;
      const used = process.cpuUsage(cpu);
      runs.push({ name: hostile.name, bytes: bytes.length, ms, cpuMs: (used.user + used.system) / 1000, findings: verification.failures.length, verdict: verification.verdict });
    } finally {
      await source.close();
    }
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}

console.log(`Verifying hostile bundles (${new Date().toISOString()}, Node ${process.version}, ${cpus().length} cores, load ${loadavg()[0]!.toFixed(1)})`);
console.log(`${'bundle'.padEnd(78)}${'bytes'.padStart(11)}${'ms'.padStart(9)}${'cpu ms'.padStart(9)}${'findings'.padStart(10)}  verdict`);
for (const run of runs) {
  console.log(`${run.name.slice(0, 77).padEnd(78)}${String(run.bytes).padStart(11)}${run.ms.toFixed(1).padStart(9)}${run.cpuMs.toFixed(0).padStart(9)}${String(run.findings).padStart(10)}  ${run.verdict}`);
}
const slowest = runs.reduce((worst, run) => (run.ms > worst.ms ? run : worst));
console.log(`Slowest: ${slowest.name}, ${(slowest.ms / 1000).toFixed(2)} s (goal: every one under 5 s). Accepted: ${runs.filter((run) => run.verdict !== 'failed' && run.verdict !== 'signer-not-trusted').length}.`);

const resultsDir = join(import.meta.dirname, '../results');
await mkdir(resultsDir, { recursive: true });
await writeFile(join(resultsDir, 'evidence-verify-hostile.json'), `${JSON.stringify({ measuredAt: new Date().toISOString(), node: process.version, cores: cpus().length, loadAverage: loadavg()[0], runs }, null, 2)}\n`);
