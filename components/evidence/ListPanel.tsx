/**
 * The evidence list: filters (asked of the store's indexes), the search box (applied in memory
 * to what the filters return), the chosen items' actions, and the table, or the reason it is
 * empty.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Case } from '@/utils/protocol/evidence';
import { listItems, type ListedItem } from '@/utils/evidence/store';
import { t } from '@/utils/i18n';
import { useEvidencePage } from './context';
import { EvidenceTable } from './EvidenceTable';
import { FilterBar } from './FilterBar';
import { filterOptions, noFilter, toEvidenceFilter, type FilterChoice } from './filters';
import { failureText } from './format';
import { searchItems } from './search';
import { SelectionActions } from './SelectionActions';

interface Props {
  /** Every item, deleted ones too: what the filters offer, and what the selection can hold. Null until read. */
  all: readonly ListedItem[] | null;
  cases: readonly Case[];
  choice: FilterChoice;
  onChoice(update: (previous: FilterChoice) => FilterChoice): void;
  query: string;
  onQuery(query: string): void;
  selection: ReadonlySet<string>;
  onSelection(update: (previous: ReadonlySet<string>) => Set<string>): void;
  onOpen(itemId: string): void;
}

export function ListPanel({ all, cases, choice, onChoice, query, onQuery, selection, onSelection, onOpen }: Props) {
  const { db, revision } = useEvidencePage();
  const [filtered, setFiltered] = useState<{ items: ListedItem[]; choice: FilterChoice } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let stale = false;
    listItems(db, toEvidenceFilter(choice)).then(
      (items) => {
        if (stale) return;
        setFiltered({ items, choice });
        setError(null);
      },
      (failure: unknown) => !stale && setError(failureText(failure)),
    );
    return () => {
      stale = true;
    };
  }, [db, choice, revision]);

  const everything = all ?? [];
  const options = useMemo(() => filterOptions(everything), [all]);
  const shown = useMemo(() => (filtered ? searchItems(filtered.items, query) : []), [filtered, query]);
  const selected = useMemo(() => everything.filter(({ item }) => selection.has(item.id)), [all, selection]);
  // Until the store answers a new choice, the rows of the last one stay: no flash of an empty list.
  const shownOnce = all !== null && filtered !== null;
  const loaded = shownOnce && filtered.choice === choice;
  const kept = everything.filter(({ state }) => !state.deleted).length;

  return (
    <section class="panel" aria-labelledby="evidence-list-heading" data-testid="evidence-list" data-loaded={String(loaded)} data-count={loaded ? shown.length : ''}>
      <h2 id="evidence-list-heading">{t('evidenceListHeading')}</h2>
      <FilterBar choice={choice} options={options} cases={cases} query={query} onChoice={onChoice} onQuery={onQuery} />
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      <SelectionActions selected={selected} cases={cases} onClear={() => onSelection(() => new Set())} />
      <p class="hint" aria-live="polite" data-testid="evidence-count">
        {shownOnce && everything.length > 0 ? t('evidenceShownCount', String(shown.length), String(kept)) : ''}
      </p>
      {!shownOnce ? null : everything.length === 0 ? (
        <p class="empty" data-testid="evidence-empty">
          {t('evidenceEmpty')}
        </p>
      ) : shown.length === 0 ? (
        <p class="empty" data-testid="evidence-none-match">
          {t('evidenceNoneMatch')}{' '}
          <button
            type="button"
            class="link"
            onClick={() => {
              onChoice(() => noFilter);
              onQuery('');
            }}
          >
            {t('evidenceFilterClear')}
          </button>
        </p>
      ) : (
        <EvidenceTable items={shown} selection={selection} onSelection={onSelection} onOpen={onOpen} />
      )}
    </section>
  );
}
