/**
 * Which part of a contributor's name a listing would show. Pirate listings write Western authors
 * as they appear on the cover ("Robert W. Erickson", "Erickson R.W."), so the surname is what can
 * be relied on; Chinese names are written whole ("黄永祥") and matched whole.
 */
import type { Contributor } from '../schema';

/**
 * Contributors worth looking for in a listing (their positions): authors, else editors, then the
 * translators, whom Chinese listings of translated books name as often as the author
 * ("侯捷 译"); a few of each are enough.
 */
export function namedContributors(contributors: readonly Contributor[], max = 3): number[] {
  const withRole = (role: Contributor['role'], limit: number) => {
    const chosen: number[] = [];
    for (let i = 0; i < contributors.length && chosen.length < limit; i++) if (contributors[i]!.role === role) chosen.push(i);
    return chosen;
  };
  const authors = withRole('author', max);
  return [...(authors.length > 0 ? authors : withRole('editor', max)), ...withRole('translator', 2)];
}

const cjkRun = /[\u2e80-\u9fff\uf900-\ufaff]{2,}/;
const bracketed = /[([【［（][^)\]】］）]*[)\]】］）]/g;
const notAscii = /[^\x20-\x7e]/;
/** "W.", "R.W.", "J.K." and lone letters: initials say nothing a listing would repeat. */
const initials = /^(?:\p{L}\.?){1,3}\.$|^\p{L}$/u;
const asciiInitials = /^(?:[A-Za-z]\.?){1,3}\.$|^[A-Za-z]$/;
const suffixes = new Set(['jr', 'sr', 'ii', 'iii', 'iv', 'phd', 'md', 'dr', 'prof', 'ed', 'eds', 'editor', 'editors', 'org', 'orgs', 'coord', 'hrsg', 'dir', 'et', 'al']);

/**
 * The text of a name a listing must contain: the surname for Latin names ("Erickson, Robert W.",
 * "Robert W. Erickson" and "J.K. Rowling, Mary GrandPré" (two people in one cell) → the last
 * word before any comma), the whole name for Chinese ones ("[美] 黄永祥 著" → "黄永祥"). Null
 * when nothing usable is left (initials only).
 */
export function nameKey(name: string): string | null {
  const cleaned = name.replace(bracketed, ' ');
  const ascii = !notAscii.test(cleaned);
  if (!ascii) {
    const run = cjkRun.exec(cleaned.replace(/\s*(编著|主编|著|编|译)\s*$/, ''));
    if (run) return run[0];
  }
  const words = cleaned.split(',')[0]!.split(/\s+/);
  for (let i = words.length - 1; i >= 0; i--) {
    const word = words[i]!;
    if (word === '' || (ascii ? asciiInitials : initials).test(word)) continue;
    const surname = ascii ? word.replace(/[^A-Za-z0-9'-]/g, '') : word.replace(/[^\p{L}\p{N}'-]/gu, '');
    if (surname.length < 2 || suffixes.has(surname.toLowerCase())) continue;
    return surname;
  }
  return null;
}
