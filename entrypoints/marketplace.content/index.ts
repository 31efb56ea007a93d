/**
 * Colophon's content script, on marketplace pages only. Its parts:
 *   index.ts         wiring: start the watcher, tie everything to the script's lifetime (ctx)
 *   page-watcher.ts  notices changes (late cards, single-page navigation) without working in the
 *                    observer callback, and schedules one recognition at a time, off the busy path
 *   reporter.ts      recognises the page and tells the background when what it sees has changed
 */
import { marketplaceMatchPatterns } from '@/utils/sites/hosts';
import { watchPage } from './page-watcher';
import { createReporter } from './reporter';

export default defineContentScript({
  matches: [...marketplaceMatchPatterns],
  runAt: 'document_idle',
  main(ctx) {
    const report = createReporter();
    watchPage(ctx, report);
  },
});
