/**
 * The matcher (issue #3, section 2): catalogue entries in, a compact index out; listing texts
 * in, matches with a confidence and checkable reasons out. Runs in the background, never in the
 * page.
 */
export { buildMatchIndex, type IndexedEntry } from './build';
export { matchListing, matchListings } from './match';
export type { MatchIndex } from './match-index';
export { loadMatchIndex, serialiseMatchIndex, type SerialisedMatchIndex } from './serialise';
export { highConfidence, ListingText, Match, MatchReason, reportingThreshold } from './types';
