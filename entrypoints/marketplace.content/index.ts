/**
 * Colophon's content script, on marketplace pages only. Its parts:
 *   index.ts         wiring: start the watcher, tie everything to the script's lifetime (ctx)
 *   page-watcher.ts  notices changes (late cards, single-page navigation) without working in the
 *                    observer callback, and schedules one recognition at a time, off the busy path
 *   reporter.ts      recognises the page, tells the background when what it sees has changed,
 *                    and marks the listings the background matched to the catalogue
 *   marks.ts         the marks themselves, in a closed shadow root laid over the page
 */
import { marketplaceMatchPatterns } from '@/utils/sites/hosts';
import { PageMarks } from './marks';
import { watchPage } from './page-watcher';
import { createReporter } from './reporter';

export default defineContentScript({
  matches: [...marketplaceMatchPatterns],
  runAt: 'document_idle',
  main(ctx) {
    const marks = new PageMarks();
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
  },
});
