/**
 * `npx tsx tests/bench/match/errors.ts [seed] [misses]`: what the matcher gets wrong on the
 * evaluation set of a seed (1 is the tuning seed, 2 the one reported), against the real
 * catalogues: every false positive, and with a second argument every miss. For tuning score.ts.
 */
import { buildMatchIndex, entryLookup, matchListings } from '../../../utils/catalog/match';
import { readCatalogues } from './catalogues';
import { entryKey, evaluationSet, withChineseTitles } from './evalset';
import { quality } from './quality';

const [seed = '1', misses] = process.argv.slice(2);
const catalogues = withChineseTitles(await readCatalogues());
const set = evaluationSet(catalogues, Number(seed));
const entries = catalogues.flatMap((c) => c.entries.map((entry) => ({ catalogueId: c.id, entry })));
const index = buildMatchIndex(entries);
const results = matchListings(index, set.map((l) => l.listing), entryLookup(entries));
const predictions = results.map((matches) => matches.map((m) => ({ key: entryKey(m.catalogueId, m.entryId), confidence: m.confidence })));
const { byKind, ...summary } = quality(set, predictions, 0.6);
console.log(JSON.stringify(summary), byKind);
set.forEach((labelled, i) => {
  const top = results[i]![0];
  const right = top && labelled.expected.has(entryKey(top.catalogueId, top.entryId));
  if (top && !right) console.log('wrong', labelled.kind, JSON.stringify(labelled.listing), '→', top.catalogueId, top.title, top.confidence, JSON.stringify(top.reasons));
  if (misses && !right && labelled.expected.size > 0) console.log('missed', labelled.kind, JSON.stringify(labelled.listing), [...labelled.expected].slice(0, 2));
});
