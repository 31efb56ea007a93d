/**
 * Where each listing sits on a page: the card element to mark for it. Cards are found the same
 * way on every marketplace, whatever their classes this year: from each link to an item page,
 * climb to the largest ancestor that still links to that listing alone. That ancestor is the card.
 */
import { aliExpressItemId } from './aliexpress-urls';
import { classifyUrl } from './url-rules';
import { linkUrl } from './normalise';

/** The listing an element's link points to, if it is an item page Colophon knows. */
function linkedListing(link: Element, base: string): string | null {
  const href = link.getAttribute('href');
  if (!href || href.startsWith('#')) return null;
  const url = linkUrl(href, base);
  if (!url) return null;
  const found = classifyUrl(url);
  if (found?.page.kind === 'item') return found.page.listingId;
  // Bundle-deal cards link to a bundle page that names their listing.
  return /(^|\.)aliexpress\.(com|us|ru)$/.test(url.hostname) ? aliExpressItemId(url) : null;
}

/** Listing ids linked from inside `element` (stops early once two differ). */
function listingsUnder(element: Element, base: string, cache: Map<Element, string | null>): Set<string> {
  const ids = new Set<string>();
  for (const link of Array.from(element.querySelectorAll('a[href]'))) {
    if (!cache.has(link)) cache.set(link, linkedListing(link, base));
    const id = cache.get(link);
    if (id) ids.add(id);
    if (ids.size > 1) break;
  }
  return ids;
}

/**
 * The card of every listing linked from `root`, keyed by listing id (the first card wins when a
 * listing is shown twice). Links in page-wide chrome (the header's basket, say) have no card.
 */
export function listingCards(root: ParentNode & Node, base: string): Map<string, Element> {
  const cards = new Map<string, Element>();
  const cache = new Map<Element, string | null>();
  for (const link of Array.from(root.querySelectorAll('a[href]'))) {
    if (!cache.has(link)) cache.set(link, linkedListing(link, base));
    const id = cache.get(link);
    if (!id || cards.has(id)) continue;
    let card: Element = link;
    const { body, documentElement } = link.ownerDocument;
    for (let parent = card.parentElement; parent && parent !== body && parent !== documentElement; parent = parent.parentElement) {
      const ids = listingsUnder(parent, base, cache);
      if (ids.size !== 1) break;
      card = parent;
    }
    cards.set(id, card);
  }
  return cards;
}
