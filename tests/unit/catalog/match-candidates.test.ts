/**
 * The candidate stage against the rule it implements, read the plain way: an entry is a candidate
 * when two of the tokens that point at it are in the listing, or one for a one-word title. The
 * stage reads the longest posting list differently (it looks entries up in it); these catalogues
 * make that list long (a few words shared by most titles) and hold one-word titles in it.
 */
import { describe, expect, it } from 'vitest';
import { buildMatchIndex, type MatchIndex } from '@/utils/catalog/match';
import { candidates } from '@/utils/catalog/match/candidates';
import { listingKeys } from '@/utils/catalog/match/read-listing';
import { entry } from './entries';

/** A linear congruential generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
}

const common = ['history', 'python', 'introduction', 'theory', 'practice'];
const rare = Array.from({ length: 400 }, (_, k) => `word${k.toString(36)}`);

function catalogue(seed: number): MatchIndex {
  const rnd = random(seed);
  const pick = (words: string[]) => words[Math.floor(rnd() * words.length)]!;
  const entries = Array.from({ length: 3000 }, (_, k) => {
    // One title in ten is one word, common or rare; the others mix common and rare words.
    const title = k % 10 === 0 ? pick(rnd() < 0.5 ? common : rare) : Array.from({ length: 2 + Math.floor(rnd() * 4) }, () => pick(rnd() < 0.4 ? common : rare)).join(' ');
    return { catalogueId: 'c', entry: entry(`e${k}`, title) };
  });
  return buildMatchIndex(entries);
}

/** The rule, read through every posting list. */
function plainCandidates(index: MatchIndex, ids: Int32Array): number[] {
  const hits = new Map<number, number>();
  for (const id of new Set(ids)) {
    if (id < 0) continue;
    for (let p = index.postingOffsets[id]!; p < index.postingOffsets[id + 1]!; p++) hits.set(index.postings[p]!, (hits.get(index.postings[p]!) ?? 0) + 1);
  }
  return [...hits].filter(([e, n]) => n >= 2 || (index.entryFlags[e]! & 0x80) !== 0).map(([e]) => e);
}

const sorted = (entries: number[]) => [...entries].sort((a, b) => a - b);

describe('candidates', () => {
  it('are the entries two of whose pointing tokens the listing holds, or one of a one-word title, however long the lists', () => {
    for (const seed of [1, 2, 3]) {
      const index = catalogue(seed);
      const rnd = random(seed + 100);
      for (let n = 0; n < 300; n++) {
        const words = Array.from({ length: 1 + Math.floor(rnd() * 7) }, () => (rnd() < 0.5 ? common : rare)[Math.floor(rnd() * (rnd() < 0.5 ? common.length : rare.length))] ?? 'python');
        const { ids } = listingKeys(index, { id: `${n}`, title: words.join(' ') });
        expect(sorted(candidates(index, ids)), words.join(' ')).toEqual(sorted(plainCandidates(index, ids)));
      }
    }
  });

  it('finds a one-word title named only by the longest list, and nothing for a listing of unknown words', () => {
    const index = buildMatchIndex([
      ...Array.from({ length: 200 }, (_, k) => ({ catalogueId: 'c', entry: entry(`h${k}`, `History of ${rare[k]!} and ${rare[k + 200]!}`) })),
      { catalogueId: 'c', entry: entry('one', 'History') },
      { catalogueId: 'c', entry: entry('pair', `${rare[5]!} history`) },
    ]);
    const found = (title: string) => candidates(index, listingKeys(index, { id: '1', title }).ids).map((e) => `e${e}`);
    const ids = (title: string) => sorted(candidates(index, listingKeys(index, { id: '1', title }).ids));
    expect(found('history')).toEqual(['e200']);
    expect(ids(`${rare[5]!} history ${rare[205]!}`)).toEqual([5, 200, 201]);
    expect(ids('nothing known here')).toEqual([]);
  });
});
