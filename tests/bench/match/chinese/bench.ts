/**
 * The Chinese part of `npm run bench` (matching): Colophon, MiniSearch and FlexSearch on the
 * labelled Chinese listings (evalset.ts), measured on the held-aside half only, which no tuning of
 * the matcher saw. Quality is per (listing, book) pair (quality.ts: a bundle of three books is
 * three positives), at the reporting threshold and, for Colophon, the high-confidence band.
 *
 * Catalogue: the labelled Chinese books among distractors (catalogue.ts), at the real size and at
 * the sizes of MATCH_BENCH_SIZES (scaled English entries make up the rest). Only entries of the
 * zh-labelled catalogue can be right: a reported distractor is a false positive, which is fair
 * because catalogue.ts leaves out the distractors that labelled listings were found to sell.
 *
 * The libraries tokenise Chinese as Colophon does, in overlapping bigrams (contenders.ts passes
 * matchTokens as MiniSearch's `tokenize` and as FlexSearch's `encode`). FlexSearch's default
 * encoder would keep a run of Chinese characters as one term, so 红楼梦原著 finds no 红楼梦; its
 * own "CJK" charset splits into single characters, so one shared character makes a candidate
 * (红楼梦原著 finds 梦的解析). Bigrams are the CJK-aware choice that is fair to it. Their score
 * threshold is the one giving them their best F1 on the held-aside listings (their best case).
 */
import { highConfidence, reportingThreshold } from '../../../../utils/catalog/match';
import type { RealCatalogue } from '../catalogues';
import { colophon, flexSearch, miniSearch, type Contender } from '../contenders';
import { entryKey, random } from '../evalset';
import { median, memory, p95, round } from '../measure';
import { chineseBenchCatalogue, entriesAt } from './catalogue';
import { asLabelled, catalogueAliases, chineseCatalogue, chineseListings, zhCatalogueId, type Aliases, type LabelledChineseListing } from './evalset';
import { pairQuality, type PairQuality, type Prediction } from './quality';

export interface ChineseRow {
  contender: string;
  size: number | 'real';
  entries: number;
  threshold: number;
  precision: number;
  recall: number;
  right: number;
  wrong: number;
  /** Of the wrong pairs, those naming a distractor rather than another zh-labelled book. */
  wrongDistractors: number;
  missed: number;
  highPrecision: number | null;
  highRecall: number | null;
  byKind: PairQuality['byKind'];
  pageMedianMs: number;
  pageP95Ms: number;
  pages: number;
  buildMs: number;
  indexMb: number;
}

export interface ChineseResults {
  heldAside: number;
  pairs: number;
  labelledEntries: number;
  distractors: number;
  rows: ChineseRow[];
}

const zhPrefix = entryKey(zhCatalogueId, '');
/** Contenders report "catalogueId/entryId" keys; the labels name books as asLabelled says. */
const asPairs = (aliases: Aliases, predictions: { key: string; confidence: number }[][]): Prediction[][] =>
  predictions.map((list) =>
    list.map((p) => {
      const zh = p.key.startsWith(zhPrefix);
      const reported = zh ? { catalogueId: zhCatalogueId, entryId: p.key.slice(zhPrefix.length) } : { catalogueId: '', entryId: p.key };
      return { entryId: zh ? asLabelled(aliases, reported) : p.key, confidence: p.confidence };
    }),
  );

const f1 = (q: PairQuality) => (q.precision + q.recall === 0 ? 0 : (2 * q.precision * q.recall) / (q.precision + q.recall));

function bestF1(set: readonly LabelledChineseListing[], predictions: Prediction[][]): PairQuality {
  const thresholds = [...new Set(predictions.flatMap((list) => list.map((p) => p.confidence)))].sort((a, b) => a - b);
  let best = pairQuality(set, predictions, Infinity);
  for (const t of thresholds) {
    const q = pairQuality(set, predictions, t);
    if (f1(q) > f1(best)) best = q;
  }
  return best;
}

const wrongDistractors = (predictions: Prediction[][], threshold: number) =>
  predictions.reduce((n, list) => n + list.filter((p) => p.confidence >= threshold && p.entryId.includes('/')).length, 0);

/** Timing stops after this long (at two pages at least), so a slow contender still ends. */
const timingBudgetMs = 20_000;

function measure(contender: Contender, entries: Parameters<Contender['build']>[0], size: number | 'real', set: LabelledChineseListing[], pages: LabelledChineseListing[][], aliases: Aliases): ChineseRow {
  const before = memory();
  const start = performance.now();
  contender.build(entries);
  const buildMs = performance.now() - start;
  const indexMb = (memory() - before) / 1e6;
  // Warm up (JIT), as a long-lived service worker would be after its first pages.
  for (const page of pages.slice(0, 10)) contender.match(page.map((l) => l.listing));
  const times: number[] = [];
  const timingStart = performance.now();
  for (const page of pages) {
    if (times.length >= 2 && performance.now() - timingStart > timingBudgetMs) break;
    const listings = page.map((l) => l.listing);
    const t = performance.now();
    contender.match(listings);
    times.push(performance.now() - t);
  }
  const predictions = asPairs(aliases, contender.match(set.map((l) => l.listing)));
  const q = contender.tunedThreshold ? bestF1(set, predictions) : pairQuality(set, predictions, reportingThreshold);
  const high = contender.tunedThreshold ? null : pairQuality(set, predictions, highConfidence);
  contender.clear();
  return {
    contender: contender.name,
    size,
    entries: entries.length,
    threshold: round(q.threshold, 3),
    precision: round(q.precision, 3),
    recall: round(q.recall, 3),
    right: q.right,
    wrong: q.wrong,
    wrongDistractors: wrongDistractors(predictions, q.threshold),
    missed: q.missed,
    highPrecision: high && round(high.precision, 3),
    highRecall: high && round(high.recall, 3),
    byKind: q.byKind,
    pageMedianMs: round(median(times), 2),
    pageP95Ms: round(p95(times), 2),
    pages: times.length,
    buildMs: Math.round(buildMs),
    indexMb: round(indexMb),
  };
}

/**
 * Runs every contender (narrowed by `only`) at the real size and at each of `sizes`. Pages are 60
 * listings drawn from all labelled listings (a search page for Chinese titles); quality is
 * measured on the held-aside ones.
 */
export function chineseBench(real: RealCatalogue[], sizes: readonly number[], only?: readonly string[]): ChineseResults {
  const aliases = catalogueAliases(chineseCatalogue());
  const listings = chineseListings(aliases);
  const set = listings.filter((l) => l.heldAside);
  const base = chineseBenchCatalogue(real, listings);
  const rnd = random(13);
  const pages = Array.from({ length: 200 }, () => Array.from({ length: 60 }, () => listings[Math.floor(rnd() * listings.length)]!));
  // Up to 8 reported entries a listing, as Colophon reports at most: bundles sell several books.
  const contenders = [colophon(), miniSearch({ limit: 8 }), flexSearch({ limit: 8 })].filter((c) => !only || only.includes(c.name));
  const rows: ChineseRow[] = [];
  for (const size of [null, ...sizes]) {
    const entries = entriesAt(base, real, size);
    for (const contender of contenders) {
      const row = measure(contender, entries, size ?? 'real', set, pages, aliases);
      rows.push(row);
      console.log(JSON.stringify({ ...row, byKind: undefined }));
    }
  }
  return {
    heldAside: set.length,
    pairs: set.reduce((n, l) => n + l.expected.size, 0),
    labelledEntries: base.labelled.length,
    distractors: base.distractors.length,
    rows,
  };
}

export function printChineseTable(results: ChineseResults): void {
  console.log(`\nChinese listings (held aside: ${results.heldAside} listings, ${results.pairs} listing–book pairs; ${results.labelledEntries} labelled entries, ${results.distractors} real distractors):`);
  const header = ['contender', 'entries', 'threshold', 'precision', 'recall', 'high-band precision', 'page p95 ms', 'build ms', 'index MB'];
  const widths = [11, 8, 10, 10, 7, 20, 12, 9, 9];
  console.log(header.map((h, i) => h.padStart(widths[i]!)).join(' '));
  for (const r of results.rows) {
    const cells = [r.contender, r.entries, r.threshold, r.precision, r.recall, r.highPrecision ?? '–', r.pageP95Ms, r.buildMs, r.indexMb];
    console.log(cells.map((v, i) => String(v).padStart(widths[i]!)).join(' '));
  }
  // Per kind of listing (a listing has several kinds), at the real size: pairs found of those sold, and wrong pairs.
  const real = results.rows.filter((r) => r.size === 'real');
  const kinds = [...new Set(real.flatMap((r) => Object.keys(r.byKind)))].sort();
  console.log(`\nBy kind at the real size, pairs found / sold (wrong pairs): ${real.map((r) => r.contender).join(', ')}`);
  for (const kind of kinds) {
    const cells = real.map((r) => {
      const k = r.byKind[kind];
      return k ? `${k.right}/${k.pairs} (${k.wrong})` : '–';
    });
    console.log(`  ${kind.padEnd(18)} ${cells.map((c) => c.padStart(14)).join(' ')}`);
  }
}
