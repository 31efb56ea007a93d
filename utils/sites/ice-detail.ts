/**
 * The 2025+ Taobao PC detail page (ICE framework, server-rendered): an inline script merges
 * `{"loaderData":{"home":{"data":{"res":{…}}}}}` into `window.__ICE_APP_CONTEXT__`
 * (../shared/fixtures/STRUCTURES.md, "2025+ PC detail"). Tmall serves the same app.
 */
import type { ListingFields } from './listing';
import { cleanId, cleanText, currencyOf, imageList, parsePrice } from './normalise';
import { asArray, asObject, at, scriptLiteral } from './page-scripts';

export function iceDetail(document: Document): ListingFields | null {
  const context = scriptLiteral(document, '__ICE_APP_CONTEXT__', /=\s*(?=\{\s*"(?:appData|loaderData)")/);
  const res = at(context, 'loaderData.home.data.res');
  if (!asObject(res)) return null;
  // The highlighted price is extraPrice when there is one (e.g. 券后, after the shop's coupon).
  const priceVO = at(res, 'componentsVO.priceVO');
  const price = asObject(at(priceVO, 'extraPrice')) && at(priceVO, 'extraPrice.priceText') ? at(priceVO, 'extraPrice') : at(priceVO, 'price');
  const amount = parsePrice(at(price, 'priceText'));
  const seller = at(res, 'seller');
  return {
    title: cleanText(at(res, 'item.title')),
    price: amount,
    currency: amount === null ? null : (currencyOf(at(price, 'priceUnit')) ?? 'CNY'),
    shop: asObject(seller)
      ? { name: cleanText(at(seller, 'shopName')), id: cleanId(at(seller, 'shopId')), sellerId: cleanId(at(seller, 'sellerId') ?? at(seller, 'userId')) }
      : null,
    images: imageList(asArray(at(res, 'item.images'))),
  };
}
