/**
 * The matcher as the background runs it. The index is built from the enabled catalogues, stored
 * in IndexedDB, and read back when the service worker wakes (it is stopped after 30 s idle), so a
 * wake-up costs a read, not a rebuild. Any change to the catalogues makes the stored index stale;
 * the next match rebuilds it.
 */
import { buildMatchIndex, describeFinding, findMatches, loadMatchIndex, serialiseMatchIndex, type ListingText, type Match, type MatchIndex } from './match';
import { ListingLanguage } from './match/listing-language';
import { isChinese, segmentListing } from './match/segments';
import {
  catalogueSignature, enabledEntries, entriesByKey, listCatalogues, loadObservedListingLanguage, loadStoredMatchIndex, storeMatchIndex,
  storeObservedListingLanguage, type CatalogueDatabase, type StoredEntry,
} from './store';

/** Titles counted since the last store: kept in batches, as a store writes tens of thousands of counts. */
const storeEvery = 50;
/** Titles remembered as counted, so a page reloaded or scrolled back counts once. */
const rememberedTitles = 5000;

export class MatchService {
  private current: { signature: string; index: MatchIndex } | null = null;
  private pending: Promise<{ signature: string; index: MatchIndex }> | null = null;
  private language: ListingLanguage | null = null;
  private readonly counted = new Set<string>();
  private unstored = 0;

  constructor(private readonly database: () => Promise<CatalogueDatabase>) {}

  /** Matches for each listing, best first (empty where none reaches the reporting threshold). */
  async match(listings: readonly ListingText[]): Promise<Match[][]> {
    const { index } = await this.index();
    const language = await this.listingLanguage();
    const findings = listings.map((listing) => findMatches(index, listing, language));
    this.learn(language, listings);
    // The words shown come from the matched entries as stored: a few reads, whatever the catalogue's size.
    const keys = new Map<string, [string, string]>();
    for (const finding of findings.flat()) {
      keys.set(`${finding.catalogueId}\u0000${finding.entryId}`, [finding.catalogueId, finding.entryId]);
      const beaten = finding.outranked;
      if (beaten) keys.set(`${beaten.catalogueId}\u0000${beaten.entryId}`, [beaten.catalogueId, beaten.entryId]);
    }
    const entries = new Map<string, StoredEntry>();
    for (const stored of await entriesByKey(await this.database(), [...keys.values()])) entries.set(`${stored.catalogueId}\u0000${stored.entryId}`, stored);
    return findings.map((found) =>
      found.flatMap((finding) => {
        const stored = entries.get(`${finding.catalogueId}\u0000${finding.entryId}`);
        const beaten = finding.outranked && entries.get(`${finding.outranked.catalogueId}\u0000${finding.outranked.entryId}`);
        return stored ? [describeFinding(finding, stored.entry, beaten ? beaten.entry : undefined)] : [];
      }),
    );
  }

  /** The shipped listing language with what this user's browsing added to it. */
  private async listingLanguage(): Promise<ListingLanguage> {
    if (this.language) return this.language;
    const language = new ListingLanguage();
    const observed = await loadObservedListingLanguage(await this.database());
    if (observed) language.restore(observed);
    return (this.language ??= language);
  }

  /**
   * Counts the words of the Chinese listings the user's browsing reported, each title once (only
   * Chinese titles teach listing language). The counts are stored a batch at a time, without the
   * page waiting for the write: a worker stopped before it loses at most that batch.
   */
  private learn(language: ListingLanguage, listings: readonly ListingText[]): void {
    const fresh = listings.filter((listing) => isChinese(listing.title) && !this.counted.has(listing.title));
    if (fresh.length === 0) return;
    for (const listing of fresh) {
      if (this.counted.size >= rememberedTitles) this.counted.clear();
      this.counted.add(listing.title);
    }
    language.observe(fresh.map((listing) => segmentListing(listing.title).tokens));
    this.unstored += fresh.length;
    if (this.unstored < storeEvery) return;
    this.unstored = 0;
    const observed = language.observed();
    void this.database()
      .then((db) => storeObservedListingLanguage(db, observed))
      .catch((error: unknown) => console.info('Colophon: the listing language could not be stored', error));
  }

  /** Call when catalogues changed: the next match uses an index of the catalogues as they are now. */
  invalidate(): void {
    this.current = null;
  }

  private async index(): Promise<{ signature: string; index: MatchIndex }> {
    const db = await this.database();
    const signature = catalogueSignature(await listCatalogues(db));
    if (this.current?.signature === signature) return this.current;
    // One load or build at a time: the listings of several tabs arrive together after a wake-up.
    this.pending ??= this.loadOrBuild(db, signature).finally(() => (this.pending = null));
    this.current = await this.pending;
    return this.current.signature === signature ? this.current : this.index();
  }

  private async loadOrBuild(db: CatalogueDatabase, signature: string): Promise<{ signature: string; index: MatchIndex }> {
    const stored = await loadStoredMatchIndex(db);
    if (stored?.signature === signature) {
      try {
        return { signature, index: loadMatchIndex(stored.index) };
      } catch (error) {
        // An index stored by another version of Colophon: build it anew.
        console.info('Colophon: rebuilding the match index', error);
      }
    }
    const entries = [];
    for await (const stored of enabledEntries(db)) entries.push({ catalogueId: stored.catalogueId, entry: stored.entry });
    const index = buildMatchIndex(entries);
    await storeMatchIndex(db, signature, serialiseMatchIndex(index));
    return { signature, index };
  }
}
