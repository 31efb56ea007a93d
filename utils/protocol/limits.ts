/**
 * What a recognition may carry, which the schemas of ./listing.ts enforce: in UTF-16 code units, as
 * zod's max counts them. Here rather than there so that the content script, which cuts to them
 * (utils/sites/within-limits.ts), loads no schema.
 */
export const limits = { title: 2000, name: 500, id: 40, image: 2000, images: 100, listings: 1000 } as const;
