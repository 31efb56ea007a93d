/**
 * The steps of a capture that happen in the page, which the background asks the page tools
 * (entrypoints/page-tools/) to take one at a time: the background holds the screenshot API and the
 * evidence store; only a script in the page can scroll it, hide its fixed headers for the
 * stitched shots, and read its HTML. zod/mini: the page tools load this on every page they mark.
 *
 * Sent only by the background (a message without a tab); the page tools check that before
 * acting, and the background bounds every answer, because the page shapes what the tools read.
 */
import * as z from 'zod/mini';

const count = z.number().check(z.int(), z.minimum(0), z.maximum(10_000));

export const CaptureStep = z.discriminatedUnion('step', [
  /** Hide Colophon's marks, bring the listing's card into view; answer with the page's facts. */
  z.object({ type: z.literal('background:capture-step'), step: z.literal('begin'), listingId: z.nullable(z.string().check(z.maxLength(20))) }),
  /** Hide Colophon's progress, scroll to `y`, wait for the page to draw; answer where it scrolled. */
  z.object({ type: z.literal('background:capture-step'), step: z.literal('scroll'), y: z.number().check(z.minimum(0), z.maximum(10_000_000)) }),
  /** Only hide Colophon's progress (before a shot that needs no scrolling). */
  z.object({ type: z.literal('background:capture-step'), step: z.literal('hide-progress') }),
  /** Show how far the capture is. */
  z.object({ type: z.literal('background:capture-step'), step: z.literal('progress'), done: count, total: count }),
  /** Hide fixed and sticky elements (headers, toolbars), so later shots do not repeat them. */
  z.object({ type: z.literal('background:capture-step'), step: z.literal('hide-fixed') }),
  /** Answer with the page's HTML as it is now. */
  z.object({ type: z.literal('background:capture-step'), step: z.literal('snapshot') }),
  /** Put the page back as it was and say how the capture ended. */
  z.object({
    type: z.literal('background:capture-step'),
    step: z.literal('end'),
    stored: z.boolean(),
    message: z.string().check(z.maxLength(500)),
  }),
]);
export type CaptureStep = z.infer<typeof CaptureStep>;

const size = z.number().check(z.minimum(0), z.maximum(10_000_000));

/** What the page says of itself at the start of a capture. */
export const PageFacts = z.object({
  url: z.string().check(z.maxLength(4000)),
  scrollWidth: size,
  scrollHeight: size,
  viewportWidth: z.number().check(z.minimum(1), z.maximum(100_000)),
  viewportHeight: z.number().check(z.minimum(1), z.maximum(100_000)),
  devicePixelRatio: z.number().check(z.positive(), z.maximum(16)),
  /** The document's declared language, or null. */
  language: z.nullable(z.string().check(z.maxLength(35))),
});
export type PageFacts = z.infer<typeof PageFacts>;

export const ScrolledTo = z.object({ scrollY: size });
/** Pages larger than this are captured without their HTML (a message has to carry it). */
export const maxSnapshotChars = 20_000_000;
export const Snapshot = z.object({ html: z.string().check(z.maxLength(maxSnapshotChars)) });
