/**
 * The list's search box and filters. Each filter is a plain form control, so the whole bar is
 * usable from the keyboard; selects offer only what the evidence holds (filterOptions).
 */
import { evidenceMarketplaces, evidenceStatuses, type Case } from '@/utils/protocol/evidence';
import { t } from '@/utils/i18n';
import type { FilterChoice, FilterOptions } from './filters';
import { isFiltered, noFilter } from './filters';
import { marketplaceLabel, statusLabel } from './format';

interface Props {
  choice: FilterChoice;
  options: FilterOptions;
  cases: readonly Case[];
  query: string;
  /** Given how to change the filters: from the latest, however fast the changes come. */
  onChoice(update: (previous: FilterChoice) => FilterChoice): void;
  onQuery(query: string): void;
}

export function FilterBar({ choice, options, cases, query, onChoice, onQuery }: Props) {
  // Selects and date inputs give strings; FilterChoice's fields hold exactly the values offered.
  const set = (key: 'marketplace' | 'from' | 'to' | 'catalogueEntry' | 'shop' | 'status' | 'tag' | 'caseId') => (event: { currentTarget: { value: string } }) => {
    const { value } = event.currentTarget;
    onChoice((previous) => ({ ...previous, [key]: value }));
  };

  return (
    <div class="filters" role="search" data-testid="evidence-filters">
      <div class="field search">
        <label for="evidence-search">{t('evidenceSearch')}</label>
        <input id="evidence-search" type="search" value={query} placeholder={t('evidenceSearchPlaceholder')} data-testid="evidence-search" onInput={(event) => onQuery(event.currentTarget.value)} />
      </div>
      <div class="field">
        <label for="evidence-filter-marketplace">{t('evidenceFilterMarketplace')}</label>
        <select id="evidence-filter-marketplace" value={choice.marketplace} data-testid="evidence-filter-marketplace" onChange={set('marketplace')}>
          <option value="">{t('evidenceFilterAny')}</option>
          {evidenceMarketplaces.map((marketplace) => (
            <option key={marketplace} value={marketplace}>
              {marketplaceLabel(marketplace)}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="evidence-filter-from">{t('evidenceFilterFrom')}</label>
        <input id="evidence-filter-from" type="date" value={choice.from} max={choice.to || undefined} data-testid="evidence-filter-from" onChange={set('from')} />
      </div>
      <div class="field">
        <label for="evidence-filter-to">{t('evidenceFilterTo')}</label>
        <input id="evidence-filter-to" type="date" value={choice.to} min={choice.from || undefined} data-testid="evidence-filter-to" onChange={set('to')} />
      </div>
      <div class="field">
        <label for="evidence-filter-entry">{t('evidenceFilterEntry')}</label>
        <select id="evidence-filter-entry" value={choice.catalogueEntry} data-testid="evidence-filter-entry" onChange={set('catalogueEntry')}>
          <option value="">{t('evidenceFilterAny')}</option>
          {options.catalogueEntries.map((entry) => (
            <option key={entry.value} value={entry.value}>
              {entry.label} ({entry.detail})
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="evidence-filter-shop">{t('evidenceFilterShop')}</label>
        <select id="evidence-filter-shop" value={choice.shop} data-testid="evidence-filter-shop" onChange={set('shop')}>
          <option value="">{t('evidenceFilterAny')}</option>
          {options.shops.map((shop) => (
            <option key={shop.value} value={shop.value}>
              {shop.label} ({marketplaceLabel(shop.marketplace)})
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="evidence-filter-status">{t('evidenceFilterStatus')}</label>
        <select id="evidence-filter-status" value={choice.status} data-testid="evidence-filter-status" onChange={set('status')}>
          <option value="">{t('evidenceFilterAny')}</option>
          {evidenceStatuses.map((status) => (
            <option key={status} value={status}>
              {statusLabel(status)}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="evidence-filter-tag">{t('evidenceFilterTag')}</label>
        <select id="evidence-filter-tag" value={choice.tag} data-testid="evidence-filter-tag" onChange={set('tag')}>
          <option value="">{t('evidenceFilterAny')}</option>
          {options.tags.map((tag) => (
            <option key={tag} value={tag}>
              {tag}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="evidence-filter-case">{t('evidenceFilterCase')}</label>
        <select id="evidence-filter-case" value={choice.caseId} data-testid="evidence-filter-case" onChange={set('caseId')}>
          <option value="">{t('evidenceFilterAny')}</option>
          {cases.map((one) => (
            <option key={one.id} value={one.id}>
              {one.name}
            </option>
          ))}
        </select>
      </div>
      <label class="check">
        <input type="checkbox" checked={choice.includeDeleted} data-testid="evidence-filter-deleted" onChange={(event) => {
            const { checked } = event.currentTarget;
            onChoice((previous) => ({ ...previous, includeDeleted: checked }));
          }} />
        {t('evidenceFilterDeleted')}
      </label>
      {isFiltered(choice) || query ? (
        <button
          type="button"
          data-testid="evidence-filter-clear"
          onClick={() => {
            onChoice(() => noFilter);
            onQuery('');
          }}
        >
          {t('evidenceFilterClear')}
        </button>
      ) : null}
    </div>
  );
}
