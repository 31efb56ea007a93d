/**
 * The marketplace hosts Colophon runs on. The manifest's host permissions and the content
 * script's matches are both built from this list, so the extension asks for exactly these
 * hosts and no others: over `https:` only, because the marketplaces serve nothing else, and a page
 * over plain `http:` may have been written by anyone on the network path.
 */
export const marketplaceMatchPatterns = [
  // `*.` also matches the bare domain (aliexpress.ru, aliexpress.us).
  'https://*.aliexpress.com/*',
  'https://*.aliexpress.us/*',
  'https://*.aliexpress.ru/*',
  'https://*.taobao.com/*',
  'https://*.tmall.com/*',
  'https://*.tmall.hk/*',
] as const;
