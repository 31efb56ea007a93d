/**
 * The AliExpress Russia adapter: aliexpress.ru is a separate platform (its own front end, its
 * `__AER_DATA__` holds widgets, not products), but it sells the global catalogue under the global
 * ids. Cards are `red-snippet_RedSnippet__*` CSS-module classes with `data-product-id`
 * (../shared/fixtures/STRUCTURES.md, "aliexpress.ru").
 */
import { aliExpressItem } from './aliexpress-item';
import { aliExpressItemId } from './aliexpress-urls';
import { globalAliExpressId, listing } from './listing';
import { cleanId, cleanText, currencyOf, imageList, linkUrl, parsePrice } from './normalise';
import { siteAdapter } from './recognition';
import type { Listing } from './types';
import { aliExpressRuUrlRules } from './url-rules';

function cardId(card: Element, base: string): string | null {
  const id = cleanId(card.getAttribute('data-product-id'));
  if (id) return globalAliExpressId(id);
  const link = linkUrl(card.querySelector('a[href*="/item/"]')?.getAttribute('href'), base);
  return link ? aliExpressItemId(link) : null;
}

/** Every product card, the "Selected for you" shelf included: an advertised pirate copy is still one. */
export function aliExpressRuCards(root: ParentNode, base: string): Listing[] {
  const listings: Listing[] = [];
  for (const card of Array.from(root.querySelectorAll('[data-product-id][class*="RedSnippet__container"]'))) {
    const id = cardId(card, base);
    if (!id) continue;
    const title = card.querySelector('[class*="RedSnippet__title"]');
    const price = cleanText(card.querySelector('[class*="RedSnippet__priceNew"]')?.textContent);
    const image = card.querySelector('img');
    listings.push(
      listing({
        marketplace: 'aliexpress',
        id,
        title: cleanText(title?.getAttribute('title') || title?.textContent || image?.getAttribute('alt')),
        price: parsePrice(price),
        currency: currencyOf(price),
        images: imageList([image?.getAttribute('src')]),
      }),
    );
  }
  return listings;
}

export const aliExpressRu = siteAdapter({
  ...aliExpressRuUrlRules,
  item: aliExpressItem,
  listings: (document, url) => aliExpressRuCards(document, url.href),
  // No aliexpress.ru store page has been seen; its cards name no seller.
  storeShop: () => null,
});
