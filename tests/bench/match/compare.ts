/**
 * `npm run bench:match-compare -- [revision] [size]`: the working tree's matcher against the one
 * at a git revision (HEAD by default), in one process, on one catalogue (the Chinese bench's, at
 * 500 000 entries by default). The machines Colophon is measured on are shared: run to run, the
 * same matcher's page time moves by a fifth or more, so a change is measured against its revision
 * side by side, page by page in alternating order, rather than against figures from another hour.
 *
 * Prints each matcher's build and page times (Chinese pages from the labelled listings, English
 * pages from the evaluation set), and how many listings the two matchers find differently: a
 * change meant only to be faster should find exactly what its revision found. Times here run
 * higher than `npm run bench` gives: two indexes share the processor's caches. The ratio is the figure.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as current from '../../../utils/catalog/match';
import type { ListingText } from '../../../utils/catalog/match';
import { readCatalogues } from './catalogues';
import { chineseBenchCatalogue, entriesAt } from './chinese/catalogue';
import { catalogueAliases, chineseCatalogue, chineseListings } from './chinese/evalset';
import { evaluationSet, random, withChineseTitles } from './evalset';
import { median, p95, round } from './measure';

type Matcher = typeof current;

const root = join(import.meta.dirname, '../../..');
const revision = process.argv[2] ?? 'HEAD';
const size = Number(process.argv[3] ?? 500_000);

/** The revision's matcher, unpacked where its imports resolve (node_modules is the project's). */
async function matcherAt(rev: string): Promise<Matcher> {
  const commit = execFileSync('git', ['rev-parse', '--short', rev], { cwd: root, encoding: 'utf8' }).trim();
  const dir = join(root, 'node_modules/.cache/colophon-compare', commit);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  execFileSync('sh', ['-c', `git archive ${commit} utils | tar -x -C "${dir}"`], { cwd: root });
  return (await import(pathToFileURL(join(dir, 'utils/catalog/match/index.ts')).href)) as Matcher;
}

const matchers: Record<string, Matcher> = { [revision]: await matcherAt(revision), 'working tree': current };
const names = Object.keys(matchers);

const zh = chineseListings(catalogueAliases(chineseCatalogue()));
const real = await readCatalogues();
const entries = entriesAt(chineseBenchCatalogue(real, zh), real, size);
const english = evaluationSet(withChineseTitles(real), 2);

// Each matcher builds twice, alternating (the second build is the one reported: the first warms up),
// then matches from its stored form, as the background does after a restart.
const indexes: Record<string, unknown> = {};
const buildMs: Record<string, number> = {};
for (const pass of [0, 1]) {
  for (const name of names) {
    const matcher = matchers[name]!;
    const start = performance.now();
    const built = matcher.buildMatchIndex(entries);
    buildMs[name] = performance.now() - start;
    if (pass === 1) indexes[name] = matcher.loadMatchIndex(structuredClone(matcher.serialiseMatchIndex(built)));
  }
}
const find = (name: string, listing: ListingText) => matchers[name]!.findMatches(indexes[name] as never, listing);

const rnd = random(7);
const pagesOf = (listings: readonly { listing: ListingText }[]) => Array.from({ length: 200 }, () => Array.from({ length: 60 }, () => listings[Math.floor(rnd() * listings.length)]!.listing));

console.log(`${entries.length} entries; build ms: ${names.map((name) => `${name} ${Math.round(buildMs[name]!)}`).join(', ')}`);
for (const [kind, listings] of [['Chinese', zh], ['English', english]] as const) {
  const differ = listings.filter(({ listing }) => JSON.stringify(find(names[0]!, listing)) !== JSON.stringify(find(names[1]!, listing))).length;
  const pages = pagesOf(listings);
  const times: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
  for (const page of pages.slice(0, 20)) for (const name of names) for (const listing of page) find(name, listing);
  pages.forEach((page, p) => {
    for (const name of p % 2 === 0 ? names : [...names].reverse()) {
      const start = performance.now();
      for (const listing of page) find(name, listing);
      times[name]!.push(performance.now() - start);
    }
  });
  const [before, after] = names.map((name) => median(times[name]!));
  console.log(`${kind} pages (60 listings): ${names.map((name) => `${name} median ${round(median(times[name]!), 2)} ms, p95 ${round(p95(times[name]!), 2)} ms`).join('; ')}; ratio ${round(after! / before!, 2)}; ${differ} of ${listings.length} listings found differently`);
}
