/**
 * A Taobao item page's listing, by generation (../shared/fixtures/STRUCTURES.md, "Taobao / Tmall
 * items"): the 2025+ ICE app, then the classic page's `var g_config` and its DOM
 * (`.tb-main-title`, `#J_StrPrice`, `.tb-shop-name`, `#J_UlThumb`).
 */
import { bookFields } from './book-fields';
import { iceDetail } from './ice-detail';
import { firstOfLayers, listing, mergeShops, type ListingFields } from './listing';
import { cleanId, cleanText, imageList, imageSource, parsePrice, textAt } from './normalise';
import { at, scriptLiteral } from './page-scripts';
import { paramTablePairs } from './param-table';
import { microscopeIds } from './taobao-shop';
import type { Listing } from './types';

function fromGConfig(document: Document): ListingFields {
  const config = scriptLiteral(document, 'g_config', /g_config\s*=/);
  if (!config || at(config, 'itemId') === undefined) return {};
  return {
    shop: {
      name: cleanText(at(config, 'shopName')),
      id: cleanId(at(config, 'shopId')),
      sellerId: cleanId(at(config, 'sellerId')),
    },
  };
}

/** 2020 pages name the shop's ids in their microscope-data meta. */
function fromMeta(document: Document): ListingFields {
  const { id, sellerId } = microscopeIds(document);
  return id || sellerId ? { shop: { name: null, id, sellerId } } : {};
}

function fromClassicDom(document: Document): ListingFields {
  const title = document.querySelector('h3.tb-main-title');
  const priceText = textAt(document, '#J_PromoPriceNum') ?? textAt(document, '#J_StrPrice .tb-rmb-num');
  const price = parsePrice(priceText);
  const shopName = textAt(document, '.tb-shop-name a, .tb-shop-name strong');
  return {
    title: cleanText(title?.getAttribute('data-title') || title?.textContent),
    price,
    currency: price === null ? null : 'CNY',
    shop: shopName ? { name: shopName, id: null, sellerId: null } : undefined,
    images: imageList(Array.from(document.querySelectorAll('#J_UlThumb img')).map(imageSource)),
  };
}

export function taobaoItem(document: Document, id: string): Listing | null {
  const ice = iceDetail(document);
  const layers = ice ? [ice] : [fromGConfig(document), fromMeta(document), fromClassicDom(document)];
  const fields = firstOfLayers(layers);
  if (!fields.title && fields.price == null && !fields.images?.length) return null;
  return listing({ marketplace: 'taobao', id, ...bookFields(paramTablePairs(document)), ...fields, shop: mergeShops(layers) });
}
