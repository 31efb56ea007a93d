/**
 * Matching a page of listings against the index: candidates from the rarest tokens each listing
 * holds, then each candidate verified (title tokens mostly in order, authors, edition, ISBN) and
 * scored. A 60-listing page takes a few milliseconds against 500 000 entries
 * (tests/bench/match/run.ts).
 */
import { isbn13, isbnsInText } from '../isbn';
import { tokenise } from '../text';
import { stringAt, VarintReader } from './codec';
import { lookupToken } from './dictionary';
import { editionsInText } from './edition';
import { entriesWithIsbn, isbnFromKey, isbnKey, noKey, variantKinds, type MatchIndex } from './match-index';
import { confidence, rareNameIdf, subtitleCutWeight, type Signals } from './score';
import { matchText, matchTokens } from './tokens';
import { coverage, isCjk, titleStrength, type TitleHit } from './verify';
import { reportingThreshold, type Finding, type ListingText } from './types';

/** More than this many matches on one listing only buries the best ones. */
const maxMatchesPerListing = 8;

/** Per-index scratch arrays, reused from page to page (allocating 500 000 counters per listing would cost more than matching). */
interface Scratch {
  hits: Uint8Array;
  touched: Uint32Array;
}
const scratches = new WeakMap<MatchIndex, Scratch>();

interface ReadListing {
  ids: Int32Array;
  /** Token ids of the listing's author field, where a seller put one. */
  authorIds: Int32Array;
  authorIsLatin: boolean;
  editions: number[];
  isbns: Map<number, string>;
}

function readListing(index: MatchIndex, listing: ListingText): ReadListing {
  const normalised = matchText(listing.title);
  const lookup = (tokens: string[]) => Int32Array.from(tokens, (token) => lookupToken(index.tokens, token));
  const isbns = new Map<number, string>();
  const fieldIsbn = listing.isbn ? isbn13(listing.isbn) : null;
  for (const isbn of [...(fieldIsbn ? [fieldIsbn] : []), ...isbnsInText(listing.title)]) isbns.set(isbnKey(isbn), isbn);
  const author = listing.author?.trim() ?? '';
  return {
    ids: lookup(tokenise(normalised)),
    authorIds: lookup(author ? matchTokens(author) : []),
    authorIsLatin: /[a-z]{2}/i.test(author),
    editions: editionsInText(normalised),
    isbns,
  };
}

/** Entries whose title variants have their two rarest tokens (or their only one) in the listing. */
function candidates(index: MatchIndex, ids: Int32Array): number[] {
  let scratch = scratches.get(index);
  if (!scratch) {
    scratch = { hits: new Uint8Array(index.entryCount), touched: new Uint32Array(1024) };
    scratches.set(index, scratch);
  }
  const { hits } = scratch;
  let touched = scratch.touched;
  let count = 0;
  const seen = new Set<number>();
  for (const id of ids) {
    if (id < 0 || seen.has(id)) continue;
    seen.add(id);
    const end = index.postingOffsets[id + 1]!;
    for (let p = index.postingOffsets[id]!; p < end; p++) {
      const e = index.postings[p]!;
      if (hits[e] === 0) {
        if (count === touched.length) {
          const grown = new Uint32Array(touched.length * 2);
          grown.set(touched);
          touched = scratch.touched = grown;
        }
        touched[count++] = e;
      }
      if (hits[e]! < 255) hits[e]!++;
    }
  }
  const found: number[] = [];
  for (let i = 0; i < count; i++) {
    const e = touched[i]!;
    if (hits[e]! >= 2 || (hits[e] === 1 && (index.entryFlags[e]! & 0x80) !== 0)) found.push(e);
    hits[e] = 0;
  }
  return found;
}

function readIds(reader: VarintReader): number[] {
  const count = reader.read();
  const ids = new Array<number>(count);
  for (let k = 0; k < count; k++) ids[k] = reader.read();
  return ids;
}

function entryId(index: MatchIndex, e: number): string {
  const key = index.entryIdKey[e]!;
  if (key !== noKey) return isbnFromKey(key);
  let low = 0;
  let high = index.otherIdEntries.length - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (index.otherIdEntries[middle]! < e) low = middle + 1;
    else high = middle;
  }
  return stringAt(index.otherIds, low);
}

interface Scored {
  finding: Finding;
  entry: number;
  /** Listing token positions the title was found at (to drop a title found inside a longer one). */
  positions: number[];
  /** Share of the entry's full main title the listing shows ("…, Volume XXXV" tells volumes apart). */
  completeness: number;
  isbn: boolean;
  author: boolean;
}

interface Variant {
  kind: number;
  language: string;
  tokens: number[];
  /** 0 the main title, k + 1 the entry's k-th other title. */
  origin: number;
}

function readVariants(index: MatchIndex, reader: VarintReader): Variant[] {
  const variants: Variant[] = [];
  const count = reader.read();
  for (let v = 0; v < count; v++) {
    const code = reader.read();
    const kind = code & 3;
    const language = index.languages[code >>> 2]!;
    if (kind === variantKinds.full) {
      const tokens = readIds(reader);
      variants.push({ kind, language, tokens, origin: reader.read() });
    } else {
      const main = variants[0]!;
      variants.push({ kind, language, tokens: main.tokens.slice(0, reader.read()), origin: main.origin });
    }
  }
  return variants;
}

function scoreEntry(index: MatchIndex, listing: ReadListing, listingId: string, e: number, isbn: string | null): Scored | null {
  const reader = new VarintReader(index.records, index.recordOffsets[e]!);
  const variants = readVariants(index, reader);
  let best: (TitleHit & { variant: Variant }) | null = null;
  /** A title cut to one word before its subtitle ("Malory: Complete Works" → "Malory"): it names a subject, unless a rare author's name comes with it. */
  let oneWordCut: (TitleHit & { variant: Variant }) | null = null;
  const titleTokens = new Set<number>();
  for (const variant of variants) {
    const hit = titleStrength(index, variant.tokens, listing.ids);
    if (!hit) continue;
    for (const token of variant.tokens) titleTokens.add(token);
    // A title cut before its subtitle is weaker evidence: "The Hunger Games" is not "The Hunger Games: Official Illustrated Movie Companion".
    if (variant.kind === variantKinds.subtitle) hit.strength.information *= subtitleCutWeight;
    if (variant.kind === variantKinds.subtitle && hit.strength.words < 2) {
      oneWordCut ??= { ...hit, variant };
      continue;
    }
    const value = hit.strength.information * hit.strength.coverage;
    if (!best || value > best.strength.information * best.strength.coverage) best = { ...hit, variant };
  }
  if (!best && !oneWordCut && !isbn) return null;

  // Where the seller filled in an author field, it is what counts: a title naming the entry's
  // author ("The Two Gods of Leviathan: Thomas Hobbes on …" by A. P. Martinich) is a book about them.
  const fieldDecides = listing.authorIds.length > 0;
  let author: number | null = null;
  let authorRare = false;
  let authorLatin = false;
  const authorCount = reader.read();
  for (let a = 0; a < authorCount; a++) {
    const keyTokens = readIds(reader);
    const contributor = reader.read();
    let inField = keyTokens.length > 0;
    let inTitle = keyTokens.length > 0;
    let partOfTitle = true;
    let rarity = Infinity;
    for (const token of keyTokens) {
      rarity = Math.min(rarity, index.nameIdf[token]!);
      if (!isCjk(index, token)) authorLatin = true;
      if (!titleTokens.has(token)) partOfTitle = false;
      if (!listing.authorIds.includes(token)) inField = false;
      if (!listing.ids.includes(token)) inTitle = false;
    }
    // A surname that is also a word of the title ("Plato" in "Plato's Republic") proves nothing more.
    const found = inField || (inTitle && !partOfTitle && !(fieldDecides && listing.authorIsLatin === !isCjk(index, keyTokens[0]!)));
    if (found && author === null) {
      author = contributor;
      authorRare = rarity >= rareNameIdf;
    }
  }
  if (!best && oneWordCut && authorRare) best = oneWordCut;
  if (!best && !isbn) return null;
  const wrongAuthor = author === null && authorCount > 0 && fieldDecides && listing.authorIsLatin === authorLatin;

  const entryEdition = index.entryFlags[e]! & 0x7f;
  let edition: Signals['edition'] = 0;
  if (entryEdition > 0 && listing.editions.length > 0) edition = listing.editions.includes(entryEdition) ? 1 : -1;

  const value = confidence({ isbn: isbn !== null, title: best?.strength ?? null, author: author !== null, edition, wrongAuthor });
  if (value < reportingThreshold) return null;
  return {
    finding: {
      listingId,
      catalogueId: index.catalogueIds[index.entryCatalogue[e]!]!,
      entryId: entryId(index, e),
      confidence: value,
      isbn,
      title: best ? { origin: best.variant.origin, kind: best.variant.kind, language: best.variant.language } : null,
      author,
      edition: edition === 1 ? entryEdition : null,
    },
    entry: e,
    positions: best?.positions ?? [],
    // Against the main title without its series note, which listings seldom show.
    completeness: variants[0] ? coverage(index, (variants.find((v) => v.kind === variantKinds.series) ?? variants[0]).tokens, listing.ids) : 0,
    isbn: isbn !== null,
    author: author !== null,
  };
}

/**
 * `weaker` gives way to `stronger` when the listing holds a longer catalogue title around it
 * ("Linear Algebra" inside "Linear Algebra Done Right"); or, on the same words, when they are all
 * of the other's title and only part of its own ("The Hunger Games" against "The Hunger Games:
 * Official Illustrated Movie Companion", or "A Red Herring Without Mustard" against "… Volume 2"),
 * or when the listing names the other's author and not its own (two books called "Introduction
 * to Partial Differential Equations", the listing says Borthwick).
 */
function givesWay(weaker: Scored, stronger: Scored): boolean {
  if (weaker.isbn || stronger.author < weaker.author || weaker.positions.length === 0) return false;
  if (!weaker.positions.every((p) => stronger.positions.includes(p))) return false;
  if (stronger.positions.length > weaker.positions.length) return true;
  return (stronger.author && !weaker.author) || (stronger.completeness > 0.999 && weaker.completeness <= 0.999);
}

/** A listing's findings at or above the reporting threshold, best first. */
export function findMatches(index: MatchIndex, listing: ListingText): Finding[] {
  const read = readListing(index, listing);
  const isbnEntries = new Map<number, string>();
  for (const [key, isbn] of read.isbns) for (const e of entriesWithIsbn(index, key)) isbnEntries.set(e, isbn);
  const scored: Scored[] = [];
  const done = new Set<number>();
  for (const e of [...isbnEntries.keys(), ...candidates(index, read.ids)]) {
    if (done.has(e)) continue;
    done.add(e);
    const result = scoreEntry(index, read, listing.id, e, isbnEntries.get(e) ?? null);
    if (result) scored.push(result);
  }
  const kept = scored.filter((s) => !scored.some((other) => other !== s && givesWay(s, other)));
  return kept
    .sort((a, b) => b.finding.confidence - a.finding.confidence || b.completeness - a.completeness || a.entry - b.entry)
    .slice(0, maxMatchesPerListing)
    .map((s) => s.finding);
}
