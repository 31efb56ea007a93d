/**
 * Listings on Tmall's own search (list.tmall.com/search_product.htm) and shop pages. No saved page
 * shows them, so only the hooks that held for years are used: `.product[data-id]` cards with
 * `.productTitle a`, `.productPrice em[title]` and `.productShop-name`, and, for any other card,
 * the item link itself (utils/sites/taobao-shop.ts).
 */
import { listing } from './listing';
import { cleanId, cleanText, imageList, imageSource, parsePrice, textAt } from './normalise';
import { appCards } from './taobao-search';
import { linkedTiles } from './taobao-shop';
import type { Listing } from './types';

function productCards(root: ParentNode): Listing[] {
  const listings: Listing[] = [];
  for (const card of Array.from(root.querySelectorAll('.product[data-id]'))) {
    const id = cleanId(card.getAttribute('data-id'));
    if (!id) continue;
    const price = parsePrice(card.querySelector('.productPrice em')?.getAttribute('title') ?? textAt(card, '.productPrice em'));
    const shopLink = card.querySelector('.productShop-name');
    const shopName = cleanText(shopLink?.textContent);
    const sellerId = cleanId(/[?&]user_number_id=(\d+)/.exec(shopLink?.getAttribute('href') ?? '')?.[1]);
    listings.push(
      listing({
        marketplace: 'tmall',
        id,
        title: textAt(card, '.productTitle a'),
        price,
        currency: price === null ? null : 'CNY',
        shop: shopName || sellerId ? { name: shopName, id: null, sellerId } : null,
        images: imageList([imageSource(card.querySelector('.productImg img, img'))]),
      }),
    );
  }
  return listings;
}

export function tmallSearchListings(document: Document, base: string): Listing[] {
  const found = [...productCards(document), ...appCards(document, base)];
  return [...found, ...linkedTiles(document, base, new Set(found.map((item) => item.id)))];
}
