/** The index's packed strings (tokens, publishers) as text, each decoded once per table. */
import { stringAt, type StringTable } from './codec';
import type { MatchIndex } from './match-index';

/** Strings read so far, per table: the same few thousand tokens and houses are read page after page. */
const readStrings = new WeakMap<StringTable, string[]>();

function stringsRead(table: StringTable): string[] {
  let strings = readStrings.get(table);
  if (!strings) readStrings.set(table, (strings = []));
  return strings;
}

export function cachedString(table: StringTable, at: number): string {
  return (stringsRead(table)[at] ??= stringAt(table, at));
}

/** A title variant's tokens as text. */
export function titleTexts(index: MatchIndex, tokens: readonly number[]): string[] {
  const strings = stringsRead(index.tokens);
  const texts = new Array<string>(tokens.length);
  for (let k = 0; k < tokens.length; k++) texts[k] = strings[tokens[k]!] ??= stringAt(index.tokens, tokens[k]!);
  return texts;
}
