/**
 * Every field of an item's metadata, as captured: what a complaint or a court is shown. Values
 * from the page are text nodes (never markup); URLs are links that open apart from this page.
 */
import { Fragment, type ComponentChildren } from 'preact';
import type { EvidenceMetadata } from '@/utils/protocol/evidence';
import { t } from '@/utils/i18n';
import { reasonText } from '@/utils/match-reasons';
import { formatDecimal, localTime, marketplaceLabel, percent, utcTime } from './format';

export function ExternalLink({ href }: { href: string }) {
  // Capture validated every URL as http(s); anything else is shown, never followed.
  if (!/^https?:\/\//i.test(href)) return <>{href}</>;
  return (
    <a href={href} rel="noopener noreferrer" target="_blank">
      {href}
    </a>
  );
}

const none = () => <span class="hint">—</span>;
const orNone = (value: string | null | undefined) => (value ? value : none());

export function MetadataList({ metadata }: { metadata: EvidenceMetadata }) {
  const { listing, match, pageKind } = metadata;
  const rows: Array<[string, ComponentChildren]> = [
    [t('evidenceFieldUrl'), <ExternalLink href={metadata.url} />],
    [t('evidenceFieldCanonicalUrl'), <ExternalLink href={metadata.canonicalUrl} />],
    [t('evidenceFieldMarketplace'), marketplaceLabel(metadata.marketplace)],
    [t('evidenceFieldPageKind'), t(`pageKind_${pageKind}`)],
    [t('evidenceFieldListingId'), listing.id],
    [t('evidenceFieldTitle'), orNone(listing.title)],
    [t('evidenceFieldPrice'), listing.price === null ? none() : `${formatDecimal(listing.price)} ${listing.currency ?? ''}`.trim()],
    [t('evidenceFieldShopName'), orNone(listing.shop?.name)],
    [t('evidenceFieldShopId'), orNone(listing.shop?.id)],
    [t('evidenceFieldSellerId'), orNone(listing.shop?.sellerId)],
    [t('evidenceFieldIsbn'), orNone(listing.isbn)],
    [t('evidenceFieldAuthor'), orNone(listing.author)],
    [t('evidenceFieldPublisher'), orNone(listing.publisher)],
    [
      t('evidenceFieldImages'),
      listing.images.length === 0 ? (
        none()
      ) : (
        <ol class="links">
          {listing.images.map((image) => (
            <li key={image}>
              <ExternalLink href={image} />
            </li>
          ))}
        </ol>
      ),
    ],
    [
      t('evidenceFieldMatch'),
      match ? (
        <>
          {match.title} <span class="confidence">{percent(match.confidence)}</span>
          <br />
          <span class="hint">{t('evidenceMatchEntry', match.catalogueId, match.entryId)}</span>
          {match.reasons.length > 0 ? (
            <>
              <br />
              {match.reasons.map(reasonText).join(' + ')}
            </>
          ) : null}
        </>
      ) : (
        t('evidenceNoMatch')
      ),
    ],
    [
      t('evidenceFieldCapturedAt'),
      <>
        {localTime(metadata.capturedAt)} <span class="hint">({utcTime(metadata.capturedAt)})</span>
      </>,
    ],
    [t('evidenceFieldClock'), metadata.clock.note ? `${t('evidenceClockSystem')}: ${metadata.clock.note}` : t('evidenceClockSystem')],
    [t('evidenceFieldBrowser'), `${metadata.browser.name} ${metadata.browser.version}`.trim()],
    [t('evidenceFieldExtensionVersion'), metadata.extensionVersion],
    [t('evidenceFieldViewport'), `${metadata.viewport.width} × ${metadata.viewport.height}`],
    [t('evidenceFieldPixelRatio'), formatDecimal(metadata.devicePixelRatio)],
    [t('evidenceFieldPageLanguage'), orNone(metadata.pageLanguage)],
    [t('evidenceFieldCapturedBy'), orNone(metadata.capturedBy)],
    [t('evidenceFieldNote'), orNone(metadata.note)],
    [t('evidenceFieldTags'), metadata.tags.length > 0 ? metadata.tags.join(', ') : none()],
    [t('evidenceFieldSchemaVersion'), String(metadata.schemaVersion)],
  ];
  return (
    <dl class="metadata" data-testid="evidence-metadata">
      {rows.map(([label, value]) => (
        <Fragment key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </Fragment>
      ))}
    </dl>
  );
}
