/** Recognises the page and reports it to the background, only when what Colophon sees has changed. */
import type { ContentPageRecognised } from '@/utils/messages';
import { recognisePage } from '@/utils/sites';
import type { Recognition } from '@/utils/sites/types';

/** What the popup and badge depend on: the page, its kind, and which listings it shows. */
function fingerprint(url: string, recognition: Recognition | null): string {
  if (!recognition) return `${url}|none`;
  return [url, recognition.kind, recognition.wall, ...recognition.listings.map((listing) => `${listing.id}:${listing.title ?? ''}:${listing.price ?? ''}`)].join('|');
}

export function createReporter(): () => Promise<void> {
  let last = '';
  return async function report() {
    const url = location.href;
    const recognition = recognisePage(url, document);
    const current = fingerprint(url, recognition);
    if (current === last) return;
    last = current;
    try {
      // Type-only import of the protocol: the background validates this message with its zod schema.
      const message: ContentPageRecognised = { type: 'content:page-recognised', url, recognition };
      await browser.runtime.sendMessage(message);
    } catch (error) {
      // The extension was reloaded or updated under the page: this script is orphaned.
      last = '';
      console.debug('Colophon: could not report the page', error);
    }
  };
}
