/**
 * Matching a page of listings against the index: candidates from the rarest tokens each listing
 * holds, then each candidate verified (title tokens mostly in order, authors, edition, ISBN) and
 * scored. A 60-listing page takes a few milliseconds against 500 000 entries
 * (tests/bench/match/run.ts).
 */
import { companionFollows, editionFollows, nameFollows, noteFollows, subtitleFollows } from './after-run';
import { wholeTitleRun, withoutBreaks, type ChineseTitleHit } from './chinese-title';
import { lowerBound, stringAt, VarintReader } from './codec';
import { cachedString, titleTexts } from './strings-read';
import { samePublisher } from './publishers';
import { readIds, readVariants, type Variant } from './records';
import { candidates } from './candidates';
import { compete, type Competitor } from './compete';
import { listingLanguageOf, type ListingLanguage } from './listing-language';
import { titleInformation, variantsPerKey } from './title-information';
import { editionsNear, listingKeys, namedIn, readListing, type ReadListing } from './read-listing';
import { yearEditionBase } from './edition';
import { spelt, wordsSellersLeaveOut } from './left-out';
import { editionKinds, entriesWithIsbn, entryForms, isbnFromKey, noKey, variantKinds, type MatchIndex } from './match-index';
import { otherKindOfEdition } from './forms';
import { confidence, rareNameIdf, subtitleCutWeight, type Signals } from './score';
import { chineseTitleConfidence } from './score-chinese';
import { coverage, isCjk, titleStrength, type TitleHit } from './verify';
import { reportingThreshold, type Finding, type ListingText } from './types';

/** More than this many matches on one listing only buries the best ones. */
const maxMatchesPerListing = 8;

function hasCjkToken(index: MatchIndex, tokens: readonly number[]): boolean {
  for (const token of tokens) if (isCjk(index, token)) return true;
  return false;
}

function entryId(index: MatchIndex, e: number): string {
  const key = index.entryIdKey[e]!;
  if (key !== noKey) return isbnFromKey(key);
  return stringAt(index.otherIds, lowerBound(index.otherIdEntries, e));
}

interface Scored extends Competitor {
  entry: number;
  /** Share of the entry's full main title the listing shows ("…, Volume XXXV" tells volumes apart). */
  completeness: number;
  author: boolean;
}

/** The best Chinese title hit of an entry's variants, with what it says in listing language. */
interface ChineseBest extends ChineseTitleHit {
  variant: Variant;
  coverage: number;
  information: number;
}

/** A Chinese title variant in the listing: whole in one run if it can be, else mostly, in order. */
function chineseHit(index: MatchIndex, listing: ReadListing, variant: Variant, key: number): ChineseBest | null {
  const chinese = listing.chinese!;
  // The title's words as text are read only for a title that may be there: most candidates are not.
  const t = variant.tokens;
  // A title may be there without its first word only in a bundle, or where that word is one sellers leave out.
  const mayLackFirst = t.length > 2 && (chinese.read.bundle || wordsSellersLeaveOut.includes(cachedString(index.tokens, t[0]!)));
  const texts = chinese.ids.includes(t[0]!) || (mayLackFirst && (chinese.ids.includes(t[1]!) || chinese.ids.includes(t[2]!))) ? titleTexts(index, variant.tokens) : null;
  const run = texts ? wholeTitleRun(chinese, { ids: variant.tokens, texts }) : null;
  // What the title says in listing language is read only for a title found: most candidates are not.
  if (run) {
    // A bundle's title between spaces names one of its books; not a title cut before its subtitle
    // ("从0到1" of "从0到1：开启商业与未来的秘密"), which names a book only where it opens the listing.
    if (run.spaced && variant.kind !== variantKinds.subtitle) run.leading = true;
    // A title found with words left out or cut off says only what was found of it.
    const information = run.elided || run.cutOff || run.borrowed ? listing.language.information(withoutBreaks(run.positions.map((p) => chinese.read.tokens[p]!))) : titleInformation(index, listing.language, key, variant.tokens);
    return { ...run, variant, coverage: 1, information };
  }
  const scattered = titleStrength(index, variant.tokens, chinese.ids);
  if (!scattered) return null;
  const segment = chinese.read.segment[scattered.positions[0]!]!;
  const information = titleInformation(index, listing.language, key, variant.tokens);
  return { positions: scattered.positions, segment, whole: false, elided: false, cutOff: false, borrowed: false, leading: false, opens: false, spaced: false, variant, coverage: scattered.strength.coverage, information };
}

/** Whether a Chinese listing sells a book that goes with the title found in it, not the title itself (after-run.ts). */
function companionAfterTitle(index: MatchIndex, listing: ReadListing, best: TitleHit | null, chineseBest: ChineseBest | null, main: Variant): boolean {
  const chinese = listing.chinese;
  if (!chinese || (!chineseBest && !best?.positions.length)) return false;
  // A Latin title's last word, where the Chinese reading holds it.
  const last = chineseBest ? chineseBest.positions.at(-1)! : chinese.ids.indexOf(listing.ids[Math.max(...best!.positions)]!);
  return last >= 0 && companionFollows(chinese, last, spelt(titleTexts(index, main.tokens))) !== null;
}

const rank = (hit: ChineseBest) => (hit.whole ? 2 : 0) - (hit.elided ? 1 : 0) + (hit.leading ? 1 : 0) + Math.min(hit.information, 30) / 31 - (hit.variant.kind === variantKinds.subtitle ? 0.01 : 0);

function scoreEntry(index: MatchIndex, listing: ReadListing, listingId: string, e: number, isbn: string | null): Scored | null {
  const reader = new VarintReader(index.records, index.recordOffsets[e]!);
  const variants = readVariants(index, reader);
  let best: (TitleHit & { variant: Variant }) | null = null;
  let chineseBest: ChineseBest | null = null;
  /** A title cut to one word before its subtitle ("Malory: Complete Works" → "Malory"): it names a subject, unless a rare author's name comes with it. */
  let oneWordCut: (TitleHit & { variant: Variant }) | null = null;
  const titleTokens = new Set<number>();
  for (let v = 0; v < variants.length; v++) {
    const variant = variants[v]!;
    if (listing.chinese && hasCjkToken(index, variant.tokens)) {
      const hit = chineseHit(index, listing, variant, v < variantsPerKey ? e * variantsPerKey + v : -1);
      if (!hit) continue;
      for (const token of variant.tokens) titleTokens.add(token);
      if (!chineseBest || rank(hit) > rank(chineseBest)) chineseBest = hit;
      continue;
    }
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
  if (!best && !oneWordCut && !chineseBest && !isbn) return null;

  // Where the seller filled in an author field, it is what counts: a title naming the entry's
  // author ("The Two Gods of Leviathan: Thomas Hobbes on …" by A. P. Martinich) is a book about them.
  const fieldDecides = listing.authorIds.length > 0;
  let author: number | null = null;
  let authorRare = false;
  let authorLatin = false;
  /** In a bundle, an author supports only the books of the segment that names them. */
  const bundleSegment = listing.chinese?.read.bundle && chineseBest ? chineseBest.segment : null;
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
      if (!namedIn(listing, token, bundleSegment)) inTitle = false;
    }
    // A surname that is also a word of the title ("Plato" in "Plato's Republic") proves nothing more.
    const found = inField || (inTitle && !partOfTitle && !(fieldDecides && listing.authorIsLatin === !isCjk(index, keyTokens[0]!)));
    if (found && author === null) {
      author = contributor;
      authorRare = rarity >= rareNameIdf;
      // "Python网络爬虫实战胡松涛": a title that opens the listing and runs into its author's name is its name.
      if (chineseBest?.opens && !chineseBest.leading && nameFollows(listing.chinese!, chineseBest.positions.at(-1)!, keyTokens)) chineseBest = { ...chineseBest, leading: true };
    }
  }
  if (!best && oneWordCut && authorRare) best = oneWordCut;
  // An author named in a listing that opens with another name is that product's author (a
  // listing for 今日简史 names 赫拉利, whose 未来简史 it lists among its keywords).
  if (chineseBest && !best && !chineseBest.leading && !listing.chinese!.read.bundle && listing.authorIds.length === 0) author = null;
  if (!best && !chineseBest && !isbn) return null;
  // A bundle's author field names some of its books' authors, not necessarily this one's.
  const wrongAuthor = author === null && authorCount > 0 && fieldDecides && listing.authorIsLatin === authorLatin && !listing.chinese?.read.bundle;

  const entryEdition = index.entryFlags[e]! & 0x7f;
  // A Chinese listing's first edition cue is its product's ("第五版媲美第六版" sells the fifth).
  const stated = entryEdition >= yearEditionBase ? listing.years : editionsNear(listing, chineseBest ? chineseBest.positions.at(-1)! : null);
  let edition: Signals['edition'] = 0;
  if (entryEdition > 0 && stated.length > 0) edition = stated.includes(entryEdition) ? 1 : -1;
  // A Chinese catalogue writes its editions out ("第2版"): an entry without one is a first edition,
  // which a listing of the second is not (though it may be the same work, so it is not ruled out).
  if (entryEdition === 0 && chineseBest && stated.length > 0 && stated[0]! >= 2) edition = -1;
  // A title its own edition follows names a product wherever it starts ("…开发实战Python基础教程 第3版").
  if (chineseBest?.whole && !chineseBest.leading && edition === 1 && editionFollows(listing.chinese!, chineseBest.positions.at(-1)!)) chineseBest = { ...chineseBest, leading: true };
  // A main title the listing follows with a subtitle not the entry's ("银河帝国：帝国三部曲" is not "银河帝国：基地").
  const ownRest = chineseBest ? variants[0]!.tokens.slice(chineseBest.variant.tokens.length) : [];
  if (chineseBest?.variant.kind === variantKinds.subtitle && subtitleFollows(listing.chinese!, chineseBest.positions.at(-1)!, ownRest)) edition = -1;
  // A series' other book, by the note in brackets the listing gives it ("西方经济学（宏观部分）" is not "…（微观部分）").
  if (chineseBest?.variant.kind === variantKinds.series && noteFollows(listing.chinese!, chineseBest.positions.at(-1)!, ownRest)) edition = -1;
  const forms = index.entryForms[e]!;
  const revised = (forms & entryForms.revised) !== 0;
  const named = (forms >>> entryForms.namedShift) & entryForms.namedMask;
  // "修订版" or "纪念版" said of a book the catalogue knows in another edition is that other
  // product; said of a book catalogued with no edition at all, it is the seller's word for it.
  const distinctEdition = revised || named !== 0 || entryEdition >= 2;
  if (chineseBest && listing.forms.revised) edition = revised ? 1 : edition === 1 || !distinctEdition ? edition : -1;
  else if (chineseBest && revised && edition === 0) edition = -1;
  // A numbered edition the listing confirms outweighs its name for a printing ("第二版百万册纪念版").
  if (chineseBest && listing.forms.named !== 0 && (listing.forms.named & ~named) !== 0 && distinctEdition && edition !== 1) edition = -1;
  // The named edition the entry is ("影响力(经典版)").
  else if (chineseBest && edition === 0 && (listing.forms.named & named) !== 0) edition = 1;
  // Another binding, text or set of the same title: "（软精装）" is not the "平装新版", "朗声旧版" not
  // the "新修版", "套装全二册" not the "全三册".
  if (chineseBest && edition !== 1 && otherKindOfEdition(listing.forms, editionKinds(forms))) edition = -1;
  const translation = (forms & entryForms.translation) !== 0;
  const viaChinese = chineseBest !== null && hasCjkToken(index, chineseBest.variant.tokens);
  const original = (forms & entryForms.original) !== 0;
  // "英文原版" against a translation or any book found by its Chinese title ("人月神话（英文影印版）"),
  // "中文版" against an original found by its own (Latin) title or catalogued as one, and a Chinese
  // listing silent on its form against an English reprint.
  const formContradicts =
    (listing.forms.original && (translation || viaChinese) && !original) ||
    (listing.forms.translation && !translation && ((best !== null && best.variant.origin === 0 && !viaChinese) || original)) ||
    (viaChinese && original && !listing.forms.original) ||
    companionAfterTitle(index, listing, best, chineseBest, variants[0]!);

  const entryPublisher = index.entryPublisher[e]!;
  // Another house's edition of the same title: 商务印书馆's translation is not 中国华侨出版社's.
  const publisherNamed = chineseBest !== null && listing.publisher !== null && entryPublisher !== noKey;
  const publisherAgrees = publisherNamed && samePublisher(listing.publisher!, cachedString(index.publishers, entryPublisher));

  const english = confidence({ isbn: isbn !== null, title: best?.strength ?? null, author: author !== null, edition, wrongAuthor, formContradicts });
  const chineseValue = chineseBest
    ? chineseTitleConfidence({
        whole: chineseBest.whole,
        elided: chineseBest.elided,
        leading: chineseBest.leading,
        coverage: chineseBest.coverage,
        information: chineseBest.information,
        cut: chineseBest.variant.kind === variantKinds.subtitle || chineseBest.cutOff,
        author: author !== null,
        edition,
        formContradicts,
        wrongAuthor,
        editionUnstated: (entryEdition >= 2 && stated.length === 0) || (named !== 0 && listing.forms.named === 0 && edition !== 1),
        formUnrecorded: !distinctEdition && (listing.forms.revised || listing.forms.named !== 0),
        elsewhere: !chineseBest.leading && !listing.chinese!.read.bundle,
        otherPublisher: publisherNamed && !publisherAgrees,
        samePublisher: publisherAgrees,
      })
    : 0;
  const useChinese = chineseBest !== null && !isbn && chineseValue >= english;
  const value = useChinese ? chineseValue : english;
  if (value < reportingThreshold) return null;
  const title = useChinese ? chineseBest!.variant : best?.variant;
  const segmentText = useChinese ? listing.chinese!.read.segmentTexts[chineseBest!.segment]! : null;
  return {
    finding: {
      listingId,
      catalogueId: index.catalogueIds[index.entryCatalogue[e]!]!,
      entryId: entryId(index, e),
      confidence: value,
      isbn,
      title: title ? { origin: title.origin, kind: title.kind, language: title.language } : null,
      author,
      edition: edition === 1 && entryEdition < yearEditionBase ? entryEdition : null,
      segment: useChinese && chineseBest!.whole ? { text: segmentText!.slice(0, 200), leading: chineseBest!.leading } : null,
      outranked: null,
    },
    entry: e,
    positions: (useChinese ? chineseBest?.positions : best?.positions) ?? [],
    chinese: useChinese,
    // Against the main title without its series note, which listings seldom show.
    completeness: variants[0] ? coverage(index, (variants.find((v) => v.kind === variantKinds.series) ?? variants[0]).tokens, listing.ids) : 0,
    isbn: isbn !== null,
    author: author !== null,
  };
}

/** How much of the listing a title covers: a Chinese title from its first token to its last (a run may step over the bigram across a seller's space). */
const extent = (s: Scored) => (s.chinese ? s.positions.at(-1)! - s.positions[0]! + 1 : s.positions.length);

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
  if (extent(stronger) > extent(weaker)) return true;
  return (stronger.author && !weaker.author) || (stronger.completeness > 0.999 && weaker.completeness <= 0.999);
}

/** A listing's findings at or above the reporting threshold, best first. */
export function findMatches(index: MatchIndex, listing: ListingText, language: ListingLanguage = listingLanguageOf()): Finding[] {
  const keys = listingKeys(index, listing);
  const isbnEntries = new Map<number, string>();
  for (const [key, isbn] of keys.isbns) for (const e of entriesWithIsbn(index, key)) isbnEntries.set(e, isbn);
  const found = candidates(index, keys.ids, keys.extraIds);
  if (found.length === 0 && isbnEntries.size === 0) return [];
  const read = readListing(index, listing, language, keys);
  const scored: Scored[] = [];
  const done = new Set<number>();
  for (const e of [...isbnEntries.keys(), ...found]) {
    if (done.has(e)) continue;
    done.add(e);
    const result = scoreEntry(index, read, listing.id, e, isbnEntries.get(e) ?? null);
    if (result) scored.push(result);
  }
  const kept = scored.filter((s) => !scored.some((other) => other !== s && givesWay(s, other)));
  kept.sort((a, b) => b.finding.confidence - a.finding.confidence || b.completeness - a.completeness || a.entry - b.entry);
  return compete(kept, { chinese: read.chinese !== null, bundle: read.chinese?.read.bundle ?? false })
    .slice(0, maxMatchesPerListing)
    .map((s) => s.finding);
}
