/**
 * `npm run bench` (second part): the matcher's quality and speed, beside Fuse.js, uFuzzy,
 * FlexSearch and MiniSearch. Run with `node --expose-gc` (the bench script
 * does) so index memory can be measured. Results: tests/bench/results/matching.json.
 *
 *  1. Quality of Colophon's matcher on the labelled evaluation set (evalset.ts, seed 2; seed 1
 *     was used to tune it), against the real catalogues, at the reporting threshold (0.6) and
 *     in the high-confidence band (0.85).
 *  2. For each contender and each catalogue size (real ≈ 51 500, 100 000, 500 000 entries; see
 *     scale.ts): index build time, index memory (heap + array buffers, after gc, before and after
 *     building), reload from the stored form after a "service-worker restart" (structured clone
 *     of the stored form, as IndexedDB gives it back, then load), time to match a 60-listing page
 *     (median and p95 over many pages), and precision/recall on a sample of the evaluation set.
 *
 *  3. The same on the labelled Chinese listings (chinese/bench.ts): Colophon, MiniSearch and
 *     FlexSearch, pair-level precision and recall on the held-aside listings, at the real size
 *     and the sizes below.
 *
 * The stored form is cloned after a garbage collection, as a freshly started worker has no garbage.
 * MATCH_BENCH_SIZES=100000 (comma-separated) and MATCH_BENCH_CONTENDERS=Colophon,MiniSearch narrow a run.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { highConfidence, reportingThreshold } from '../../../utils/catalog/match';
import { readCatalogues } from './catalogues';
import { chineseBench, printChineseTable } from './chinese/bench';
import { colophon, flexSearch, fuse, miniSearch, ufuzzy, type Contender } from './contenders';
import { evaluationSet, random, withChineseTitles, type LabelledListing } from './evalset';
import { median, memory, p95, round } from './measure';
import { quality, type Prediction } from './quality';
import { scaledCatalogue } from './scale';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) console.warn('Run with node --expose-gc to measure index memory.');

const realCatalogues = await readCatalogues();
const catalogues = withChineseTitles(realCatalogues);
const set = evaluationSet(catalogues, 2);
const realEntries = catalogues.flatMap((c) => c.entries.map((entry) => ({ catalogueId: c.id, entry })));
const positives = set.filter((l) => l.expected.size > 0).length;
console.log(`Evaluation set: ${set.length} listings, ${positives} positives; ${evaluationSet.removedNegatives.length} real listings left out as in the catalogue after all.`);

// 1. Colophon's quality on the whole evaluation set, real catalogues.
const ours = colophon();
ours.build(realEntries);
const ourPredictions = ours.match(set.map((l) => l.listing));
const qualityAt = { reporting: quality(set, ourPredictions, reportingThreshold), high: quality(set, ourPredictions, highConfidence) };
console.log(`\nColophon on ${realEntries.length} real entries:`);
for (const [band, q] of Object.entries(qualityAt)) {
  console.log(`  ≥ ${q.threshold}: precision ${q.precision.toFixed(4)}, recall ${q.recall.toFixed(4)} (${q.truePositives} right, ${q.falsePositives} wrong, ${q.misses} missed; ${q.listingsWithAWrongMatch} listings with any wrong match) [${band}]`);
}
console.log('  by kind (≥ 0.6):', Object.entries(qualityAt.reporting.byKind).map(([kind, k]) => `${kind} ${k.right}/${k.listings}${k.wrong ? ` (${k.wrong} wrong)` : ''}`).join('; '));
ours.clear();

// 2. Side by side.
const sizes = (process.env.MATCH_BENCH_SIZES ?? '100000,500000').split(',').map(Number);
const only = process.env.MATCH_BENCH_CONTENDERS?.split(',');
const contenders = [colophon(), miniSearch(), flexSearch(), ufuzzy(), fuse()].filter((c) => !only || only.includes(c.name));
const rnd = random(7);
/** Pages of 60 listings drawn from the evaluation set (about a sixth of them positives, as on a search page for a title). */
const pages = Array.from({ length: 200 }, () => Array.from({ length: 60 }, () => set[Math.floor(rnd() * set.length)]!.listing));
/** The sample every contender is judged on: every positive-bearing kind and negatives, a few hundred listings. */
const sample: LabelledListing[] = set.filter((_, i) => i % 7 === 0);

/**
 * Slow contenders get fewer pages (timing stops after ~20 s, at 2 pages at least) and a smaller
 * quality sample, so the run ends; the counts are reported.
 */
function budget(contender: Contender, size: number): { pages: number; sample: number; pageListings?: number } {
  // Fuse.js scans every title for every query (~2 s a listing at 100 000 entries): its page time
  // is measured on the first 20 (100k) or 6 (500k) listings of a page and scaled to 60.
  if (contender.name === 'Fuse.js') return size > 200_000 ? { pages: 1, sample: 20, pageListings: 6 } : { pages: 1, sample: 60, pageListings: 20 };
  if (contender.name === 'uFuzzy') return size > 200_000 ? { pages: 2, sample: 60 } : { pages: 4, sample: 200 };
  if (contender.name === 'MiniSearch' && size > 200_000) return { pages: 200, sample: 300 };
  return { pages: 200, sample: sample.length };
}
const timingBudgetMs = 20_000;

function bestF1(labelled: LabelledListing[], predictions: Prediction[][]) {
  const thresholds = [...new Set(predictions.flatMap((p) => p.slice(0, 1).map((x) => x.confidence)))].sort((a, b) => a - b);
  let best = quality(labelled, predictions, Infinity);
  for (const t of thresholds) {
    const q = quality(labelled, predictions, t);
    const f1 = (x: typeof q) => (x.precision + x.recall === 0 ? 0 : (2 * x.precision * x.recall) / (x.precision + x.recall));
    if (f1(q) > f1(best)) best = q;
  }
  return best;
}

const rows: Array<Record<string, unknown>> = [];
for (const size of sizes) {
  const entries = scaledCatalogue(catalogues, size, 11);
  for (const contender of contenders) {
    const { pages: pageCount, sample: sampleCount, pageListings = 60 } = budget(contender, size);
    const before = memory();
    let start = performance.now();
    contender.build(entries);
    const buildMs = performance.now() - start;
    const indexMb = (memory() - before) / 1e6;
    // A restarted service worker starts with an empty heap: collect the build's garbage first, so
    // the reload is not charged with a collection the worker would never make.
    memory();
    start = performance.now();
    const stored = structuredClone(contender.store());
    const storeMs = performance.now() - start;
    memory();
    start = performance.now();
    contender.reload(structuredClone(stored));
    const reloadMs = performance.now() - start;
    // Warm up (JIT), as a long-lived service worker would be after its first pages.
    if (pageCount >= 100) for (const page of pages.slice(0, 10)) contender.match(page);
    const times: number[] = [];
    const timingStart = performance.now();
    for (const page of pages.slice(0, pageCount)) {
      if (times.length >= 2 && performance.now() - timingStart > timingBudgetMs) break;
      const t = performance.now();
      contender.match(page.slice(0, pageListings));
      times.push(((performance.now() - t) * 60) / pageListings);
    }
    const labelled = sample.slice(0, sampleCount);
    const predictions = contender.match(labelled.map((l) => l.listing));
    const q = contender.tunedThreshold ? bestF1(labelled, predictions) : quality(labelled, predictions, reportingThreshold);
    const row = {
      contender: contender.name,
      entries: size,
      buildMs: Math.round(buildMs),
      indexMb: round(indexMb),
      storeAndCloneMs: Math.round(storeMs),
      reloadMs: Math.round(reloadMs),
      pageMedianMs: round(median(times), 2),
      pageP95Ms: round(p95(times), 2),
      pages: times.length,
      ...(pageListings < 60 ? { pageTimeScaledFrom: pageListings } : {}),
      precision: round(q.precision, 3),
      recall: round(q.recall, 3),
      threshold: round(q.threshold, 3),
      qualitySample: labelled.length,
    };
    rows.push(row);
    console.log(JSON.stringify(row));
    contender.clear();
  }
}

const header = ['contender', 'entries', 'build ms', 'index MB', 'reload ms', 'page median ms', 'page p95 ms', 'pages', 'precision', 'recall', 'sample'];
const widths = [11, 8, 9, 9, 10, 15, 12, 6, 10, 7, 7];
console.log(`\n${header.map((h, i) => h.padStart(widths[i]!)).join(' ')}`);
for (const r of rows) {
  console.log([r.contender, r.entries, r.buildMs, r.indexMb, r.reloadMs, r.pageMedianMs, r.pageP95Ms, r.pages, r.precision, r.recall, r.qualitySample].map((v, i) => String(v).padStart(widths[i]!)).join(' '));
}
console.log('Goals (500 000 entries): page p95 ≤ 5 ms, build ≤ 3 s, reload ≤ 300 ms, index ≤ 40 MB; precision ≥ 0.99, recall ≥ 0.95.');

// 3. The Chinese listings, on the catalogues without the Chinese titles added above (chinese/catalogue.ts says why).
const chinese = chineseBench(realCatalogues, sizes, only);
printChineseTable(chinese);

const resultsDir = join(import.meta.dirname, '../results');
await mkdir(resultsDir, { recursive: true });
await writeFile(
  join(resultsDir, 'matching.json'),
  `${JSON.stringify(
    {
      measuredAt: new Date().toISOString(),
      node: process.version,
      evaluationSet: { seed: 2, listings: set.length, positives, removedNegatives: evaluationSet.removedNegatives },
      colophonQuality: Object.fromEntries(Object.entries(qualityAt).map(([band, q]) => [band, { ...q }])),
      sideBySide: rows,
      chinese,
    },
    null,
    2,
  )}\n`,
);

