/**
 * The metadata of a capture: what the page showed, as the site adapter read
 * it and the matcher matched it, and the circumstances of the capture — when, with what browser
 * and extension, at what size, by whom. Validated against the stored schema before anything is
 * hashed, so a capture that would not verify later is refused now.
 */
import type { TabPage } from '@/utils/messages';
import type { PageFacts } from '@/utils/capture-steps';
import type { Listing } from '@/utils/sites/types';
import { EvidenceMetadata, type EvidenceMarketplace } from '@/utils/protocol/evidence';

export interface CaptureCircumstances {
  capturedAt: Date;
  browser: { name: string; version: string };
  extensionVersion: string;
  capturedBy: string;
  note: string;
  tags: string[];
}

/** aliexpress.ru is its own platform, with its own complaints, though its listings are global ones. */
export function evidenceMarketplace(pageUrl: string, listing: Listing): EvidenceMarketplace {
  const host = new URL(pageUrl).hostname;
  return listing.marketplace === 'aliexpress' && (host === 'aliexpress.ru' || host.endsWith('.aliexpress.ru')) ? 'aliexpress-ru' : listing.marketplace;
}

/**
 * The listing a capture is about: the one named (a search card's Report button), the page's own
 * (an item page), or on a search page captured from the toolbar, the best-matched one.
 */
export function capturedListing(page: TabPage, listingId: string | null): Listing | null {
  const recognition = page.recognition;
  if (!recognition || recognition.kind === 'blocked') return null;
  const listings = recognition.listings;
  if (listingId) return listings.find((listing) => listing.id === listingId) ?? null;
  if (recognition.kind === 'item') return listings[0] ?? null;
  const confidence = (listing: Listing) => page.matches[listing.id]?.[0]?.confidence ?? 0;
  const best = [...listings].sort((a, b) => confidence(b) - confidence(a))[0];
  return best && confidence(best) > 0 ? best : null;
}

export function captureMetadata(page: TabPage, listing: Listing, facts: PageFacts, circumstances: CaptureCircumstances): EvidenceMetadata {
  const { marketplace: _marketplace, url: canonicalUrl, ...shown } = listing;
  return EvidenceMetadata.parse({
    schemaVersion: 1,
    url: facts.url,
    canonicalUrl,
    marketplace: evidenceMarketplace(facts.url, listing),
    pageKind: page.recognition!.kind,
    listing: shown,
    match: page.matches[listing.id]?.[0] ?? null,
    capturedAt: circumstances.capturedAt.toISOString(),
    clock: { source: 'system' },
    browser: circumstances.browser,
    extensionVersion: circumstances.extensionVersion,
    viewport: { width: Math.round(facts.viewportWidth), height: Math.round(facts.viewportHeight) },
    devicePixelRatio: facts.devicePixelRatio,
    pageLanguage: facts.language,
    capturedBy: circumstances.capturedBy,
    note: circumstances.note,
    tags: circumstances.tags,
  });
}
