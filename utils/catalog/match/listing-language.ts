/**
 * How listings are written: how common each matching token, and each predictable three-character
 * phrase, is in real Chinese listing titles. A catalogue's own word frequencies know nothing of
 * this: to a catalogue "从入门到精通" is a rare title, to a seller it is the words they put in every
 * listing. A title's information in listing language is what it says that sellers do not say
 * anyway; a title made of marketing phrases ("Python从入门到精通") says little and needs its author,
 * edition or ISBN to be reported.
 *
 * The shipped table (listing-language.json) is refined by the listings the user's own browsing
 * reports: their counts are added to the shipped ones, so the words of the user's corner of the
 * marketplace weigh what they weigh there.
 */
import shipped from './listing-language.json';

export interface ListingLanguageTable {
  titles: number;
  /** Tokens, space-separated, and how many titles hold each. */
  tokens: string;
  tokenCounts: number[];
  /** Three-character phrases (two overlapping bigrams), and how many titles hold each. */
  phrases: string;
  phraseCounts: number[];
}

/** What the user's browsing added, as stored (versioned like every stored shape). */
export interface ObservedListingLanguageV1 {
  version: 1;
  titles: number;
  tokens: Array<[string, number]>;
  phrases: Array<[string, number]>;
}

const isBigram = (token: string) => token.length === 2 && token.charCodeAt(0) >= 0x2e80 && token.charCodeAt(1) >= 0x2e80;

/** The three-character phrases of a token sequence: each Chinese bigram with the one overlapping it. */
export function phraseKeys(tokens: readonly string[]): string[] {
  const phrases: string[] = [];
  for (let k = 0; k + 1 < tokens.length; k++) {
    const a = tokens[k]!;
    const b = tokens[k + 1]!;
    if (isBigram(a) && isBigram(b) && a.charAt(1) === b.charAt(0)) phrases.push(a + b.charAt(1));
  }
  return phrases;
}

/** A token fewer than three titles hold counts as held by this many (the table leaves such tokens out). */
const unseenCount = 1;
/** Local counts are kept for at most this many tokens and phrases; the rarest go first. */
const maxObserved = 60_000;
/** Titles whose information is kept measured; past this the record starts again. */
const maxMeasured = 20_000;

function readTable(table: ListingLanguageTable): [Map<string, number>, Map<string, number>] {
  const read = (keys: string, counts: number[]) => {
    const map = new Map<string, number>();
    if (keys !== '') keys.split(' ').forEach((key, i) => map.set(key, counts[i]!));
    return map;
  };
  return [read(table.tokens, table.tokenCounts), read(table.phrases, table.phraseCounts)];
}

export class ListingLanguage {
  private readonly tokens: Map<string, number>;
  private readonly phrases: Map<string, number>;
  private readonly shippedTitles: number;
  private observedTokens = new Map<string, number>();
  private observedPhrases = new Map<string, number>();
  private observedTitles = 0;
  private measured = new Map<string, number>();
  /** Changes whenever the counts do: what was measured before says nothing after. */
  generation = 0;

  constructor(table: ListingLanguageTable = shipped) {
    [this.tokens, this.phrases] = readTable(table);
    this.shippedTitles = table.titles;
  }

  get titles(): number {
    return this.shippedTitles + this.observedTitles;
  }

  /** Inverse frequency of a token in listing titles, in nats: "正版" ≈ 1, "流畅" ≈ 8. */
  tokenIdf(token: string): number {
    const count = (this.tokens.get(token) ?? 0) + (this.observedTokens.get(token) ?? 0);
    return Math.log((this.titles + 1) / (Math.max(count, unseenCount) + 0.5));
  }

  /**
   * What a title's tokens say in listing language, in nats: the first token's inverse frequency,
   * then for each next token what it adds. Where a Chinese bigram continues the one before it as
   * sellers commonly continue it ("入门" → "门到"), it adds only the surprise of that continuation;
   * otherwise its own inverse frequency. "从入门到精通" says about as much as "从入" alone.
   */
  information(tokens: readonly string[]): number {
    // Page after page the same few titles are found: each is measured once (until counts change).
    const key = tokens.join(' ');
    let total = this.measured.get(key);
    if (total === undefined) {
      total = this.measure(tokens);
      if (this.measured.size >= maxMeasured) this.measured.clear();
      this.measured.set(key, total);
    }
    return total;
  }

  private measure(tokens: readonly string[]): number {
    let total = 0;
    for (let k = 0; k < tokens.length; k++) {
      const token = tokens[k]!;
      if (tokens.indexOf(token) < k) continue;
      const own = this.tokenIdf(token);
      const before = k > 0 ? tokens[k - 1]! : '';
      if (isBigram(token) && isBigram(before) && before.charAt(1) === token.charAt(0)) {
        const phrase = (this.phrases.get(before + token.charAt(1)) ?? 0) + (this.observedPhrases.get(before + token.charAt(1)) ?? 0);
        const prior = (this.tokens.get(before) ?? 0) + (this.observedTokens.get(before) ?? 0);
        if (phrase > 0 && prior > 0) {
          total += Math.min(own, Math.log((prior + 0.5) / phrase));
          continue;
        }
      }
      total += own;
    }
    return total;
  }

  /** Counts the tokens and phrases of listings the user's browsing reported (each listing once). */
  observe(listings: Iterable<readonly string[]>): void {
    for (const tokens of listings) {
      this.observedTitles++;
      for (const token of new Set(tokens)) this.observedTokens.set(token, (this.observedTokens.get(token) ?? 0) + 1);
      for (const phrase of new Set(phraseKeys(tokens))) this.observedPhrases.set(phrase, (this.observedPhrases.get(phrase) ?? 0) + 1);
    }
    this.measured.clear();
    this.generation++;
    if (this.observedTokens.size > maxObserved) this.observedTokens = keepCommonest(this.observedTokens);
    if (this.observedPhrases.size > maxObserved) this.observedPhrases = keepCommonest(this.observedPhrases);
  }

  observed(): ObservedListingLanguageV1 {
    return { version: 1, titles: this.observedTitles, tokens: [...this.observedTokens], phrases: [...this.observedPhrases] };
  }

  restore(observed: ObservedListingLanguageV1): void {
    this.observedTitles = observed.titles;
    this.observedTokens = new Map(observed.tokens);
    this.observedPhrases = new Map(observed.phrases);
    this.measured.clear();
    this.generation++;
  }
}

function keepCommonest(counts: Map<string, number>): Map<string, number> {
  return new Map([...counts].sort((a, b) => b[1] - a[1]).slice(0, maxObserved / 2));
}

let shippedLanguage: ListingLanguage | undefined;

/** The shipped table alone (the command line, tests, and a background that has observed nothing yet). */
export function listingLanguageOf(): ListingLanguage {
  return (shippedLanguage ??= new ListingLanguage());
}
