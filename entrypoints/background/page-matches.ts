/** The catalogue matches of the listings a content script reported: only their text goes to the matcher. */
import type { MatchService } from '@/utils/catalog/match-service';
import type { PageMatches } from '@/utils/messages';
import type { Recognition } from '@/utils/sites/types';

export async function matchPage(matcher: MatchService, recognition: Recognition | null): Promise<PageMatches> {
  const listings = recognition?.listings ?? [];
  if (listings.length === 0) return {};
  try {
    const found = await matcher.match(listings.map(({ id, title, isbn, author, publisher }) => ({ id, title: title ?? '', isbn, author, publisher })));
    const matches: PageMatches = {};
    found.forEach((listingMatches, index) => {
      if (listingMatches.length > 0) matches[listings[index]!.id] = listingMatches.slice(0, 20);
    });
    return matches;
  } catch (error) {
    // A page is still worth recognising when matching fails (a storage error, say).
    console.error('Colophon: matching failed', error);
    return {};
  }
}
