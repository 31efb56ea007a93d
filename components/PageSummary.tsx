/** What Colophon recognised on a page: marketplace, page kind, listing count and the first listings. */
import { t } from '@/utils/i18n';
import type { Listing, Recognition } from '@/utils/sites/types';

const shownListings = 8;

function price(listing: Listing): string {
  if (listing.price === null) return t('popupNoPrice');
  return listing.currency ? `${listing.price} ${listing.currency}` : String(listing.price);
}

export function PageSummary({ recognition }: { recognition: Recognition }) {
  const { marketplace, kind, wall, listings } = recognition;
  return (
    <section data-testid="page-summary" data-kind={kind} data-marketplace={marketplace} data-listings={listings.length}>
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
      {listings.length > 0 ? (
        <>
          <h2>{t('popupListingsHeading')}</h2>
          <ol class="listings">
            {listings.slice(0, shownListings).map((listing) => (
              <li key={listing.id}>
                <a href={listing.url} target="_blank" rel="noreferrer noopener" title={listing.title ?? listing.id}>
                  {listing.title ?? listing.id}
                </a>
                <span class="price">{price(listing)}</span>
                {listing.isbn ? <span class="isbn">ISBN {listing.isbn}</span> : null}
              </li>
            ))}
          </ol>
          {listings.length > shownListings ? <p class="more">{t('popupMoreListings', String(listings.length - shownListings))}</p> : null}
        </>
      ) : null}
    </section>
  );
}
