/**
 * An AliExpress item page's listing, layer by layer (../shared/fixtures/STRUCTURES.md,
 * "AliExpress item"): `window.runParams` (2019–2023, `*Module` then `*Component` keys), the 2024+
 * client-rendered shell's `_d_c_.DCData` and meta tags, then the rendered DOM, which is where a
 * live 2024+ page shows its title, price and store once its own scripts have run.
 */
import { bookFields } from './book-fields';
import type { JsValue } from './js-literal';
import { firstOfLayers, isEmptyField, listing, type ListingFields as Fields } from './listing';
import { cleanId, cleanText, currencyOf, imageList, parsePrice } from './normalise';
import { elementsByHook } from './one-walk';
import { asArray, asObject, at, meta, scriptLiteral } from './page-scripts';
import type { Listing } from './types';


/** `runParams.data` module names of 2019–22, and the `*Component` names of their 2023 rename. */
const moduleNames = {
  title: ['titleModule', 'productInfoComponent'],
  price: ['priceModule', 'priceComponent'],
  store: ['storeModule', 'sellerComponent'],
  image: ['imageModule', 'imageComponent'],
  specs: ['specsModule', 'productPropComponent'],
  currency: ['commonModule', 'currencyComponent'],
} as const;

function moduleOf(data: JsValue | undefined, name: keyof typeof moduleNames): JsValue | undefined {
  const [classic, renamed] = moduleNames[name];
  return at(data, classic) ?? at(data, renamed);
}

function fromRunParams(document: Document): Fields {
  // `runParams` is a script literal whose `data`, written first, is JSON: read on its own, it takes
  // JSON.parse's fast path instead of the literal parser.
  const data = scriptLiteral(document, 'runParams', /window\.runParams\s*=\s*\{\s*data\s*:/) ?? at(scriptLiteral(document, 'runParams', /window\.runParams\s*=/), 'data');
  if (!asObject(data)) return {};
  const price = moduleOf(data, 'price');
  // Scrapers of 2023 pages also read the amounts one level down, under discountPrice / origPrice.
  const amount =
    asObject(at(price, 'minActivityAmount')) ??
    asObject(at(price, 'discountPrice.minActivityAmount')) ??
    asObject(at(price, 'minAmount')) ??
    asObject(at(price, 'origPrice.minAmount'));
  const store = moduleOf(data, 'store');
  const props = asArray(at(moduleOf(data, 'specs'), 'props')).map((prop) => [at(prop, 'attrName'), at(prop, 'attrValue')] as const);
  return {
    title: cleanText(at(moduleOf(data, 'title'), 'subject')),
    price: parsePrice(amount?.value ?? at(price, 'formatedActivityPrice') ?? at(price, 'formatedPrice')),
    currency: cleanText(amount?.currency) ?? cleanText(at(moduleOf(data, 'currency'), 'currencyCode')),
    shop: asObject(store)
      ? { name: cleanText(at(store, 'storeName')), id: cleanId(at(store, 'storeNum')), sellerId: cleanId(at(store, 'sellerAdminSeq') ?? at(moduleOf(data, 'currency'), 'sellerAdminSeq')) }
      : undefined,
    images: imageList(asArray(at(moduleOf(data, 'image'), 'imagePathList'))),
    ...bookFields(props),
  };
}

/** The 2024+ shell inlines only its gallery: `window._d_c_.DCData = { imagePathList: […] }`. */
function fromShellData(document: Document): Fields {
  const data = scriptLiteral(document, 'DCData', /DCData\s*=/);
  return { images: imageList(asArray(at(data, 'imagePathList'))) };
}

/** og:title reads "€97.39 40% OFF|Title" on old pages and "Title - AliExpress 509" on new ones. */
function fromMeta(document: Document): Fields {
  const ogTitle = meta(document, 'og:title');
  const title = ogTitle?.replace(/^[^|]*\d[^|]*\|/, '').replace(/\s+-\s+AliExpress(?:\s+\d+)?$/i, '');
  const image = meta(document, 'og:image');
  return { title: cleanText(title), images: imageList(image ? [image] : []) };
}

/** Stable hooks of the rendered page: `data-pl` attributes, then class-name prefixes. */
const domHooks = {
  title: 'h1[data-pl="product-title"], .product-title-text, [data-pl="product-title"]',
  price: '[class*="price--currentPriceText"], .product-price-current, .product-price-value, [class*="price-default--current"]',
  shop: '[class*="store-detail--storeName"], [class*="store-header--storeName"], .store-name, [data-pl="store-name"]',
  images: '[class*="slider--img"] img, .images-view-item img, [class*="image-view--previewBox"] img',
};
type DomField = keyof typeof domHooks;

function textOf(element: Element | undefined): string | null {
  return element ? cleanText(element.getAttribute('title') || element.textContent) : null;
}

/**
 * The fields the page's data left empty, from the rendered page. Each hook is a substring match
 * tried on every element, so only the missing fields are looked for, in one walk (./one-walk.ts).
 */
function fromDom(document: Document, wanted: readonly DomField[]): Fields {
  if (wanted.length === 0) return {};
  const found: Partial<Record<DomField, Element[]>> = elementsByHook(document, domHooks, wanted);
  const priceText = textOf(found.price?.[0]);
  const storeName = textOf(found.shop?.[0]);
  return {
    title: textOf(found.title?.[0]),
    price: parsePrice(priceText),
    currency: currencyOf(priceText),
    shop: storeName ? { name: storeName, id: null, sellerId: null } : undefined,
    images: imageList((found.images ?? []).map((img) => img.getAttribute('src'))),
  };
}

/** The item's listing, or null when the page shows no product data at all. */
export function aliExpressItem(document: Document, id: string): Listing | null {
  const data = firstOfLayers([fromRunParams(document), fromShellData(document), fromMeta(document)]);
  // The rendered price also gives the currency the data may lack.
  const missing = (Object.keys(domHooks) as DomField[]).filter((field) => isEmptyField(data[field]) || (field === 'price' && isEmptyField(data.currency)));
  const fields = firstOfLayers([data, fromDom(document, missing)]);
  if (!fields.title && fields.price == null && !fields.images?.length) return null;
  return listing({ marketplace: 'aliexpress', id, ...fields });
}
