/**
 * The matcher: catalogue entries in, a compact index out; listing texts
 * in, findings out, described as matches with a confidence and checkable reasons. Runs in the
 * background, never in the page.
 */
export { buildMatchIndex, type IndexedEntry } from './build';
export { describeFinding, entryLookup, matchListings, type EntryLookup } from './describe';
export { findMatches } from './match';
export type { MatchIndex } from './match-index';
export { loadMatchIndex, serialiseMatchIndex, type SerialisedMatchIndex } from './serialise';
export { highConfidence, ListingText, Match, MatchReason, reportingThreshold, type Finding } from './types';
