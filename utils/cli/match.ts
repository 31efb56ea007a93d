/**
 * `npm run -s match -- --catalog <file> [--catalog <file> …] --listings <file.jsonl>`: matches
 * listings against catalogues the way the extension does, for tuning and checking the matcher.
 *
 * Listings are JSON lines of {"id","title"} (and optionally "isbn", "author", "publisher"). Prints
 * one JSON line per listing: {"id","matches":[{"catalogueId","entryId","title","confidence","reasons"}]}.
 * A catalogue's id is its file name. A catalogue or listings file with errors prints them to
 * stderr, line by line, and exits with 1.
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { parseArgs } from 'node:util';
import { importCatalogue } from '../catalog/import';
import { describeIssue, hasErrors } from '../catalog/import/types';
import { buildMatchIndex, entryLookup, ListingText, matchListings, type IndexedEntry } from '../catalog/match';

function fail(lines: string[]): never {
  for (const line of lines) console.error(line);
  process.exit(1);
}

const { values } = parseArgs({
  options: { catalog: { type: 'string', multiple: true }, listings: { type: 'string' } },
});
if (!values.catalog?.length || !values.listings) {
  console.error('usage: npm run -s match -- --catalog <file> [--catalog <file> …] --listings <file.jsonl>');
  process.exit(2);
}

const entries: IndexedEntry[] = [];
for (const path of values.catalog) {
  const catalogueId = basename(path);
  const stream = Readable.toWeb(createReadStream(path)) as WebReadableStream<Uint8Array> as ReadableStream<Uint8Array>;
  const summary = await importCatalogue(
    { stream, size: (await stat(path)).size, fileName: catalogueId },
    { sink: async (batch) => void entries.push(...batch.map((entry) => ({ catalogueId, entry }))) },
  ).catch((error: unknown) => fail([`${path}: ${error instanceof Error ? error.message : String(error)}`]));
  const errors = summary.issues.filter((issue) => issue.severity === 'error');
  if (hasErrors(summary)) fail([`${path}: ${errors.length} error(s), nothing matched`, ...errors.map((issue) => `${path}: ${describeIssue(issue)}`)]);
  const warnings = summary.issues.filter((issue) => issue.severity === 'warning');
  if (warnings.length > 0) {
    console.error(`${path}: ${warnings.length} warning(s), e.g. ${describeIssue(warnings[0]!)}`);
  }
}

const listings: ListingText[] = [];
const problems: string[] = [];
(await readFile(values.listings, 'utf8')).split(/\r?\n/).forEach((line, i) => {
  if (line.trim() === '') return;
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    problems.push(`${values.listings}: line ${i + 1}: not JSON`);
    return;
  }
  const listing = ListingText.safeParse(parsed);
  if (listing.success) listings.push(listing.data);
  else problems.push(`${values.listings}: line ${i + 1}: ${listing.error.issues.map((issue) => `${issue.path.join('.') || 'listing'}: ${issue.message}`).join('; ')}`);
});
if (problems.length > 0) fail(problems);

const index = buildMatchIndex(entries);
const results = matchListings(index, listings, entryLookup(entries));
listings.forEach((listing, i) => {
  const matches = results[i]!.map(({ catalogueId, entryId, title, confidence, reasons }) => ({ catalogueId, entryId, title, confidence, reasons }));
  process.stdout.write(`${JSON.stringify({ id: listing.id, matches })}\n`);
});
