/**
 * Colophon's content script, on marketplace pages only. It starts before the page's own scripts,
 * only to put the input shield first in line, and reads the page once the document is parsed.
 * Every marketplace page loads it, so it holds only what every page needs; the marks and the
 * page's part of a capture are the page tools (entrypoints/page-tools/), which the background
 * loads into the page when there is something to mark or capture. Its parts:
 *   index.ts         wiring: start the watcher, lend the page tools what they share with it
 *   page-watcher.ts  notices changes (late cards, single-page navigation) without working in the
 *                    observer callback, and schedules one recognition at a time, off the busy path
 *   reporter.ts      recognises the page and tells the background when what it sees has changed
 *   input-shield.ts  keeps the user's input on the marks from the page's listeners
 *   script-context.ts  the script's lifetime, which the page can neither see nor end
 *   extension-runtime.ts  the two calls it makes to the extension
 */
import { marketplaceMatchPatterns } from '@/utils/sites/hosts';
import { lendContentScriptParts } from '@/utils/page-tools-link';
import type { ContentScriptContext } from './script-context';
import { InputShield } from './input-shield';
import { watchPage } from './page-watcher';
import { createReporter } from './reporter';

export default defineContentScript({
  matches: [...marketplaceMatchPatterns],
  runAt: 'document_start',
  main(wxtContext) {
    // The build gives the entry Colophon's context in place of WXT's (wxt.config.ts).
    const ctx = wxtContext as unknown as ContentScriptContext;
    const shield = new InputShield(ctx);
    lendContentScriptParts({ ctx, guard: (host, handler) => shield.guard(host, handler) });
    if (document.readyState !== 'loading') return watchPage(ctx, createReporter());
    // Only the parser's own event: a page could dispatch one of its own before it is done.
    let started = false;
    const parsed = (event: Event) => {
      if (started || !event.isTrusted) return;
      started = true;
      watchPage(ctx, createReporter());
    };
    ctx.addEventListener(document, 'DOMContentLoaded', parsed);
  },
});
