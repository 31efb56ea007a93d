/**
 * What a listing says right after a Chinese title's run: its edition, another subtitle, its
 * author's name, or the volume of a set it names. Each speaks for or against the book the run found.
 */
import type { ChineseListing } from './chinese-title';
import { isCjkToken } from './tokens';

/** The listing states an edition right after the title's last token ("…开发实战Python基础教程 第3版"). */
export function editionFollows(listing: ChineseListing, last: number): boolean {
  const { read } = listing;
  const after = read.segmentKeys[read.segment[last]!]!.slice(read.ends[last]!).replace(/^[^\p{L}\p{N}]+/u, '');
  return /^(?:原书)?第[0-9一二三四五六七八九十]+版/.test(after);
}

/**
 * A colon and other words than the title's own follow the run's segment: the listing names another
 * subtitle ("银河帝国：帝国三部曲" for "银河帝国：基地"; not "银河帝国：基地七部曲").
 */
export function subtitleFollows(listing: ChineseListing, last: number, ownSubtitle: readonly number[]): boolean {
  const { read } = listing;
  const segment = read.segment[last]!;
  const next = listing.ids[last + 1];
  return read.segment[last + 1] === segment + 1 && read.colonAfter[segment]! && isCjkToken(read.tokens[last + 1]!) && !ownSubtitle.includes(next!);
}

/** Whether a name's tokens start right after a title's last token (or one bigram on: the one across title and name). */
export function nameFollows(listing: ChineseListing, last: number, name: readonly number[]): boolean {
  return name.length > 0 && (listing.ids[last + 1] === name[0] || listing.ids[last + 2] === name[0]);
}

/** The volume number the listing writes right after a set's name ("Java核心技术 卷2": "2"), or null. */
export function volumeAfter(listing: ChineseListing, last: number): string | null {
  const tokens = listing.read.tokens;
  const named = /卷$/.test(tokens[last + 1] ?? '') ? tokens[last + 2] : tokens[last + 1];
  return named !== undefined && /^\d+$/.test(named) ? named : null;
}
