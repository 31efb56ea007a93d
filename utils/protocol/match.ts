/**
 * What crosses between the content script and the matcher, and what evidence keeps of a match. The page sends
 * listing texts; the background answers with matches. The catalogue never travels to the page:
 * a match names its entry by id and main title only.
 */
import { z } from 'zod';

/** A listing as the content script sends it: its text, nothing else. */
export const ListingText = z.object({
  id: z.string().min(1).max(40),
  title: z.string().max(2000),
  isbn: z.string().max(40).nullish(),
  author: z.string().max(500).nullish(),
  publisher: z.string().max(500).nullish(),
});
export type ListingText = z.infer<typeof ListingText>;

/**
 * Why a listing matched, as data: the UI words it in English or Chinese, and a person can check
 * each reason against the listing ("ISBN 9780134685991", "title 'Fundamentals of Power
 * Electronics' + author Erickson").
 */
export const MatchReason = z.discriminatedUnion('kind', [
  /** The listing shows this ISBN-13 (in its ISBN field or anywhere in its title). */
  z.object({ kind: z.literal('isbn'), isbn: z.string().regex(/^97[89]\d{10}$/) }),
  /** The listing's text holds this catalogue title (main or other-language), as written in the catalogue. */
  z.object({ kind: z.literal('title'), title: z.string().max(1000), language: z.string().max(20) }),
  /** The listing names this contributor of the entry (the name as the catalogue writes it). */
  z.object({ kind: z.literal('author'), name: z.string().max(300) }),
  /** The listing names the same edition as the entry. */
  z.object({ kind: z.literal('edition'), edition: z.number().int().positive() }),
  /**
   * Where in a Chinese seller's title the catalogue title stands whole: the segment as the seller
   * wrote it, and whether it opens the listing as its product's name.
   */
  z.object({ kind: z.literal('segment'), text: z.string().max(300), leading: z.boolean() }),
  /**
   * Another catalogue book the same listing also seemed to name, and why it lost: on the same
   * words (this one explains them better), or because a listing that is no bundle sells one book.
   */
  z.object({ kind: z.literal('outranked'), title: z.string().max(1000), sameWords: z.boolean() }),
]);
export type MatchReason = z.infer<typeof MatchReason>;

export const Match = z.object({
  listingId: z.string().max(40),
  catalogueId: z.string().max(100),
  entryId: z.string().max(200),
  /** The entry's main title, for display. */
  title: z.string().max(1000),
  /** 0–1: ISBN ≈ 0.99, distinctive title + author ≈ 0.9, distinctive title alone ≈ 0.7–0.8. */
  confidence: z.number().min(0).max(1),
  reasons: z.array(MatchReason).max(10),
});
export type Match = z.infer<typeof Match>;
