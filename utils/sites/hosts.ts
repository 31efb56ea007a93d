/**
 * The marketplace hosts Colophon runs on. The manifest's host permissions and the content
 * script's matches are both built from this list, so the extension asks for exactly these
 * hosts and no others.
 */
export const marketplaceMatchPatterns = [
  // `*.` also matches the bare domain (aliexpress.ru, aliexpress.us).
  '*://*.aliexpress.com/*',
  '*://*.aliexpress.us/*',
  '*://*.aliexpress.ru/*',
  '*://*.taobao.com/*',
  '*://*.tmall.com/*',
  '*://*.tmall.hk/*',
] as const;
