/**
 * Colophon's content script, on marketplace pages only. It starts before the page's own scripts,
 * only to put the input shield first in line, and reads the page once the document is parsed.
 * Its parts:
 *   index.ts         wiring: start the watcher, tie everything to the script's lifetime (ctx)
 *   page-watcher.ts  notices changes (late cards, single-page navigation) without working in the
 *                    observer callback, and schedules one recognition at a time, off the busy path
 *   reporter.ts      recognises the page, tells the background when what it sees has changed,
 *                    and marks the listings the background matched to the catalogue
 *   marks.ts         the marks themselves, in a closed shadow root laid over the page, with
 *                    their Report buttons and the capture's progress
 *   input-shield.ts  keeps the user's input on the marks from the page's listeners
 *   capture-page.ts  the page's steps of a capture, taken when the background asks
 *   script-context.ts  the script's lifetime, which the page can neither see nor end
 */
import { marketplaceMatchPatterns } from '@/utils/sites/hosts';
import type { ContentCaptureListing } from '@/utils/messages';
import { t } from '@/utils/i18n';
import { captureAnswerStatus } from './capture-answer';
import { PageCapture } from './capture-page';
import type { ContentScriptContext } from './script-context';
import { InputShield } from './input-shield';
import { PageMarks } from './marks';
import { watchPage } from './page-watcher';
import { createReporter } from './reporter';

export default defineContentScript({
  matches: [...marketplaceMatchPatterns],
  runAt: 'document_start',
  main(wxtContext) {
    // The build gives the entry Colophon's context in place of WXT's (wxt.config.ts).
    const ctx = wxtContext as unknown as ContentScriptContext;
    const shield = new InputShield(ctx);
    if (document.readyState !== 'loading') return start(ctx, shield);
    // Only the parser's own event: a page could dispatch one of its own before it is done.
    let started = false;
    const parsed = (event: Event) => {
      if (started || !event.isTrusted) return;
      started = true;
      start(ctx, shield);
    };
    ctx.addEventListener(document, 'DOMContentLoaded', parsed);
  },
});

function start(ctx: ContentScriptContext, shield: InputShield): void {
  const marks = new PageMarks((host, handler) => shield.guard(host, handler));
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
  watchPage(ctx, createReporter(marks));

  const capture = new PageCapture(marks);
  // Only the background may drive a capture: its messages come from no tab.
  const onStep = (message: unknown, sender: { id?: string; tab?: unknown }) =>
    sender.id === browser.runtime.id && !sender.tab ? capture.handle(message) : undefined;
  browser.runtime.onMessage.addListener(onStep);
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onStep));

  marks.onReport = (listingId) => {
    marks.setStatus(t('captureStarting'));
    // Type-only import of the protocol, as for the page report: the background validates it.
    const message: ContentCaptureListing = { type: 'content:capture-listing', listingId, options: { fullPage: true, note: '', tags: [] } };
    browser.runtime.sendMessage(message).then(
      (answer: unknown) => {
        const failure = captureAnswerStatus(answer);
        if (failure !== null) marks.setStatus(failure, 'failed');
      },
      () => marks.setStatus(t('captureFailed', ''), 'failed'),
    );
  };
}
