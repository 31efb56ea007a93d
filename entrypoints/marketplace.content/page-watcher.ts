/**
 * Watches the page for the changes that bring listings: cards rendered after load (infinite
 * scroll, lazy cards, results fetched by XHR) and single-page navigation (Taobao search pages
 * change results without loading a new document).
 *
 * Like uBlock Origin's content script, the MutationObserver callback does no work: it only notes
 * that something changed. One recognition runs later, when the page is idle, and at most once per
 * `quietMs`, so a page that renders hundreds of nodes a second is not slowed by Colophon.
 */
import type { ContentScriptContext } from './script-context';

/** Time to let a burst of rendering settle before reading the page again. */
const quietMs = 400;
/** Longest Colophon waits for the page to be idle before reading it anyway. */
const idleTimeoutMs = 2000;

export function watchPage(ctx: ContentScriptContext, recognise: () => Promise<void>): void {
  let scheduled = false;
  let running = false;
  let again = false;

  const run = async () => {
    scheduled = false;
    if (ctx.isInvalid) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      await recognise();
    } finally {
      running = false;
      if (again) {
        again = false;
        schedule();
      }
    }
  };

  const schedule = () => {
    if (scheduled || ctx.isInvalid) return;
    scheduled = true;
    ctx.setTimeout(() => ctx.requestIdleCallback(() => void run(), { timeout: idleTimeoutMs }), quietMs);
  };

  const observer = new MutationObserver(schedule);
  observer.observe(document.documentElement, { childList: true, subtree: true });
  ctx.onInvalidated(() => observer.disconnect());
  ctx.onLocationChange(schedule);

  // The first reading too waits for an idle moment: the page is busiest right after it loads.
  scheduled = true;
  ctx.requestIdleCallback(() => void run(), { timeout: idleTimeoutMs });
}
