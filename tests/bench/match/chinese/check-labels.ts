/**
 * `npx tsx tests/bench/match/chinese/check-labels.ts`: whether the labelled files hold together
 * (every label names catalogue entries that exist, no listing row is labelled twice, every row's
 * title is the source's title with at most an ISBN removed), without matching anything, so a
 * labeller can check their files without seeing what the matcher makes of them.
 */
import { join } from 'node:path';
import { chineseCatalogue, zhFixtures } from './evalset';
import { readCsvObjects, readListingFile } from './files';
import type { ListingSource } from './split';

const ids = new Set(chineseCatalogue().map((e) => e.id));
const problems: string[] = [];
const seen = new Set<string>();
const sources = new Map<ListingSource, Record<string, string>[]>();
const squeeze = (text: string) => text.replace(/97[89][0-9-]{10,14}|[\s\p{P}]/gu, '');
for (const domain of ['crawler', 'computing', 'general']) {
  readCsvObjects(join(zhFixtures, `labels-${domain}.csv`)).forEach((label, i) => {
    const where = `labels-${domain}.csv data row ${i + 1} (${label.source}:${label.row})`;
    const source = label.source as ListingSource;
    if (!sources.has(source)) sources.set(source, readListingFile(source));
    const original = sources.get(source)![Number(label.row) - 1];
    if (!original) problems.push(`${where}: no such row in the source file`);
    else if (!squeeze(original.title ?? original.name ?? '').includes(squeeze(label.title ?? ''))) problems.push(`${where}: the title is not the source row's title`);
    if (seen.has(`${source}:${label.row}`)) problems.push(`${where}: the row is labelled twice`);
    seen.add(`${source}:${label.row}`);
    for (const column of ['expected', 'acceptable'] as const) {
      for (const id of (label[column] ?? '').split('|').map((x) => x.trim()).filter((x) => x !== '')) {
        if (!ids.has(id)) problems.push(`${where}: ${column} names ${id}, which no catalogue file holds`);
      }
    }
    if (!label.judgement?.trim()) problems.push(`${where}: no judgement written`);
  });
}
console.log(problems.length === 0 ? `OK: ${seen.size} labelled listings, ${ids.size} catalogue entries` : problems.join('\n'));
process.exitCode = problems.length === 0 ? 0 : 1;
