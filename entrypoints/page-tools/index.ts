/**
 * The page tools: Colophon's marks on a marketplace page, their Report buttons, and the page's
 * part of a capture. The background loads them into a page's content-script world when the page
 * has listings to mark or is being captured (entrypoints/background/page-tools.ts); they work with
 * the content script already there (utils/page-tools-link.ts), and start once per page however
 * often they are loaded. Its parts:
 *   marks.ts, marks-style.ts  the marks, in a closed shadow root laid over the page
 *   marked-listings.ts        which listings to mark, on which cards
 *   matches-answer.ts         the background's matches, checked before the page shows any of them
 *   capture-page.ts           the page's steps of a capture, taken when the background asks
 *   capture-answer.ts         what the marks say when a Report button's capture never started
 */
import type { ContentCaptureListing } from '@/utils/messages';
import { t } from '@/utils/i18n';
import { contentScriptParts, offerPageTools, pageTools } from '@/utils/page-tools-link';
import { captureAnswerStatus } from './capture-answer';
import { PageCapture } from './capture-page';
import { markedListings } from './marked-listings';
import { PageMarks } from './marks';
import { MatchesAnswer } from './matches-answer';

export default defineUnlistedScript(() => {
  const content = contentScriptParts();
  if (!content || pageTools() !== null || content.ctx.isInvalid) return;
  const { ctx } = content;
  const marks = new PageMarks(content.guard);
  ctx.onInvalidated(() => marks.remove());
  // Marks follow their cards when the window's size changes the page's layout.
  let placing = false;
  ctx.addEventListener(window, 'resize', () => {
    if (placing) return;
    placing = true;
    ctx.requestAnimationFrame(() => {
      placing = false;
      marks.place();
    });
  });

  const capture = new PageCapture(marks);
  // Only the background may drive a capture: its messages come from no tab.
  const onStep = (message: unknown, sender: { id?: string; tab?: unknown }) =>
    sender.id === browser.runtime.id && !sender.tab ? capture.handle(message) : undefined;
  browser.runtime.onMessage.addListener(onStep);
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onStep));

  marks.onReport = (listingId) => {
    marks.setStatus(t('captureStarting'));
    // Type-only import of the protocol: the background validates it.
    const message: ContentCaptureListing = { type: 'content:capture-listing', listingId, options: { fullPage: true, note: '', tags: [] } };
    browser.runtime.sendMessage(message).then(
      (answer: unknown) => {
        const failure = captureAnswerStatus(answer);
        if (failure !== null) marks.setStatus(failure, 'failed');
      },
      () => marks.setStatus(t('captureFailed', ''), 'failed'),
    );
  };

  offerPageTools({
    async show(recognition, raw) {
      const answer = MatchesAnswer.safeParse(raw);
      if (!answer.success) throw new Error(`unexpected answer: ${answer.error.issues[0]?.message}`);
      await marks.show(recognition ? markedListings(recognition, answer.data) : []);
    },
    place: () => marks.place(),
  });
});
