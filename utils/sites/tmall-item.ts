/**
 * A Tmall item page's listing (../shared/fixtures/STRUCTURES.md, "Classic Tmall"): the 2025+ ICE
 * app Taobao also serves, then the classic `TShop.Setup({…})` and its DOM (`.tb-detail-hd h1`,
 * `.tm-price`, `.slogo-shopname`, `#J_UlThumb`).
 */
import { bookFields } from './book-fields';
import { iceDetail } from './ice-detail';
import { canonicalListingUrl, firstOfLayers, listing, mergeShops, type ListingFields } from './listing';
import { cleanId, cleanText, imageList, imageSource, parsePrice, textAt } from './normalise';
import { asArray, at, scriptLiteral } from './page-scripts';
import { paramTablePairs } from './param-table';
import type { Listing } from './types';

function decodedNick(value: unknown): string | null {
  const text = cleanText(value);
  if (!text) return null;
  try {
    return cleanText(decodeURIComponent(text));
  } catch {
    return text;
  }
}

function fromTShop(document: Document): ListingFields {
  const setup = scriptLiteral(document, 'TShop.Setup', /TShop\.Setup\s*\(/);
  const item = at(setup, 'itemDO');
  if (!item) return {};
  const price = parsePrice(at(setup, 'detail.defaultItemPrice'));
  return {
    title: cleanText(at(item, 'title')),
    price,
    currency: price === null ? null : 'CNY',
    shop: { name: decodedNick(at(item, 'sellerNickName')), id: cleanId(at(setup, 'rstShopId')), sellerId: cleanId(at(item, 'userId')) },
    // The main gallery; the other propertyPics keys are per-SKU (colour) pictures.
    images: imageList(asArray(at(setup, 'propertyPics.default'))),
  };
}

function fromClassicDom(document: Document): ListingFields {
  const price = parsePrice(textAt(document, '#J_PromoPrice .tm-price') ?? textAt(document, '#J_StrPriceModBox .tm-price') ?? textAt(document, '.tm-price'));
  const shopName = textAt(document, '.slogo-shopname strong, .slogo-shopname');
  return {
    title: textAt(document, '.tb-detail-hd h1'),
    price,
    currency: price === null ? null : 'CNY',
    shop: shopName ? { name: shopName, id: null, sellerId: null } : undefined,
    images: imageList(Array.from(document.querySelectorAll('#J_UlThumb img')).map(imageSource)),
  };
}

export function tmallItem(document: Document, id: string, tmallGlobal: boolean): Listing | null {
  const ice = iceDetail(document);
  const layers = ice ? [ice] : [fromTShop(document), fromClassicDom(document)];
  const fields = firstOfLayers(layers);
  if (!fields.title && fields.price == null && !fields.images?.length) return null;
  return listing({
    marketplace: 'tmall',
    id,
    url: canonicalListingUrl('tmall', id, tmallGlobal),
    ...bookFields(paramTablePairs(document)),
    ...fields,
    shop: mergeShops(layers),
  });
}
