/**
 * Colophon's matcher and what a developer would otherwise reach for (Fuse.js, uFuzzy, FlexSearch,
 * MiniSearch), behind one interface, on equal terms:
 *
 * - the same text normalisation (normaliseText → foldDiacritics; tokens with Chinese bigrams for
 *   the token-based libraries, via their tokenizer options);
 * - the same ISBN step (isbnsInText + a Map from ISBN to entries): an ISBN hit scores 1; the
 *   library does the titles, which is what is being compared;
 * - the library's own ranking picks the candidate; a score turns it into a yes or no, and its
 *   threshold is the one giving that library its best F1 on the evaluation set (their best case;
 *   Colophon's threshold is fixed at 0.6);
 * - queries: MiniSearch and FlexSearch get the whole listing (OR of its tokens: their strength is
 *   rare-term retrieval); Fuse.js and uFuzzy, which look for a short pattern inside each title,
 *   get the listing's runs of Latin words and of Chinese characters (uFuzzy: each run shortened
 *   from the end until it finds something, as a seller's run also holds the author and
 *   "Paperback"; Fuse.js, fuzzy already and far slower, one try per run).
 */
import uFuzzy from '@leeoniya/ufuzzy';
import FlexSearch from 'flexsearch';
import Fuse from 'fuse.js';
import MiniSearch from 'minisearch';
import { isbn13, isbnsInText } from '../../../utils/catalog/isbn';
import { buildMatchIndex, findMatches, loadMatchIndex, serialiseMatchIndex, type IndexedEntry, type ListingText, type MatchIndex } from '../../../utils/catalog/match';
import { matchText, matchTokens } from '../../../utils/catalog/match/tokens';
import { entryKey } from './evalset';
import type { Prediction } from './quality';

export interface Contender {
  name: string;
  /** Whether the score threshold is tuned on the evaluation set (the libraries) or fixed (Colophon). */
  tunedThreshold: boolean;
  build(entries: readonly IndexedEntry[]): void;
  match(listings: readonly ListingText[]): Prediction[][];
  /** The index as it would be stored (structured-clone friendly), and back. */
  store(): unknown;
  reload(stored: unknown): void;
  /** Drop the index (between sizes), so memory is measured from the same start. */
  clear(): void;
}

export function colophon(): Contender {
  let index: MatchIndex | null = null;
  return {
    name: 'Colophon',
    tunedThreshold: false,
    build: (entries) => void (index = buildMatchIndex(entries)),
    match: (listings) =>
      listings.map((listing) => findMatches(index!, listing).map((m) => ({ key: entryKey(m.catalogueId, m.entryId), confidence: m.confidence }))),
    store: () => serialiseMatchIndex(index!),
    reload: (stored) => void (index = loadMatchIndex(stored)),
    clear: () => void (index = null),
  };
}

/** What every library is given: entry keys, searchable texts, and the ISBN step. */
class Shared {
  keys: string[] = [];
  isbns = new Map<string, number[]>();

  constructor(entries: readonly IndexedEntry[]) {
    entries.forEach(({ catalogueId, entry }, i) => {
      this.keys.push(entryKey(catalogueId, entry.id));
      for (const isbn of entry.isbns) this.isbns.set(isbn, [...(this.isbns.get(isbn) ?? []), i]);
    });
  }

  isbnHits(listing: ListingText): Prediction[] {
    const found = [...(listing.isbn ? [isbn13(listing.isbn)] : []), ...isbnsInText(listing.title)];
    return found.flatMap((isbn) => (isbn ? (this.isbns.get(isbn) ?? []) : [])).map((i) => ({ key: this.keys[i]!, confidence: 1 }));
  }
}

const titlesOf = ({ entry }: IndexedEntry) => [entry.title, ...entry.otherTitles.map((t) => t.title)].join(' | ');
const authorsOf = ({ entry }: IndexedEntry) => entry.contributors.slice(0, 3).map((c) => c.name).join(', ');
const listingText = (listing: ListingText) => `${listing.title} ${listing.author ?? ''}`;

/** Runs of Latin words and of Chinese characters, longest first. */
function segments(listing: ListingText): string[] {
  const text = matchText(listing.title);
  const runs = text.match(/[a-z0-9]+(?: [a-z0-9]+)*|[\u2e80-\u9fff]{2,}/g) ?? [];
  return runs.filter((run) => run.length >= 3).sort((a, b) => b.length - a.length).slice(0, 3);
}

/** Tries a run, then the run shortened word by word from the end, until the library finds something. */
function shortened(run: string): string[] {
  if (!run.includes(' ')) return [run];
  const words = run.split(' ');
  return Array.from({ length: Math.min(words.length, 5) }, (_, k) => words.slice(0, words.length - k).join(' ')).filter((q) => q.length >= 3);
}

function withIsbns(shared: Shared, listings: readonly ListingText[], titleMatch: (listing: ListingText) => Prediction[]): Prediction[][] {
  return listings.map((listing) => {
    const hits = shared.isbnHits(listing);
    return hits.length > 0 ? hits : titleMatch(listing);
  });
}

/** `limit`: how many ranked entries a listing may report (more for bundles, which sell several books). */
export function miniSearch({ limit = 5 } = {}): Contender {
  let shared: Shared;
  let index: MiniSearch | null = null;
  const options = {
    fields: ['titles', 'authors'],
    tokenize: (text: string) => matchTokens(text),
    processTerm: (term: string) => term,
    searchOptions: { combineWith: 'OR' as const, boost: { titles: 2 } },
  };
  return {
    name: 'MiniSearch',
    tunedThreshold: true,
    build(entries) {
      shared = new Shared(entries);
      index = new MiniSearch(options);
      index.addAll(entries.map((e, id) => ({ id, titles: titlesOf(e), authors: authorsOf(e) })));
    },
    match: (listings) =>
      withIsbns(shared, listings, (listing) => {
        const results = index!.search(listingText(listing)).slice(0, limit);
        // BM25 grows with query length: per query token, to compare listings with each other.
        const tokens = Math.max(1, matchTokens(listingText(listing)).length);
        return results.map((r) => ({ key: shared.keys[r.id as number]!, confidence: r.score / tokens }));
      }),
    store: () => ({ json: JSON.stringify(index), keys: shared.keys, isbns: shared.isbns }),
    reload(stored) {
      const s = stored as { json: string; keys: string[]; isbns: Map<string, number[]> };
      index = MiniSearch.loadJSON(s.json, options);
      shared.keys = s.keys;
      shared.isbns = s.isbns;
    },
    clear: () => void (index = null),
  };
}

/** `limit` as for miniSearch. */
export function flexSearch({ limit = 5 } = {}): Contender {
  let shared: Shared;
  let index: InstanceType<typeof FlexSearch.Index> | null = null;
  let texts: string[] = [];
  const create = () => new FlexSearch.Index({ encode: (text: string) => matchTokens(text), resolution: 9 });
  return {
    name: 'FlexSearch',
    tunedThreshold: true,
    build(entries) {
      shared = new Shared(entries);
      index = create();
      texts = entries.map((e) => `${titlesOf(e)} ${authorsOf(e)}`);
      texts.forEach((text, id) => index!.add(id, text));
    },
    match: (listings) =>
      withIsbns(shared, listings, (listing) => {
        const ids = index!.search(listingText(listing), { suggest: true, limit }) as number[];
        // FlexSearch ranks but does not score: the share of the entry's tokens the listing holds.
        const listingTokens = new Set(matchTokens(listingText(listing)));
        return ids.map((id) => {
          const tokens = [...new Set(matchTokens(texts[id]!))];
          return { key: shared.keys[id]!, confidence: tokens.filter((t) => listingTokens.has(t)).length / Math.max(1, tokens.length) };
        });
      }),
    store() {
      const parts: Array<[string, string]> = [];
      index!.export((key: unknown, data: unknown) => void parts.push([String(key), String(data)]));
      return { parts, texts, keys: shared.keys, isbns: shared.isbns };
    },
    reload(stored) {
      const s = stored as { parts: Array<[string, string]>; texts: string[]; keys: string[]; isbns: Map<string, number[]> };
      index = create();
      for (const [key, data] of s.parts) index.import(key, data);
      texts = s.texts;
      shared.keys = s.keys;
      shared.isbns = s.isbns;
    },
    clear: () => void ((index = null), (texts = [])),
  };
}

export function fuse(): Contender {
  let shared: Shared;
  let docs: Array<{ titles: string; authors: string }> = [];
  let index: Fuse<{ titles: string; authors: string }> | null = null;
  const options = { keys: ['titles'], includeScore: true, ignoreLocation: true, threshold: 0.4 };
  return {
    name: 'Fuse.js',
    tunedThreshold: true,
    build(entries) {
      shared = new Shared(entries);
      docs = entries.map((e) => ({ titles: matchText(titlesOf(e)), authors: matchText(authorsOf(e)) }));
      index = new Fuse(docs, options, Fuse.createIndex(options.keys, docs));
    },
    match: (listings) =>
      withIsbns(shared, listings, (listing) => {
        // Fuse scans every title per query (about 0.2 s at 100 000 entries): one try per run, no shortening.
        for (const query of segments(listing)) {
          const results = index!.search(query, { limit: 5 });
          if (results.length > 0) return results.map((r) => ({ key: shared.keys[r.refIndex]!, confidence: 1 - (r.score ?? 1) }));
        }
        return [];
      }),
    store: () => ({ docs, index: index!.getIndex().toJSON(), keys: shared.keys, isbns: shared.isbns }),
    reload(stored) {
      const s = stored as { docs: typeof docs; index: Parameters<typeof Fuse.parseIndex>[0]; keys: string[]; isbns: Map<string, number[]> };
      docs = s.docs;
      index = new Fuse(docs, options, Fuse.parseIndex(s.index));
      shared.keys = s.keys;
      shared.isbns = s.isbns;
    },
    clear: () => void ((index = null), (docs = [])),
  };
}

export function ufuzzy(): Contender {
  let shared: Shared;
  let haystack: string[] = [];
  const finder = new uFuzzy({ intraMode: 1 });
  return {
    name: 'uFuzzy',
    tunedThreshold: true,
    build(entries) {
      shared = new Shared(entries);
      haystack = entries.map((e) => matchText(titlesOf(e)));
    },
    match: (listings) =>
      withIsbns(shared, listings, (listing) => {
        for (const run of segments(listing)) {
          for (const query of shortened(run)) {
            const [ids, , order] = finder.search(haystack, query, 0, 1000);
            if (!ids || ids.length === 0) continue;
            const ranked = order ? order.map((k) => ids[k]!) : ids;
            // uFuzzy ranks but does not score: how much of the entry's title the query covers.
            return ranked.slice(0, 5).map((id) => ({ key: shared.keys[id]!, confidence: Math.min(1, query.length / haystack[id]!.length) }));
          }
        }
        return [];
      }),
    // uFuzzy keeps no index: what it stores is the list of titles.
    store: () => ({ haystack, keys: shared.keys, isbns: shared.isbns }),
    reload(stored) {
      const s = stored as { haystack: string[]; keys: string[]; isbns: Map<string, number[]> };
      haystack = s.haystack;
      shared.keys = s.keys;
      shared.isbns = s.isbns;
    },
    clear: () => void (haystack = []),
  };
}
