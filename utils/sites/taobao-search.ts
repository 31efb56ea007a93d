/**
 * Listings on Taobao search pages (../shared/fixtures/STRUCTURES.md, "Taobao search"): the
 * classic `g_page_config` auctions (to May 2023), then the cards in the DOM: the classic
 * `.m-itemlist .item` grid (which also shows results fetched after load) and the 2023+ app's
 * cards, found by `a[id^="item_id_"]` whatever their hashed classes are this year.
 */
import type { JsValue } from './js-literal';
import { canonicalListingUrl, listing } from './listing';
import { cleanId, cleanText, currencyOf, imageList, imageSource, parsePrice, textAt } from './normalise';
import { asArray, at, scriptLiteral } from './page-scripts';
import { linkedTiles } from './taobao-shop';
import { taobaoItemLink } from './taobao-urls';
import type { Listing, Marketplace } from './types';

function auctionListing(auction: JsValue, base: string): Listing | null {
  const id = cleanId(at(auction, 'nid'));
  if (!id) return null;
  const link = taobaoItemLink(typeof at(auction, 'detail_url') === 'string' ? (at(auction, 'detail_url') as string) : null, base);
  const marketplace: Marketplace = at(auction, 'shopcard.isTmall') === true || link?.marketplace === 'tmall' ? 'tmall' : 'taobao';
  const price = parsePrice(at(auction, 'view_price'));
  const nick = cleanText(at(auction, 'nick'));
  return listing({
    marketplace,
    id,
    url: canonicalListingUrl(marketplace, id),
    title: cleanText(at(auction, 'raw_title') ?? at(auction, 'title')),
    price,
    currency: price === null ? null : 'CNY',
    shop: nick || at(auction, 'user_id') ? { name: nick, id: null, sellerId: cleanId(at(auction, 'user_id')) } : null,
    images: imageList([at(auction, 'pic_url')]),
  });
}

function fromPageConfig(document: Document, base: string): Listing[] {
  const config = scriptLiteral(document, 'g_page_config', /g_page_config\s*=/);
  return asArray(at(config, 'mods.itemlist.data.auctions'))
    .map((auction) => auctionListing(auction, base))
    .filter((item) => item !== null);
}

/** A card's listing from the link to its item page: the link says which marketplace sells it. */
function cardListing(card: Element, href: string | null, base: string, fields: Omit<Partial<Listing>, 'marketplace' | 'id'>): Listing | null {
  const link = taobaoItemLink(href, base);
  if (!link) return null;
  return listing({ ...link, url: canonicalListingUrl(link.marketplace, link.id), ...fields });
}

/** The classic grid: `.item.J_MouserOnverReq` with `a.pic-link[data-nid]`, `.price strong`, `a.shopname`. */
function classicCards(root: ParentNode, base: string): Listing[] {
  const listings: Listing[] = [];
  for (const card of Array.from(root.querySelectorAll('.m-itemlist .item'))) {
    const link = card.querySelector('a.pic-link, .title a, a[data-nid]');
    const price = parsePrice(textAt(card, '.price strong'));
    const shop = card.querySelector('a.shopname');
    const item = cardListing(card, link?.getAttribute('href') ?? null, base, {
      title: textAt(card, '.row.title a, .title a'),
      price,
      currency: price === null ? null : 'CNY',
      shop: shop ? { name: cleanText(shop.textContent), id: null, sellerId: cleanId(shop.getAttribute('data-userid')) } : null,
      images: imageList([imageSource(card.querySelector('img.J_ItemPic, .pic img'))]),
    });
    if (item) listings.push(item);
  }
  return listings;
}

/** 2023+ cards: hashed classes that change yearly, so only prefixes and the link's id are trusted. */
export function appCards(root: ParentNode, base: string): Listing[] {
  const listings: Listing[] = [];
  for (const card of Array.from(root.querySelectorAll('a[id^="item_id_"]'))) {
    const title = card.querySelector('[class*="title--"][title], [class*="title--"]');
    const priceText = [card.querySelector('[class*="priceInt--"]'), card.querySelector('[class*="priceFloat--"]')]
      .map((part) => part?.textContent?.trim() ?? '')
      .join('');
    const price = parsePrice(priceText || textAt(card, '[class*="price--"]'));
    const unit = textAt(card, '[class*="unit--"]');
    const shopName = textAt(card, '[class*="shopNameText"]');
    const item = cardListing(card, card.getAttribute('href'), base, {
      title: cleanText(title?.getAttribute('title') || title?.textContent),
      price,
      currency: price === null ? null : (currencyOf(unit) ?? 'CNY'),
      shop: shopName ? { name: shopName, id: null, sellerId: null } : null,
      images: imageList([imageSource(card.querySelector('img[class*="mainPic"], img'))]),
    });
    if (item) listings.push(item);
  }
  return listings;
}

export function taobaoSearchListings(document: Document, base: string): Listing[] {
  const found = [...fromPageConfig(document, base), ...classicCards(document, base), ...appCards(document, base)];
  return [...found, ...linkedTiles(document, base, new Set(found.map((item) => item.id)))];
}
