/**
 * Listings on AliExpress search, category and store pages (../shared/fixtures/STRUCTURES.md,
 * "AliExpress search"): the server-rendered `_init_data_` first, then the cards in the DOM, whose
 * hashed classes rotate yearly; `search-card-item` is the one semantic class that lasted, and the
 * item link itself is the stable hook for everything else.
 */
import { aliExpressItemId } from './aliexpress-urls';
import type { JsValue } from './js-literal';
import { listing } from './listing';
import { cleanId, cleanText, currencyOf, imageList, imageSource, linkUrl, parsePrice } from './normalise';
import { asArray, at, scriptLiteral } from './page-scripts';
import type { Listing } from './types';

function initDataItems(document: Document): JsValue[] {
  // `window._dida_config_._init_data_= { data: … }`: the top-level key is unquoted.
  const initData = scriptLiteral(document, '_init_data_', /_init_data_\s*=/);
  const path = 'root.fields.mods.itemList.content';
  return asArray(at(initData, `data.${path}`) ?? at(initData, `data.data.${path}`));
}

function fromInitData(document: Document): Listing[] {
  const listings: Listing[] = [];
  for (const item of initDataItems(document)) {
    const rawId = at(item, 'productId');
    const id = typeof rawId === 'string' || typeof rawId === 'number' ? aliExpressItemId(new URL(`https://www.aliexpress.com/item/${rawId}.html`)) : null;
    if (!id) continue;
    const sale = at(item, 'prices.salePrice');
    const storeName = cleanText(at(item, 'store.storeName'));
    listings.push(
      listing({
        marketplace: 'aliexpress',
        id,
        title: cleanText(at(item, 'title.displayTitle') ?? at(item, 'title.seoTitle')),
        price: parsePrice(at(sale, 'minPrice') ?? at(sale, 'formattedPrice')),
        currency: cleanText(at(sale, 'currencyCode')) ?? currencyOf(at(sale, 'formattedPrice')),
        shop: storeName ? { name: storeName, id: cleanId(at(item, 'store.storeId')), sellerId: cleanId(at(item, 'store.aliMemberId')) } : null,
        images: imageList([at(item, 'image.imgUrl')]),
      }),
    );
  }
  return listings;
}

/** Card links: the lasting semantic class, the 2022 container, and any item or bundle link with a picture. */
const cardSelector = 'a.search-card-item, a[class*="manhattan--container"], a[href*="/item/"]:has(img), a[href*="BundleDeals"]:has(img)';

function cardTitle(card: Element): string | null {
  const titled = card.querySelector('[role="heading"][title], [class*="titleText"][title], [class*="title"][title]');
  const heading = card.querySelector('h1, h2, h3, [class*="titleText"], [role="heading"]');
  return cleanText(titled?.getAttribute('title') ?? heading?.textContent ?? card.querySelector('img[alt]')?.getAttribute('alt'));
}

function cardPrice(card: Element): string | null {
  // 2026 cards carry the whole price in an aria-label, its digits split across spans below it.
  for (const element of Array.from(card.querySelectorAll('[aria-label]'))) {
    const label = element.getAttribute('aria-label') ?? '';
    if (/\d/.test(label) && currencyOf(label)) return label;
  }
  const priced = card.querySelector('[class*="price-sale"], [class*="priceSale"], [class*="price--current"], [class*="price"]');
  return cleanText(priced?.textContent)?.replace(/\s/g, '') ?? null;
}

/** Listings shown as cards; `root` limits the scan (e.g. to cards added since the last scan). */
export function aliExpressCards(root: ParentNode, base: string): Listing[] {
  const listings: Listing[] = [];
  for (const card of Array.from(root.querySelectorAll<HTMLAnchorElement>(cardSelector))) {
    const link = linkUrl(card.getAttribute('href'), base);
    const id = link ? aliExpressItemId(link) : null;
    if (!id) continue;
    const price = cardPrice(card);
    const image = card.querySelector('img');
    // 2023–24 gallery cards put the store link beside the card's own link, not inside it.
    const store = (card.closest('[class*="search-item-card-wrapper"]') ?? card).querySelector('a[href*="/store/"]');
    listings.push(
      listing({
        marketplace: 'aliexpress',
        id,
        title: cardTitle(card),
        price: parsePrice(price),
        currency: currencyOf(price),
        shop: store ? { name: cleanText(store.textContent), id: /\/store\/(\d+)/.exec(store.getAttribute('href') ?? '')?.[1] ?? null, sellerId: null } : null,
        images: imageList([imageSource(image)]),
      }),
    );
  }
  return listings;
}

export function aliExpressSearchListings(document: Document, base: string): Listing[] {
  return [...fromInitData(document), ...aliExpressCards(document, base)];
}
