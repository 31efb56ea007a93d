/** One catalogue entry as a search result: what a representative compares with a listing. */
import { Fragment } from 'preact';
import { formatIsbn13 } from '@/utils/catalog/isbn';
import type { CatalogueEntry, Contributor } from '@/utils/catalog/schema';
import { t } from '@/utils/i18n';

function contributorText({ name, role }: Contributor): string {
  if (role === 'editor') return t('optionsContributorEditor', name);
  if (role === 'translator') return t('optionsContributorTranslator', name);
  return name;
}

export function EntryResult({ entry }: { entry: CatalogueEntry }) {
  const details: Array<[string, string]> = [];
  if (entry.contributors.length > 0) details.push([t('optionsEntryContributors'), entry.contributors.map(contributorText).join(', ')]);
  if (entry.isbns.length > 0) details.push([t('optionsEntryIsbns'), entry.isbns.map(formatIsbn13).join(', ')]);
  if (entry.edition) details.push([t('optionsEntryEdition'), entry.edition]);
  // The imprint after the publisher ("Springer / Birkhäuser"), once when they are the same.
  const publisher = [...new Set([entry.publisher, entry.imprint].filter((part): part is string => !!part))].join(' / ');
  if (publisher) details.push([t('optionsEntryPublisher'), publisher]);
  if (entry.year !== null) details.push([t('optionsEntryYear'), String(entry.year)]);
  return (
    <li class="entry" data-testid="search-result" data-entry-id={entry.id}>
      <p class="entry-title">
        <strong data-testid="search-result-title">{entry.title}</strong>
        {entry.subtitle ? <span class="subtitle"> {entry.subtitle}</span> : null}
      </p>
      {entry.otherTitles.length > 0 ? <p class="other-titles">{entry.otherTitles.map((other) => other.title).join(' · ')}</p> : null}
      <dl>
        {details.map(([label, value]) => (
          <Fragment key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </Fragment>
        ))}
      </dl>
    </li>
  );
}
