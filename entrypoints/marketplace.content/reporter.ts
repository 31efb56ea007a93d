/**
 * Recognises the page and reports it to the background when what Colophon sees has changed. When
 * the background found catalogue matches, it has loaded the page tools into the page before it
 * answers, and they mark the listings it matched (utils/page-tools-link.ts).
 */
import type { ContentPageRecognised } from '@/utils/messages';
import { pageTools } from '@/utils/page-tools-link';
import { recognisePage } from '@/utils/sites';
import type { Recognition } from '@/utils/sites/types';
import { sendToBackground } from './extension-runtime';

/** What the popup, badge and marks depend on: the page, its kind, and which listings it shows. */
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
    if (current === last) {
      pageTools()?.place();
      return;
    }
    last = current;
    try {
      // Type-only import of the protocol: the background validates this message with its zod
      // schema, and the page tools its answer.
      const message: ContentPageRecognised = { type: 'content:page-recognised', url, recognition, pageToolsLoaded: pageTools() !== null };
      const answer = await sendToBackground(message);
      await pageTools()?.show(recognition, answer);
    } catch (error) {
      // The extension was reloaded or updated under the page: this script is orphaned.
      last = '';
      console.debug('Colophon: could not report the page', error);
    }
  };
}
