/** Turning what a marketplace page shows into the normal forms a Listing holds. */

const namedEntities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

/** Decodes the HTML entities marketplaces leave in their JSON titles, without touching markup. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[\da-f]+|#\d+|[a-z]+|#39);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return namedEntities[name.toLowerCase()] ?? whole;
  });
}

/** A title or name as the page shows it: highlight tags dropped, entities decoded, spaces collapsed. */
export function cleanText(value: unknown): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const text = decodeEntities(String(value).replace(/<[^>]*>/g, ''))
    .replace(/\s+/g, ' ')
    .trim();
  return text === '' ? null : text;
}

/** Ids arrive as numbers or strings; only plain digit strings are ids. */
export function cleanId(value: unknown): string | null {
  const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
  return typeof text === 'string' && /^\d{1,20}$/.test(text.trim()) ? text.trim() : null;
}

/**
 * A link as the page writes it, resolved against the page: protocol-relative links (`//item…`,
 * everywhere on these sites) are taken as https. Null unless it is an http(s) URL.
 */
export function linkUrl(value: unknown, base?: string): URL | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  try {
    const url = new URL(value.trim().replace(/^\/\//, 'https://'), base);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

/** An absolute https URL: protocol-relative and http links are upgraded. Null if not a web URL. */
export function httpsUrl(value: unknown, base?: string): string | null {
  const url = linkUrl(value, base);
  if (!url) return null;
  url.protocol = 'https:';
  return url.href;
}

/**
 * A full-size image URL: alicdn serves thumbnails by appending to the real file name
 * (`x.jpg_50x50.jpg`, `x.jpg_220x220xz.jpg_.webp`, `x.jpg_.webp`), so cut after the first extension.
 */
export function fullSizeImage(value: unknown): string | null {
  const url = httpsUrl(value);
  if (!url) return null;
  return url.replace(/^(https:\/\/[^?#]*?\.(?:jpe?g|png|gif|webp|avif))_[^/?#]*/i, '$1');
}

/** Full-size, unique image URLs in page order. */
export function imageList(values: readonly unknown[]): string[] {
  const images: string[] = [];
  for (const value of values) {
    const image = fullSizeImage(value);
    if (image && !images.includes(image)) images.push(image);
  }
  return images;
}

/**
 * Full-width forms as plain ASCII ("１４９．００" → "149.00"), and the typographic spaces (thin,
 * ideographic…) as a plain space: what pages write in prices and ISBNs. Not
 * String.prototype.normalize('NFKC'), which does this and much more: its first use in a page's
 * renderer loads the Unicode tables, a stall of tens of milliseconds that the hostile-page bench
 * saw in the first recognition of a fresh renderer.
 */
function asciiWidth(value: string): string {
  return value.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/[\u2000-\u200a\u205f\u3000]/g, ' ');
}

/**
 * The first (lowest) amount in a price as shown: "€ 97,39 - 128,72" → 97.39, "¥149.00 - 159.00"
 * → 149, "1 234,56 ₽" → 1234.56, "US $5.13" → 5.13. Null when there is no amount.
 */
export function parsePrice(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : null;
  if (typeof value !== 'string') return null;
  const match = /\d(?:[\d\u00a0\u202f ]*\d)?(?:[.,]\d+)*/.exec(asciiWidth(value));
  if (!match) return null;
  let digits = match[0].replace(/[\u00a0\u202f ]/g, '');
  const separators = digits.match(/[.,]/g) ?? [];
  if (separators.length > 0) {
    const last = Math.max(digits.lastIndexOf('.'), digits.lastIndexOf(','));
    const mixed = new Set(separators).size > 1;
    // "1.234,56" and "149.00" end in decimals; "1,234", "1.234" and "1 234 567" only group thousands.
    const grouping = !mixed && (separators.length > 1 || digits.length - last - 1 === 3);
    digits = grouping
      ? digits.replace(/[.,]/g, '')
      : digits.slice(0, last).replace(/[.,]/g, '') + '.' + digits.slice(last + 1);
  }
  const amount = Number(digits);
  return Number.isFinite(amount) ? amount : null;
}

const currencySymbols: [RegExp, string][] = [
  [/R\$/, 'BRL'],
  [/US\s?\$|^\s*\$|\$\s*$/, 'USD'],
  [/€/, 'EUR'],
  [/£/, 'GBP'],
  [/₽|руб/i, 'RUB'],
  [/₩/, 'KRW'],
  [/₪/, 'ILS'],
  [/[￥¥元]/, 'CNY'],
];

// Codes that sites print beside prices ("4.68 GEL", "USD 5.13"); a whitelist, so "40% OFF" is no currency.
const isoCodes = /\b(USD|EUR|CNY|RMB|RUB|GBP|BRL|KRW|ILS|JPY|CAD|AUD|NZD|PLN|TRY|MXN|CHF|SEK|NOK|DKK|CZK|HUF|UAH|KZT|GEL|INR|HKD|TWD|SGD|MYR|THB|VND|IDR|PHP|SAR|AED|CLP|COP|PEN|ZAR|NGN|EGP|MAD|BYN|AMD|AZN|UZS|RON|BGN)\b/;

/** ISO 4217 code for a price as shown, from its code or its symbol; `￥`/`¥` are yuan on every page we read. */
export function currencyOf(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const code = isoCodes.exec(value)?.[1];
  if (code) return code === 'RMB' ? 'CNY' : code;
  for (const [pattern, iso] of currencySymbols) if (pattern.test(value)) return iso;
  return null;
}

/** An ISBN as shown by a seller, reduced to its digits (final X kept); null if it has not an ISBN's shape. */
export function isbnDigits(value: unknown): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const digits = asciiWidth(String(value)).toUpperCase().replace(/^ISBN(?:-?1[03](?=\D))?[-:：\s]*/, '').replace(/[\s\-‐‑–]/g, '');
  return /^(\d{9}[\dX]|97[89]\d{10})$/.test(digits) ? digits : null;
}

/** The real picture of an <img>: lazy loaders keep it in data-src while src holds a placeholder. */
export function imageSource(img: Element | null | undefined): string | null {
  if (!img) return null;
  for (const name of ['data-src', 'data-ks-lazyload', 'data-lazy-src', 'src']) {
    const value = img.getAttribute(name);
    if (value && !value.startsWith('data:') && !/\/s\.gif$|spaceball|placeholder/i.test(value)) return value;
  }
  return null;
}

/** Trimmed text of the first element matching `selector` (its title attribute if it has one). */
export function textAt(root: ParentNode, selector: string): string | null {
  const element = root.querySelector(selector);
  return element ? cleanText(element.getAttribute('title') || element.textContent) : null;
}
