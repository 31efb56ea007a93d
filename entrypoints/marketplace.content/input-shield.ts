/**
 * Keeps the user's own input on Colophon's marks away from the page.
 *
 * The marks live in a closed shadow root, and events leaving it are retargeted to its host, so a
 * page's listeners see the host and nothing inside. Firefox also gives every event an
 * `originalTarget` (and `explicitOriginalTarget`) that is not retargeted: a page listening on
 * `window` would be handed the button under the user's pointer, and through it the shadow root
 * with the matched catalogue titles, the moment the user moves over a mark.
 *
 * Listeners on `window` in the capture phase are the first an event meets, in the order they were
 * added, and this script adds its own before any script of the page runs (document_start). So
 * every event aimed at one of Colophon's hosts stops there, before any listener of the page, and
 * goes to the marks directly. One kind of the page's own events stops there too: when the pointer
 * leaves a page element for a mark, the page's "out" event names our host as its `relatedTarget`,
 * and Firefox's `explicitOriginalTarget` the button inside; the page does not see its element left
 * (its hover state stays until the pointer comes back, as if the mark were part of the card). All
 * other events pass untouched, and nothing is added to the page: the listeners are only seen to
 * exist by events on our marks that never arrive, which the page cannot cause without the user.
 */
import { elementEventTypes } from './event-types';
import type { ContentScriptContext } from './script-context';

/** Events whose `relatedTarget` is where the pointer went: one of our hosts, for a page element left for a mark. */
const leavingTypes = new Set(['mouseout', 'pointerout', 'mouseleave', 'pointerleave', 'dragleave']);

export class InputShield {
  private readonly guarded = new Map<EventTarget, (event: Event) => void>();

  constructor(ctx: ContentScriptContext) {
    const stop = (event: Event) => {
      const handler = this.guarded.get(event.target!);
      if (handler) {
        event.stopImmediatePropagation();
        handler(event);
      } else if (leavingTypes.has(event.type) && this.guarded.has((event as MouseEvent).relatedTarget!)) {
        event.stopImmediatePropagation();
      }
    };
    for (const type of elementEventTypes) ctx.addEventListener(window, type, stop, { capture: true, passive: true });
  }

  /** Sends every event aimed at `host` to `handler` alone, until the returned function is called. */
  guard(host: Element, handler: (event: Event) => void): () => void {
    this.guarded.set(host, handler);
    return () => this.guarded.delete(host);
  }
}
