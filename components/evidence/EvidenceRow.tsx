/** One evidence item in the list: what identifies it at a glance, and the way into it. */
import type { ListedItem } from '@/utils/evidence/store';
import { artifactId } from '@/utils/evidence/store';
import { t } from '@/utils/i18n';
import { ItemSyncStatus } from './ItemSyncStatus';
import { Thumbnail } from './Thumbnail';
import { localTime, marketplaceLabel, percent, statusLabel, utcTime } from './format';

interface Props {
  listed: ListedItem;
  selected: boolean;
  onSelect(selected: boolean): void;
  onOpen(): void;
}

export function itemTitle({ item }: ListedItem): string {
  return item.metadata.listing.title || t('evidenceUntitled', item.metadata.listing.id);
}

export function EvidenceRow({ listed, selected, onSelect, onOpen }: Props) {
  const { item, state } = listed;
  const { listing, match, marketplace, capturedAt } = item.metadata;
  const screenshot = item.artifacts.findIndex((artifact) => artifact.kind === 'visible-screenshot');
  const title = itemTitle(listed);
  const titleId = `evidence-title-${item.id}`;

  return (
    <tr data-testid="evidence-row" data-item-id={item.id} data-status={state.status} data-deleted={String(state.deleted !== null)} class={selected ? 'selected' : undefined}>
      <td class="select">
        <input type="checkbox" checked={selected} aria-labelledby={titleId} data-testid="evidence-select" onChange={(event) => onSelect(event.currentTarget.checked)} />
      </td>
      <td class="picture">
        <Thumbnail artifactId={screenshot >= 0 && !state.deleted ? artifactId(item.id, screenshot) : null} />
      </td>
      <th scope="row" class="title">
        <button type="button" class="link open" id={titleId} data-testid="evidence-open" onClick={onOpen}>
          {title}
        </button>
        <span class="listing-id" data-testid="evidence-listing-id">
          {listing.id}
        </span>
      </th>
      <td data-testid="evidence-marketplace">{marketplaceLabel(marketplace)}</td>
      <td data-testid="evidence-shop">
        {listing.shop?.name ?? listing.shop?.id ?? '—'}
        {listing.shop?.name && listing.shop.id ? <span class="shop-id">{listing.shop.id}</span> : null}
      </td>
      <td data-testid="evidence-match" data-confidence={match?.confidence ?? ''}>
        {match ? (
          <>
            {match.title} <span class="confidence">{percent(match.confidence)}</span>
          </>
        ) : (
          <span class="hint">{t('evidenceNoMatch')}</span>
        )}
      </td>
      <td>
        <time dateTime={capturedAt} title={utcTime(capturedAt)} data-testid="evidence-captured">
          {localTime(capturedAt)}
        </time>
      </td>
      <td data-testid="evidence-status">
        <span class={`status status-${state.status}`}>{statusLabel(state.status)}</span>
        {state.deleted ? <span class="status status-deleted">{t('evidenceDeletedBadge')}</span> : null}
        <ItemSyncStatus itemId={item.id} />
      </td>
      <td data-testid="evidence-tags">
        {state.tags.map((tag) => (
          <span class="tag" key={tag}>
            {tag}
          </span>
        ))}
      </td>
    </tr>
  );
}
