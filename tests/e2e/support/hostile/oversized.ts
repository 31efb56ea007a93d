/**
 * A seller's text longer than Colophon's protocol allows for it: the author in an item's
 * parameter table (which Colophon reads as the listing's author) padded past the 500 characters a
 * report may carry. Recognition must still report the listing, with the author shortened: a
 * report the background refused would leave the page shown as never read.
 */
import type { HostilePage } from './corpus';

const base = 'echo-and-spoof/taobao/item-authored-2025-ice-book';

export function oversizedSellerPage(corpus: HostilePage[]): HostilePage {
  const page = corpus.find((candidate) => candidate.name === base)!;
  const author = page.fixture.expected.listings[0]!.author!;
  return {
    ...page,
    name: `oversized-author/${page.fixture.name}`,
    lateCard: null,
    html: (extensionIds) => page.html(extensionIds).split(author).join(`${author}、${'译者'.repeat(260)}`),
  };
}
