/**
 * From what was found of a Chinese title to one confidence (0–1), on the same scale as English
 * titles (score.ts) and tuned on the tuning half of the labelled Chinese listings
 * (tests/bench/match/chinese). A title found whole says more than one found scattered; a title
 * that opens the listing names its product; what the title says in listing language
 * (listing-language.ts) decides how much it proves alone. "流畅的Python" found whole at the start
 * is reported on its own; "Python从入门到精通", which most computing listings repeat, is reported
 * only with its author, its edition or its ISBN.
 */
import { maxWithoutIsbn, ramp } from './score';

export interface ChineseTitleSignals {
  whole: boolean;
  /** A short piece inside the title was left out ("Python3网络开发实战"). */
  elided: boolean;
  leading: boolean;
  /** Share of the title's information found (1 when whole). */
  coverage: number;
  /** What the title says in listing language, in nats (ListingLanguage.information). */
  information: number;
  /** The title was cut before its subtitle ("精通Python网络爬虫：核心技术…" → "精通Python网络爬虫"). */
  cut: boolean;
  author: boolean;
  /** The listing names the entry's edition (1), another one (-1), or none (0). */
  edition: -1 | 0 | 1;
  /** The listing sells the original-language edition ("英文原版", "影印版") and the entry is a translation. */
  formContradicts: boolean;
  wrongAuthor: boolean;
  /** The entry is a second or later edition and the listing names none (sellers write "第2版" when they sell it). */
  editionUnstated: boolean;
  /** The listing names a form ("修订版", "纪念版") of a book the catalogue records without one: likely the same book, less surely than one that agrees. */
  formUnrecorded: boolean;
  /** Not a bundle, and the listing opens with another name: the title is among the seller's keywords. */
  elsewhere: boolean;
  /** The listing names another publisher than the entry's (publishers.ts). */
  otherPublisher: boolean;
  /** The listing names the entry's publisher ("红楼梦原著(上下) 人民文学出版社"). */
  samePublisher: boolean;
}

/** Information (nats) below which a title is a phrase sellers write anyway, and above which it names one book. */
const commonPhraseInformation = 6;
const distinctInformation = 13;

const whole = { floor: 0.4, top: 0.8 };
const scattered = { floor: 0.25, top: 0.55 };
const leadingBonus = 0.14;
const authorBonus = 0.24;
const editionAgreeBonus = 0.12;
const publisherAgreeBonus = 0.12;
const editionDisagreePenalty = 0.4;
const formPenalty = 0.35;
const otherPublisherPenalty = 0.4;
const wrongAuthorPenalty = 0.25;
const cutPenalty = 0.04;
const elidedPenalty = 0.2;
const unstatedEditionPenalty = 0.1;
const unrecordedFormPenalty = 0.15;
const elsewherePenalty = 0.2;

export function chineseTitleConfidence(s: ChineseTitleSignals): number {
  const band = s.whole ? whole : scattered;
  let score = band.floor + (band.top - band.floor) * ramp(s.information * s.coverage, commonPhraseInformation, distinctInformation);
  if (s.whole && s.leading) score += leadingBonus;
  if (s.author) score += authorBonus;
  if (s.edition === 1) score += editionAgreeBonus;
  if (s.samePublisher && s.whole && s.leading) score += publisherAgreeBonus;
  if (s.formContradicts) score -= formPenalty;
  if (s.wrongAuthor) score -= wrongAuthorPenalty;
  if (s.cut) score -= cutPenalty;
  if (s.elided) score -= elidedPenalty;
  if (s.elsewhere) score -= elsewherePenalty;
  // A title cut before its subtitle names the book only where the listing opens with it.
  if (s.cut && !s.leading) score -= elsewherePenalty;
  // After the cap: of two editions found equally well, the one whose edition the listing states stays ahead.
  score = Math.min(maxWithoutIsbn, score) - (s.editionUnstated ? unstatedEditionPenalty : 0) - (s.formUnrecorded ? unrecordedFormPenalty : 0);
  // Another edition or another house's book is another product, however well the title and author agree.
  if (s.edition === -1) score -= editionDisagreePenalty;
  if (s.otherPublisher) score -= otherPublisherPenalty;
  return Math.round(Math.max(0, score) * 1000) / 1000;
}
