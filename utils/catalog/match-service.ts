/**
 * The matcher as the background runs it. The index is built from the enabled catalogues, stored
 * in IndexedDB, and read back when the service worker wakes (it is stopped after 30 s idle), so a
 * wake-up costs a read, not a rebuild. Any change to the catalogues makes the stored index stale;
 * the next match rebuilds it.
 */
import { buildMatchIndex, describeFinding, findMatches, loadMatchIndex, serialiseMatchIndex, type ListingText, type Match, type MatchIndex } from './match';
import { catalogueSignature, enabledEntries, entriesByKey, listCatalogues, loadStoredMatchIndex, storeMatchIndex, type CatalogueDatabase, type StoredEntry } from './store';

export class MatchService {
  private current: { signature: string; index: MatchIndex } | null = null;
  private pending: Promise<{ signature: string; index: MatchIndex }> | null = null;

  constructor(private readonly database: () => Promise<CatalogueDatabase>) {}

  /** Matches for each listing, best first (empty where none reaches the reporting threshold). */
  async match(listings: readonly ListingText[]): Promise<Match[][]> {
    const { index } = await this.index();
    const findings = listings.map((listing) => findMatches(index, listing));
    // The words shown come from the matched entries as stored: a few reads, whatever the catalogue's size.
    const keys = new Map<string, [string, string]>();
    for (const finding of findings.flat()) keys.set(`${finding.catalogueId}\u0000${finding.entryId}`, [finding.catalogueId, finding.entryId]);
    const entries = new Map<string, StoredEntry>();
    for (const stored of await entriesByKey(await this.database(), [...keys.values()])) entries.set(`${stored.catalogueId}\u0000${stored.entryId}`, stored);
    return findings.map((found) =>
      found.flatMap((finding) => {
        const stored = entries.get(`${finding.catalogueId}\u0000${finding.entryId}`);
        return stored ? [describeFinding(finding, stored.entry)] : [];
      }),
    );
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
