/**
 * Candidates compete for a listing's words. Sellers repeat the phrases of other books to be found
 * ("Python编程从入门到实践 … 网络爬虫 … 核心编程"), so one listing can hold the titles of three
 * catalogue books while selling one. Each stretch of a listing's text explains at most one book:
 * the best explained wins and the others drop. A listing that is not a bundle sells one book, so
 * there every Chinese-titled candidate competes with every other; in a bundle each title may name
 * its own book, and only titles found on the same words compete.
 */
import type { Finding } from './types';

export interface Competitor {
  finding: Finding;
  /** Token positions of the title: in the listing's Chinese reading for a Chinese title, else among its tokens. */
  positions: number[];
  chinese: boolean;
  isbn: boolean;
}

const overlaps = (a: Competitor, b: Competitor) => a.positions.some((p) => b.positions.includes(p));
/** The same book held by two catalogues (one publisher's and a client's) is one book. */
const sameBook = (a: Competitor, b: Competitor) => a.finding.entryId === b.finding.entryId;
/** Two entries found on the same stretch of words with the same confidence cannot be told apart: both stay. */
const tie = (a: Competitor, b: Competitor) =>
  a.finding.confidence === b.finding.confidence && a.positions[0] === b.positions[0] && a.positions.at(-1) === b.positions.at(-1);

/**
 * `sorted` best first; returns the ones that keep their place, noting on each winner the best one
 * it beat. In a Chinese listing that is no bundle, a book found by its Latin title ("C Primer Plus"
 * among "C++ Primer Plus第6版 … c语言") competes too: the listing still sells one book.
 */
export function compete<T extends Competitor>(sorted: readonly T[], listing: { chinese: boolean; bundle: boolean }): T[] {
  const { bundle } = listing;
  const competes = (c: T) => !c.isbn && (c.chinese || (listing.chinese && !bundle));
  const kept: T[] = [];
  for (const candidate of sorted) {
    if (!competes(candidate)) {
      kept.push(candidate);
      continue;
    }
    const winner = kept.find(
      (k) =>
        competes(k) &&
        !sameBook(k, candidate) &&
        !tie(k, candidate) &&
        ((k.chinese && candidate.chinese && overlaps(k, candidate)) || !bundle),
    );
    if (!winner) {
      kept.push(candidate);
      continue;
    }
    winner.finding.outranked ??= {
      catalogueId: candidate.finding.catalogueId,
      entryId: candidate.finding.entryId,
      sameWords: overlaps(winner, candidate),
    };
  }
  return kept;
}
