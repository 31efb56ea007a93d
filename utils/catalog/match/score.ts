/**
 * From signals to one confidence (0–1), calibrated on the labelled evaluation set
 * (tests/bench/match): an ISBN ≈ 0.99; a distinctive title with its author ≈ 0.9; a distinctive
 * title alone 0.6–0.78; a short or generic title ("Statistics", "Python", "Linear Algebra") alone
 * stays below the reporting threshold, and needs its author or ISBN to be reported.
 */

export interface TitleStrength {
  /** Share of the title's information (IDF-weighted tokens) found in the listing, 0–1. */
  coverage: number;
  /** Information found, in nats, with tokens found out of order counted half. */
  information: number;
  /** Distinctive words found (a Chinese word counted as two characters). */
  words: number;
}

/**
 * Small catalogues say little about which words are common: IDF is computed as if the catalogue
 * held at least this many titles, and function words are never informative, whatever the size.
 */
export const minCatalogueSize = 1000;
export const stopwords = new Set(
  ('a an the of and or in on to for with from by at as is are be its it into about over under ' +
    'without within between through how what why your you my our this that de la le les des du et ' +
    'en un une el los las y del der die das und von zu im mit fur di il e o do da dos').split(' '),
);
const stopwordIdf = 1;

/** IDF of a title token used in `entries` of `catalogueSize` titles, in nats. */
export function tokenIdf(token: string, entries: number, catalogueSize: number): number {
  if (stopwords.has(token)) return stopwordIdf;
  return Math.log((Math.max(catalogueSize, minCatalogueSize) + 1) / (entries + 0.5));
}

/** A token this common (in ≥ ~4% of titles: "the", "of", "introduction") is not distinctive. */
export const distinctiveIdf = 3.2;
/** A Chinese bigram counts at most this much: few catalogues hold enough Chinese titles for IDF. */
export const cjkBigramCap = 3.5;
/** Latin titles: share of information a listing must show; Chinese titles are matched nearly whole. */
export const minCoverage = 0.85;
export const minCjkCoverage = 0.8;

/**
 * A contributor's name key held by at most about one entry in five hundred ("Krakauer", not
 * "Martin"; in a catalogue of under 1 000, a name held once): enough, with it, for a one-word
 * title cut before its subtitle ("Missoula: Rape and the Justice System in a College Town") to
 * name the book.
 */
export const rareNameIdf = Math.log(500);

/** Information kept by a title cut before its subtitle: the listing did not show the subtitle. */
export const subtitleCutWeight = 0.7;

const isbnConfidence = 0.99;
/**
 * A title alone is reported only when it has three or more distinctive words: "Plate Tectonics",
 * "Clinical Neuroanatomy" and "The Kite Runner" are the titles of several books each, so a listing
 * showing only those words needs the author (or the ISBN) too. Within a band, confidence grows
 * with the information (IDF, in nats) the listing shows.
 */
const bands = [
  { words: 3, floor: 0.6, top: 0.78, low: 10, high: 25 },
  { words: 2, floor: 0.45, top: 0.55, low: 5, high: 20 },
  { words: 0, floor: 0.38, top: 0.48, low: 0, high: 15 },
] as const;
/** The author matters more the less the title says on its own. */
const authorBonus = { long: 0.15, short: 0.2 };
const editionAgreeBonus = 0.04;
const editionDisagreePenalty = 0.05;
const wrongAuthorPenalty = 0.2;
/** The listing sells another form of the book ("中文版" of an original, "英文原版" of a translation). */
const formPenalty = 0.4;
/** Highest confidence a title can earn without an ISBN, Chinese or not. */
export const maxWithoutIsbn = 0.96;

export interface Signals {
  isbn: boolean;
  title: TitleStrength | null;
  author: boolean;
  /** The listing names the entry's edition (1), another one (-1), or none / the entry has none (0). */
  edition: -1 | 0 | 1;
  /** The listing's author field names someone else. */
  wrongAuthor: boolean;
  /** The listing's form cue ("中文版", "英文原版") contradicts the entry's form. */
  formContradicts: boolean;
}

/** Where `value` lies between `low` (0) and `high` (1), held to 0–1. */
export function ramp(value: number, low: number, high: number): number {
  return Math.min(1, Math.max(0, (value - low) / (high - low)));
}

export function confidence(signals: Signals): number {
  if (signals.isbn) return isbnConfidence;
  const title = signals.title;
  if (!title) return 0;
  const information = title.information * title.coverage;
  const band = bands.find((b) => title.words >= b.words)!;
  let score = band.floor + (band.top - band.floor) * ramp(information, band.low, band.high);
  if (signals.author) score += title.words >= 3 ? authorBonus.long : authorBonus.short;
  if (signals.edition === 1) score += editionAgreeBonus;
  if (signals.edition === -1) score -= editionDisagreePenalty;
  if (signals.wrongAuthor) score -= wrongAuthorPenalty;
  // After the cap: a title found with its author and edition, in the wrong form, is still doubtful.
  score = Math.min(maxWithoutIsbn, score) - (signals.formContradicts ? formPenalty : 0);
  return Math.round(Math.max(0, score) * 1000) / 1000;
}
