/**
 * Precision and recall on the Chinese set, per (listing, book) pair: a bundle that sells three
 * catalogue books is three positives, and a listing selling one book but flagged for three is two
 * false positives. A reported book is right when the listing sells it, not wrong when it is
 * acceptable (another edition of the same work, the listing not saying which), and wrong otherwise.
 */
import type { LabelledChineseListing } from './evalset';

export interface Prediction {
  entryId: string;
  confidence: number;
}

export interface PairQuality {
  threshold: number;
  precision: number;
  recall: number;
  right: number;
  wrong: number;
  missed: number;
  byKind: Record<string, { listings: number; pairs: number; right: number; wrong: number; missed: number }>;
}

export function pairQuality(set: readonly LabelledChineseListing[], predictions: readonly Prediction[][], threshold: number): PairQuality {
  let right = 0;
  let wrong = 0;
  let missed = 0;
  const byKind: PairQuality['byKind'] = {};
  set.forEach((labelled, i) => {
    const reported = new Set((predictions[i] ?? []).filter((p) => p.confidence >= threshold).map((p) => p.entryId));
    let r = 0;
    let w = 0;
    let m = 0;
    for (const id of reported) {
      if (labelled.expected.has(id)) r++;
      else if (!labelled.acceptable.has(id)) w++;
    }
    for (const id of labelled.expected) if (!reported.has(id)) m++;
    right += r;
    wrong += w;
    missed += m;
    for (const kind of labelled.kinds) {
      const k = (byKind[kind] ??= { listings: 0, pairs: 0, right: 0, wrong: 0, missed: 0 });
      k.listings++;
      k.pairs += labelled.expected.size;
      k.right += r;
      k.wrong += w;
      k.missed += m;
    }
  });
  return {
    threshold,
    precision: right + wrong === 0 ? 1 : right / (right + wrong),
    recall: right + missed === 0 ? 1 : right / (right + missed),
    right,
    wrong,
    missed,
    byKind,
  };
}
