/**
 * Looking inside a catalogue: entries whose title, ISBN or contributor contains what is typed,
 * searched once typing pauses. An empty box shows the catalogue's first entries.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Catalogue, CatalogueEntry } from '@/utils/catalog/schema';
import { searchEntries, type CatalogueDatabase } from '@/utils/catalog/store';
import { t } from '@/utils/i18n';
import { EntryResult } from './EntryResult';
import { formatNumber } from './format';

/** Results shown at most: enough to find a book, few enough to render at once. */
export const searchLimit = 50;
/** How long typing must pause before a search: a search reads the catalogue's entries. */
export const searchDelay = 250;

interface Props {
  db: CatalogueDatabase;
  catalogues: readonly Catalogue[];
}

interface Results {
  catalogueId: string;
  query: string;
  entries: CatalogueEntry[];
}

export function CatalogueSearch({ db, catalogues }: Props) {
  const [chosenId, setChosenId] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<Results | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The chosen catalogue, or the first one while none is chosen (or the chosen one was removed).
  const catalogue = catalogues.find((one) => one.id === chosenId) ?? catalogues[0];

  useEffect(() => {
    if (!catalogue) return;
    let stale = false;
    const timer = setTimeout(async () => {
      try {
        const entries = await searchEntries(db, catalogue.id, query, searchLimit);
        if (!stale) setResults({ catalogueId: catalogue.id, query, entries });
        if (!stale) setError(null);
      } catch (failure) {
        if (!stale) setError(failure instanceof Error ? failure.message : String(failure));
      }
    }, query.trim() ? searchDelay : 0);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
    // `catalogues` changes after every import, switch and removal: search again.
  }, [db, catalogue?.id, query, catalogues]);

  if (!catalogue) return null;
  const current = results?.catalogueId === catalogue.id ? results : null;

  return (
    <section class="panel" aria-labelledby="search-heading" data-testid="catalogue-search">
      <h2 id="search-heading">{t('optionsSearchHeading')}</h2>
      <div class="search-controls">
        <div class="field">
          <label for="search-catalogue">{t('optionsSearchCatalogue')}</label>
          <select id="search-catalogue" data-testid="search-catalogue" value={catalogue.id} onChange={(event) => setChosenId(event.currentTarget.value)}>
            {catalogues.map((one) => (
              <option key={one.id} value={one.id}>
                {one.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field grow">
          <label for="search-query">{t('optionsSearchQuery')}</label>
          <input
            id="search-query"
            type="search"
            value={query}
            data-testid="search-query"
            aria-controls="search-results"
            placeholder={t('optionsSearchPlaceholder')}
            onInput={(event) => setQuery(event.currentTarget.value)}
          />
        </div>
      </div>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      <p class="hint" aria-live="polite" data-testid="search-count" data-count={current?.entries.length ?? ''} data-query={current?.query ?? ''}>
        {!current
          ? ''
          : current.entries.length === 0
            ? t('optionsSearchNone')
            : current.entries.length >= searchLimit
              ? t('optionsSearchFirst', formatNumber(searchLimit))
              : t('optionsSearchCount', formatNumber(current.entries.length))}
      </p>
      <ol id="search-results" class="results" data-testid="search-results">
        {current?.entries.map((entry) => <EntryResult key={entry.id} entry={entry} />)}
      </ol>
    </section>
  );
}
