/**
 * The matcher's own types. What crosses between the content script and the matcher (ListingText,
 * Match and its reasons) is the protocol's (utils/protocol/match.ts), exported here too.
 */
export { ListingText, Match, MatchReason } from '@/utils/protocol/match';

/**
 * What the matcher found, before it is put in words: which entry, how sure, and which of the
 * entry's ISBNs, titles, contributors and edition the listing shows. The background turns it into
 * a `Match` with the entry as stored (describe.ts), so the index need not hold any text to show.
 */
export interface Finding {
  listingId: string;
  catalogueId: string;
  entryId: string;
  confidence: number;
  isbn: string | null;
  /** The title found: its origin (0 the main title, k + 1 the k-th other title), kind (variantKinds) and language. */
  title: { origin: number; kind: number; language: string } | null;
  /** Position in the entry's contributors of the one the listing names. */
  author: number | null;
  edition: number | null;
  /** The listing's segment (as the seller wrote it) that holds the Chinese title whole, and whether it names the product. */
  segment: { text: string; leading: boolean } | null;
  /** The best candidate this one beat for the listing's words: on the same words, or as the one book a listing sells. */
  outranked: { catalogueId: string; entryId: string; sameWords: boolean } | null;
}

/** Matches at or above this are reported; below it a listing is left unmarked. */
export const reportingThreshold = 0.6;
/** At or above this the UI may call a match "high confidence". */
export const highConfidence = 0.85;
