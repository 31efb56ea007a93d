/**
 * What a catalogue title variant says in listing language (listing-language.ts), remembered per
 * index by entry and variant while the language's counts stay as they are. Page after page the
 * same titles are candidates, and measuring one (its words read, joined and looked up) cost a
 * sixth of matching a page.
 */
import { withoutBreaks } from './chinese-title';
import type { ListingLanguage } from './listing-language';
import type { MatchIndex } from './match-index';
import { titleTexts } from './strings-read';

/** What each of an index's title variants says in listing language, by entry and variant, while the language's counts stay as they were. */
interface InformationMemo {
  language: ListingLanguage;
  generation: number;
  byVariant: Map<number, number>;
}
const informationMemos = new WeakMap<MatchIndex, InformationMemo>();
/** Variants remembered per index before the memo starts again: a few pages' worth of candidates. */
const maxRemembered = 50_000;

/** What a title variant (`key`: entry × variantsPerKey + variant, or -1 for one not remembered) says in listing language. */
export function titleInformation(index: MatchIndex, language: ListingLanguage, key: number, tokens: readonly number[]): number {
  if (key < 0) return measure(index, language, tokens);
  let memo = informationMemos.get(index);
  if (!memo || memo.language !== language || memo.generation !== language.generation || memo.byVariant.size >= maxRemembered) {
    memo = { language, generation: language.generation, byVariant: new Map() };
    informationMemos.set(index, memo);
  }
  let information = memo.byVariant.get(key);
  if (information === undefined) memo.byVariant.set(key, (information = measure(index, language, tokens)));
  return information;
}

function measure(index: MatchIndex, language: ListingLanguage, tokens: readonly number[]): number {
  return language.information(withoutBreaks(titleTexts(index, tokens)));
}

/** Variants an entry's memo key can tell apart; an entry with more (many other titles) measures the rest each time. */
export const variantsPerKey = 32;
