/**
 * Catalogues of 100 000 and 500 000 entries, grown from the ~51 500 real ones: every real entry,
 * then entries made from a real entry's title with about a third of its words swapped for words
 * drawn from the real titles (so the vocabulary and word frequencies stay those of real titles),
 * half of them given a volume number or a subtitle, the contributors and edition of another real
 * entry, and a new, valid 979-8 ISBN. Confusers are therefore many: titles that share most words
 * with real ones, as a large publisher's backlist has.
 */
import type { IndexedEntry } from '../../../utils/catalog/match';
import { stopwords } from '../../../utils/catalog/match/score';
import type { RealCatalogue } from './catalogues';
import { random, titleKey } from './evalset';

function isbn979(n: number): string {
  const body = `9798${String(n).padStart(8, '0')}`;
  let sum = 0;
  for (let k = 0; k < 12; k++) sum += (body.charCodeAt(k) - 48) * (k % 2 === 0 ? 1 : 3);
  return body + ((10 - (sum % 10)) % 10);
}

export function scaledCatalogue(real: RealCatalogue[], size: number, seed: number): IndexedEntry[] {
  const rnd = random(seed);
  const entries: IndexedEntry[] = real.flatMap((c) => c.entries.map((entry) => ({ catalogueId: c.id, entry })));
  const words = entries.flatMap(({ entry }) => entry.title.split(/\s+/).filter((w) => /^[A-Za-z]{3,}$/.test(w) && !stopwords.has(w.toLowerCase())));
  const realKeys = new Set(entries.map(({ entry }) => titleKey(entry.title)));
  const pick = <T>(items: readonly T[]) => items[Math.floor(rnd() * items.length)]!;
  let n = 0;
  while (entries.length < size) {
    const base = pick(entries).entry;
    const other = pick(entries).entry;
    let title = base.title
      .replace(/\s*\(.*$/, '')
      .split(/\s+/)
      .map((w) => (/^[A-Za-z]{3,}$/.test(w) && !stopwords.has(w.toLowerCase()) && rnd() < 0.35 ? pick(words) : w))
      .join(' ');
    const extra = rnd();
    if (extra < 0.25) title += ` Volume ${1 + Math.floor(rnd() * 9)}`;
    else if (extra < 0.5) title += `: ${pick(words)} and ${pick(words)}`;
    if (realKeys.has(titleKey(title))) continue;
    const isbn = isbn979(n++);
    entries.push({
      catalogueId: 'synthetic',
      entry: { ...base, id: isbn, isbns: [isbn], title, subtitle: null, otherTitles: [], contributors: other.contributors, edition: other.edition },
    });
  }
  return entries;
}
