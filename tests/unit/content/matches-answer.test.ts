/**
 * The content script checks the background's answer with a schema of its own (zod/mini, to keep
 * the script small). It must accept every reason the matcher gives: one it does not know fails the
 * whole answer, and the page then shows no marks at all.
 */
import { describe, expect, it } from 'vitest';
import { buildMatchIndex, entryLookup, matchListings } from '@/utils/catalog/match';
import { MatchReason } from '@/utils/catalog/match/types';
import type { Contributor } from '@/utils/catalog/schema';
import { MatchesAnswer } from '@/entrypoints/page-tools/matches-answer';
import { entry } from '../catalog/entries';

const by = (names: string): Contributor[] => names.split(';').map((name) => ({ name, role: 'author' }));

describe('the page\'s check of the background\'s answer', () => {
  it('knows every kind of reason the matcher gives', () => {
    const kinds = MatchReason.options.map((option) => option.shape.kind.value);
    const samples = {
      isbn: { kind: 'isbn', isbn: '9787115546081' },
      title: { kind: 'title', title: 'Python基础教程', language: 'zh' },
      author: { kind: 'author', name: '崔庆才' },
      edition: { kind: 'edition', edition: 3 },
      segment: { kind: 'segment', text: 'Python基础教程', leading: true },
      outranked: { kind: 'outranked', title: '自己动手写网络爬虫', sameWords: true },
    } as const;
    expect(Object.keys(samples).sort()).toEqual([...kinds].sort());
    for (const reason of Object.values(samples)) {
      const answer = { ok: true, matches: { '1': [{ listingId: '1', entryId: 'e', title: 't', confidence: 0.9, reasons: [reason] }] } };
      expect(MatchesAnswer.safeParse(answer).success, reason.kind).toBe(true);
    }
  });

  it('accepts what the matcher says of a real Chinese seller title', () => {
    const entries = [
      entry('luogang', '自己动手写网络爬虫', { contributors: by('罗刚;王振东') }),
      entry('luogang-revised', '自己动手写网络爬虫', { contributors: by('罗刚'), edition: '修订版' }),
    ].map((e) => ({ catalogueId: 'zh', entry: e }));
    const [matches] = matchListings(buildMatchIndex(entries), [{ id: '1', title: '自己动手写网络爬虫(修订版) 罗刚' }], entryLookup(entries));
    expect(matches![0]!.reasons.map((reason) => reason.kind)).toEqual(expect.arrayContaining(['segment', 'outranked']));
    const parsed = MatchesAnswer.safeParse({ ok: true, matches: { '1': matches } });
    expect(parsed.success).toBe(true);
  });
});
