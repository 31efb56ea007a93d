/** What Colophon recognised on a page: marketplace, page kind, listing count and the first listings. */
import { t } from '@/utils/i18n';
import type { PageMatches } from '@/utils/messages';
import type { Listing, Recognition } from '@/utils/sites/types';
import { MatchSummary } from './MatchReasons';

const shownListings = 8;

function price(listing: Listing): string {
  if (listing.price === null) return t('popupNoPrice');
  return listing.currency ? `${listing.price} ${listing.currency}` : String(listing.price);
}

export function PageSummary({ recognition, matches }: { recognition: Recognition; matches: PageMatches }) {
  const { marketplace, kind, wall } = recognition;
  // Listings that look like the user's books come first: they are what the popup is for.
  const listings = [...recognition.listings].sort((a, b) => Number(b.id in matches) - Number(a.id in matches));
  const matched = listings.filter((listing) => listing.id in matches).length;
  return (
    <section data-testid="page-summary" data-kind={kind} data-marketplace={marketplace} data-listings={listings.length} data-matched={matched}>
      <dl>
        <dt>{t('popupMarketplace')}</dt>
        <dd data-testid="marketplace">{t(`marketplace_${marketplace}`)}</dd>
        <dt>{t('popupPageKind')}</dt>
        <dd data-testid="kind">{t(`pageKind_${kind}`)}</dd>
        {kind === 'blocked' ? null : (
          <>
            <dt>{t('popupListingCount')}</dt>
            <dd data-testid="listing-count">{listings.length}</dd>
          </>
        )}
      </dl>
      {wall ? <p class="wall">{t(`wall_${wall}`)}</p> : null}
      {matched > 0 ? <p class="matched">{t('popupMatchCount', String(matched))}</p> : null}
      {listings.length > 0 ? (
        <>
          <h2>{t('popupListingsHeading')}</h2>
          <ol class="listings">
            {listings.slice(0, shownListings).map((listing) => (
              <li key={listing.id} data-listing={listing.id}>
                <a href={listing.url} target="_blank" rel="noreferrer noopener" title={listing.title ?? listing.id}>
                  {listing.title ?? listing.id}
                </a>
                <span class="price">{price(listing)}</span>
                {listing.isbn ? <span class="isbn">ISBN {listing.isbn}</span> : null}
                {matches[listing.id]?.[0] ? <MatchSummary match={matches[listing.id]![0]!} /> : null}
              </li>
            ))}
          </ol>
          {listings.length > shownListings ? <p class="more">{t('popupMoreListings', String(listings.length - shownListings))}</p> : null}
        </>
      ) : null}
    </section>
  );
}
