/**
 * Precision and recall of a matcher on the labelled evaluation set, per listing: a listing's top
 * reported match is a true positive when it is one of the listing's expected entries, a false
 * positive otherwise (a negative flagged, or a positive given the wrong book); a positive without
 * a right top match is a miss. Listings of kind "ambiguous:…" (a short title alone, which names
 * several books) count in neither: how many a matcher flags is reported beside.
 */
import type { LabelledListing } from './evalset';

export interface Prediction {
  /** "catalogueId/entryId" */
  key: string;
  confidence: number;
}

export interface Quality {
  threshold: number;
  precision: number;
  recall: number;
  truePositives: number;
  falsePositives: number;
  misses: number;
  /** Listings with any reported match (not only the top one) that is not an expected entry. */
  listingsWithAWrongMatch: number;
  byKind: Record<string, { listings: number; right: number; wrong: number }>;
}

export function quality(set: readonly LabelledListing[], predictions: readonly Prediction[][], threshold: number): Quality {
  let truePositives = 0;
  let falsePositives = 0;
  let misses = 0;
  let listingsWithAWrongMatch = 0;
  const byKind: Quality['byKind'] = {};
  let positives = 0;
  set.forEach((labelled, i) => {
    const reported = (predictions[i] ?? []).filter((p) => p.confidence >= threshold);
    const top = reported[0];
    const kind = (byKind[labelled.kind] ??= { listings: 0, right: 0, wrong: 0 });
    kind.listings++;
    if (labelled.kind.startsWith('ambiguous:')) {
      if (top) kind[labelled.expected.has(top.key) ? 'right' : 'wrong']++;
      return;
    }
    if (labelled.expected.size > 0) positives++;
    if (reported.some((p) => !labelled.expected.has(p.key))) listingsWithAWrongMatch++;
    if (top && labelled.expected.has(top.key)) {
      truePositives++;
      kind.right++;
    } else {
      if (top) {
        falsePositives++;
        kind.wrong++;
      }
      if (labelled.expected.size > 0) misses++;
    }
  });
  const precision = truePositives + falsePositives === 0 ? 1 : truePositives / (truePositives + falsePositives);
  return { threshold, precision, recall: positives === 0 ? 1 : truePositives / positives, truePositives, falsePositives, misses, listingsWithAWrongMatch, byKind };
}
