/**
 * `npx tsx tests/bench/match/chinese/tune.ts [--held-aside] [--errors]`: Colophon's quality on the
 * labelled Chinese listings, against the catalogue `npm run bench` uses at its real size (their
 * catalogue among the real catalogues and Douban's records: catalogue.ts), counted the same way.
 * By default the tuning half; --held-aside measures the other half, which is what the README and
 * the bench report. --errors lists each wrong and missed pair with the labeller's judgement.
 */
import { buildMatchIndex, findMatches, highConfidence, reportingThreshold } from '../../../../utils/catalog/match';
import { readCatalogues } from '../catalogues';
import { chineseBenchCatalogue, entriesAt } from './catalogue';
import { asLabelled, catalogueAliases, chineseCatalogue, chineseListings } from './evalset';
import { pairQuality } from './quality';

const heldAside = process.argv.includes('--held-aside');
const showErrors = process.argv.includes('--errors');
const catalogue = chineseCatalogue();
const aliases = catalogueAliases(catalogue);
const listings = chineseListings(aliases);
const real = await readCatalogues();
const index = buildMatchIndex(entriesAt(chineseBenchCatalogue(real, listings), real, null));
const set = listings.filter((l) => l.heldAside === heldAside);
const predictions = set.map((l) => findMatches(index, l.listing).map((f) => ({ entryId: asLabelled(aliases, f), confidence: f.confidence, finding: f })));
const titleOf = new Map(catalogue.map((e) => [e.id, `${e.title}${e.edition ? ` ${e.edition}` : ''} (${e.contributors[0]?.name ?? '?'})`]));

for (const threshold of [reportingThreshold, highConfidence]) {
  const q = pairQuality(set, predictions, threshold);
  console.log(`${heldAside ? 'held-aside' : 'tuning'} ${set.length} listings, ≥ ${threshold}: precision ${q.precision.toFixed(3)}, recall ${q.recall.toFixed(3)} (${q.right} right, ${q.wrong} wrong, ${q.missed} missed)`);
  if (threshold === reportingThreshold) {
    for (const [kind, k] of Object.entries(q.byKind).sort()) console.log(`  ${kind.padEnd(18)} ${k.listings} listings, ${k.pairs} pairs: ${k.right} right, ${k.wrong} wrong, ${k.missed} missed`);
  }
}
if (showErrors) {
  set.forEach((l, i) => {
    const reported = predictions[i]!.filter((p) => p.confidence >= reportingThreshold);
    const wrong = reported.filter((p) => !l.expected.has(p.entryId) && !l.acceptable.has(p.entryId));
    const missed = [...l.expected].filter((id) => !reported.some((p) => p.entryId === id));
    if (wrong.length === 0 && missed.length === 0) return;
    console.log(`\n${l.source}:${l.row} [${l.kinds.join(',')}] ${l.listing.title}${l.listing.author ? ` | author ${l.listing.author}` : ''}`);
    console.log(`  label: ${l.judgement}`);
    for (const p of wrong) console.log(`  WRONG ${p.confidence} ${titleOf.get(p.entryId)} ${JSON.stringify({ ...p.finding, listingId: undefined, catalogueId: undefined })}`);
    for (const id of missed) {
      const near = predictions[i]!.find((p) => p.entryId === id);
      console.log(`  MISSED ${titleOf.get(id)}${near ? ` (found at ${near.confidence})` : ''}`);
    }
  });
}
