/**
 * The background's answer to a page report, checked before the page shows any of it. zod/mini
 * rather than zod: the same checks at a fraction of the size the page tools must load.
 * It must accept every reason the matcher gives (MatchReason in utils/catalog/match/types.ts): one
 * unknown reason fails the whole answer, and the page then shows no marks at all.
 */
import * as z from 'zod/mini';

const Reason = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('isbn'), isbn: z.string().check(z.regex(/^97[89]\d{10}$/)) }),
  z.object({ kind: z.literal('title'), title: z.string().check(z.maxLength(1000)), language: z.string().check(z.maxLength(20)) }),
  z.object({ kind: z.literal('author'), name: z.string().check(z.maxLength(300)) }),
  z.object({ kind: z.literal('edition'), edition: z.number().check(z.int(), z.positive()) }),
  z.object({ kind: z.literal('segment'), text: z.string().check(z.maxLength(300)), leading: z.boolean() }),
  z.object({ kind: z.literal('outranked'), title: z.string().check(z.maxLength(1000)), sameWords: z.boolean() }),
]);

const PageMatch = z.object({
  listingId: z.string().check(z.maxLength(40)),
  entryId: z.string().check(z.maxLength(200)),
  title: z.string().check(z.maxLength(1000)),
  confidence: z.number().check(z.minimum(0), z.maximum(1)),
  reasons: z.array(Reason).check(z.maxLength(10)),
});
export type PageMatch = z.infer<typeof PageMatch>;

export const MatchesAnswer = z.object({
  ok: z.literal(true),
  matches: z.record(z.string().check(z.maxLength(40)), z.array(PageMatch).check(z.maxLength(20))),
});
export type MatchesAnswer = z.infer<typeof MatchesAnswer>;
