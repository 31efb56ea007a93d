/**
 * `npm run -s listing-language`: writes utils/catalog/match/listing-language.json, how common each
 * matching token and each predictable three-character phrase is in real Chinese listing titles
 * (../shared/data: JD, Dangdang; see its SOURCES.md). The matcher weighs catalogue titles by it,
 * so the marketing words sellers repeat ("从入门到精通", "零基础", "正版") count for little.
 *
 * Left out: the held-aside rows of every file (split.ts), which the evaluation measures on, and
 * the Taobao file, which is kept for an independent evaluation.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { phraseKeys } from '../../../../utils/catalog/match/listing-language';
import { segmentListing } from '../../../../utils/catalog/match/segments';
import { readListingFile } from './files';
import { isHeldAside, type ListingSource } from './split';

const files: Array<[ListingSource, string]> = [
  ['jd-search-crawler', 'title'],
  ['dangdang-computing', 'title'],
  ['jd-skus', 'title'],
  ['jd-categories', 'title'],
  ['dangdang-bestsellers', '书名'],
];

const tokenCounts = new Map<string, number>();
const phraseCounts = new Map<string, number>();
let titles = 0;
for (const [source, column] of files) {
  readListingFile(source).forEach((row, i) => {
    if (isHeldAside(source, i + 1)) return;
    const title = row[column] ?? '';
    if (title.trim() === '') return;
    titles++;
    const { tokens } = segmentListing(title);
    for (const token of new Set(tokens)) tokenCounts.set(token, (tokenCounts.get(token) ?? 0) + 1);
    for (const phrase of new Set(phraseKeys(tokens))) phraseCounts.set(phrase, (phraseCounts.get(phrase) ?? 0) + 1);
  });
}

/** Tokens seen in at least three titles; rarer ones are all "rare". */
const minCount = 3;
/** A phrase is kept when its last character follows its first two at least this often: only predictable continuations matter. */
const minContinuation = 0.2;
const tokens = [...tokenCounts].filter(([, n]) => n >= minCount).sort((a, b) => b[1] - a[1]);
const phrases = [...phraseCounts].filter(([phrase, n]) => n >= minCount && n / (tokenCounts.get(phrase.slice(0, 2)) ?? Infinity) >= minContinuation).sort((a, b) => b[1] - a[1]);

const table = {
  about: 'Document frequencies in real Chinese listing titles; written by tests/bench/match/chinese/listing-language.ts',
  titles,
  tokens: tokens.map(([t]) => t).join(' '),
  tokenCounts: tokens.map(([, n]) => n),
  phrases: phrases.map(([p]) => p).join(' '),
  phraseCounts: phrases.map(([, n]) => n),
};
const out = join(import.meta.dirname, '../../../../utils/catalog/match/listing-language.json');
writeFileSync(out, `${JSON.stringify(table)}\n`);
console.log(`${titles} titles: ${tokens.length} tokens, ${phrases.length} phrases → ${out}`);
