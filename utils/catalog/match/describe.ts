/**
 * Findings into matches a person can check: the entry's title and the reasons, in the words of
 * the catalogue entry as stored ("title 'Fundamentals of Power Electronics' + author Erickson").
 * Only the few entries a page matched are read, so the index itself carries no display text
 * (which would be a third of its size at 500 000 entries).
 */
import type { CatalogueEntry } from '../schema';
import { nameKey } from './authors';
import type { Finding, ListingText, Match, MatchReason } from './types';
import { findMatches } from './match';
import type { MatchIndex } from './match-index';
import { cutTitle, displayTitle } from './variants';

export type EntryLookup = (catalogueId: string, entryId: string) => CatalogueEntry | undefined;

/** `outranked`: the entry of the candidate this finding beat, when it is at hand. */
export function describeFinding(finding: Finding, entry: CatalogueEntry, outranked?: CatalogueEntry): Match {
  const reasons: MatchReason[] = [];
  if (finding.isbn) reasons.push({ kind: 'isbn', isbn: finding.isbn });
  const title = finding.title;
  if (title) {
    const other = title.origin > 0 ? entry.otherTitles[title.origin - 1] : undefined;
    reasons.push({ kind: 'title', title: other ? displayTitle(other.title) : cutTitle(entry.title, title.kind), language: title.language });
  }
  const contributor = finding.author === null ? undefined : entry.contributors[finding.author];
  const name = contributor && nameKey(contributor.name);
  if (name) reasons.push({ kind: 'author', name });
  if (finding.edition) reasons.push({ kind: 'edition', edition: finding.edition });
  if (finding.segment) reasons.push({ kind: 'segment', text: finding.segment.text.slice(0, 300), leading: finding.segment.leading });
  if (finding.outranked && outranked) reasons.push({ kind: 'outranked', title: displayTitle(outranked.title).slice(0, 1000), sameWords: finding.outranked.sameWords });
  return {
    listingId: finding.listingId,
    catalogueId: finding.catalogueId,
    entryId: finding.entryId,
    title: displayTitle(entry.title),
    confidence: finding.confidence,
    reasons,
  };
}

/**
 * Per listing (in order), its matches at or above the reporting threshold, best first, described
 * with entries at hand (the command line, tests). A finding whose entry is gone is dropped.
 */
export function matchListings(index: MatchIndex, listings: readonly ListingText[], lookup: EntryLookup): Match[][] {
  return listings.map((listing) =>
    findMatches(index, listing).flatMap((finding) => {
      const entry = lookup(finding.catalogueId, finding.entryId);
      const beaten = finding.outranked ? lookup(finding.outranked.catalogueId, finding.outranked.entryId) : undefined;
      return entry ? [describeFinding(finding, entry, beaten)] : [];
    }),
  );
}

/** A lookup over entries held in memory. */
export function entryLookup(entries: Iterable<{ catalogueId: string; entry: CatalogueEntry }>): EntryLookup {
  const byKey = new Map<string, CatalogueEntry>();
  for (const { catalogueId, entry } of entries) byKey.set(`${catalogueId}\u0000${entry.id}`, entry);
  return (catalogueId, entryId) => byKey.get(`${catalogueId}\u0000${entryId}`);
}
