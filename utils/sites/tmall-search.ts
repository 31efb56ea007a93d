/**
 * Listings on Tmall's own search (list.tmall.com/search_product.htm) and shop pages. No saved page
 * shows them, so only the hooks that held for years are used: `.product[data-id]` cards with
 * `.productTitle a`, `.productPrice em[title]` and `.productShop-name`, and, for any other card,
 * the item link itself. Tmall's shop pages list items the same way.
 */
import { appCards } from './taobao-search';
import { canonicalListingUrl, listing } from './listing';
import { cleanId, imageList, imageSource, parsePrice, textAt } from './normalise';
import { taobaoItemLink } from './taobao-urls';
import type { Listing } from './types';

function productCards(root: ParentNode): Listing[] {
  const listings: Listing[] = [];
  for (const card of Array.from(root.querySelectorAll('.product[data-id]'))) {
    const id = cleanId(card.getAttribute('data-id'));
    if (!id) continue;
    const price = parsePrice(card.querySelector('.productPrice em')?.getAttribute('title') ?? textAt(card, '.productPrice em'));
    const shopName = textAt(card, '.productShop-name');
    listings.push(
      listing({
        marketplace: 'tmall',
        id,
        title: textAt(card, '.productTitle a'),
        price,
        currency: price === null ? null : 'CNY',
        shop: shopName ? { name: shopName, id: null, sellerId: null } : null,
        images: imageList([imageSource(card.querySelector('.productImg img, img'))]),
      }),
    );
  }
  return listings;
}

/** Item links with a picture: shop pages and any card whose classes we do not know. */
function linkedCards(root: ParentNode, base: string): Listing[] {
  const listings: Listing[] = [];
  for (const link of Array.from(root.querySelectorAll('a[href*="item.htm"]:has(img)'))) {
    const target = taobaoItemLink(link.getAttribute('href'), base);
    if (!target) continue;
    const image = link.querySelector('img');
    listings.push(
      listing({
        ...target,
        url: canonicalListingUrl(target.marketplace, target.id),
        title: textAt(link, '[title]') ?? (image?.getAttribute('alt')?.trim() || null),
        images: imageList([imageSource(image)]),
      }),
    );
  }
  return listings;
}

export function tmallSearchListings(document: Document, base: string): Listing[] {
  return [...productCards(document), ...appCards(document, base), ...linkedCards(document, base)];
}
