/**
 * The forms of an entry's title a listing may show: the main title, the main title cut before its
 * series note ("The Hunger Games (The Hunger Games, #1)") or its subtitle ("Animal Metropolis:
 * Histories of …"), and its titles in other languages. The index stores a cut as a count of the
 * main title's tokens; the display text of a cut comes from here, from the entry as stored.
 */
import { variantKinds } from './match-index';

const seriesMarks = ['(', '（', '['];
const subtitleMarks = [':', '：', ';', ' - ', ' – ', ' — '];
export const titleCuts = [
  [variantKinds.series, seriesMarks],
  [variantKinds.subtitle, subtitleMarks],
] as const;

/** Any character a cut mark starts with: most titles hold none, and one regex test settles it. */
const anyMark = /[(（[:：;\-–—]/;

/** Where the earliest of `marks` sits in `title` (after its first character), or -1. */
export function cutAt(title: string, marks: readonly string[]): number {
  if (!anyMark.test(title)) return -1;
  let at = -1;
  for (const mark of marks) {
    const i = title.indexOf(mark);
    if (i > 0 && (at === -1 || i < at)) at = i;
  }
  return at;
}

/** A title as written, white space collapsed, without the punctuation it was cut at ("Animal Metropolis:"). */
export function displayTitle(title: string): string {
  return title
    .trim()
    .split(/\s+/)
    .join(' ')
    .replace(/[\s:：;,，(（[\-–—]+$/, '');
}

/** The display text of the main title cut as `kind` says (full, series or subtitle). */
export function cutTitle(title: string, kind: number): string {
  const main = title.trim();
  const cut = titleCuts.find(([k]) => k === kind);
  const at = cut ? cutAt(main, cut[1]) : -1;
  return displayTitle(at > 0 ? main.slice(0, at) : main);
}
