/**
 * Taobao and Tmall shop pages (shopNNN.taobao.com, <name>.tmall.com, store.taobao.com): the shop
 * grid's `dl.item[data-id]` tiles (`.item-name`, `.c-price`, the photo), any other tile found by
 * its item link and picture, and the shop itself, which every listing on its page belongs to.
 * No saved page shows a shop, so only hooks that held for years are used.
 */
import { canonicalListingUrl, listing } from './listing';
import { cleanId, cleanText, imageList, imageSource, parsePrice, textAt } from './normalise';
import { meta } from './page-scripts';
import { taobaoItemLink } from './taobao-urls';
import type { Listing, Shop } from './types';

/** A tile's price: the shop grid's `.c-price`, or any price-like element of the tile. */
function tilePrice(tile: Element): number | null {
  return parsePrice(textAt(tile, '.c-price, .productPrice em, [class*="price"]'));
}

/**
 * Tiles found by their item link and picture; the tile is the nearest container of a price.
 * Listings an earlier layer already read (`known`) are skipped: the first reading of a listing
 * wins, and on a search page of a hundred cards, reading each tile again costs more than the rest
 * of the page's recognition.
 */
export function linkedTiles(root: ParentNode, base: string, known: ReadonlySet<string> = new Set()): Listing[] {
  const listings: Listing[] = [];
  for (const link of Array.from(root.querySelectorAll('a[href*="item.htm"]:has(img), a[href*="/item/"]:has(img)'))) {
    const target = taobaoItemLink(link.getAttribute('href'), base);
    if (!target || known.has(target.id)) continue;
    const tile = link.closest('dl, li, .product, [class*="item"]') ?? link;
    const image = link.querySelector('img');
    const price = tilePrice(tile);
    listings.push(
      listing({
        ...target,
        url: canonicalListingUrl(target.marketplace, target.id),
        title: textAt(tile, '.item-name') ?? textAt(link, '[title]') ?? cleanText(image?.getAttribute('alt')),
        price,
        currency: price === null ? null : 'CNY',
        images: imageList([imageSource(image)]),
      }),
    );
  }
  return listings;
}

/** The shop and seller ids of Taobao and Tmall pages: `<meta name="microscope-data" content="…;shopId=…;userid=…;">`. */
export function microscopeIds(document: Document): { id: string | null; sellerId: string | null } {
  const content = meta(document, 'microscope-data') ?? '';
  return {
    id: cleanId(/(?:^|;)\s*shopId=(\d+)/.exec(content)?.[1]),
    sellerId: cleanId(/(?:^|;)\s*userid=(\d+)/i.exec(content)?.[1]),
  };
}

/** The shop a shop page belongs to: `microscope-data` has its ids, the header its name. */
export function pageShop(document: Document): Shop | null {
  const { id, sellerId } = microscopeIds(document);
  const name = textAt(document, '.shop-name-title, .slogo-shopname strong, .shop-name a[title], .shop-name');
  return id || sellerId || name ? { name, id, sellerId } : null;
}
