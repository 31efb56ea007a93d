/** The listed evidence as a table, with a checkbox per row and one for every row shown. */
import { useEffect, useRef } from 'preact/hooks';
import type { ListedItem } from '@/utils/evidence/store';
import { t } from '@/utils/i18n';
import { EvidenceRow } from './EvidenceRow';

interface Props {
  items: readonly ListedItem[];
  selection: ReadonlySet<string>;
  /** Given how to change the selection: from the latest, however fast the clicks come. */
  onSelection(update: (previous: ReadonlySet<string>) => Set<string>): void;
  onOpen(itemId: string): void;
}

export function EvidenceTable({ items, selection, onSelection, onOpen }: Props) {
  const all = useRef<HTMLInputElement>(null);
  const chosen = items.filter(({ item }) => selection.has(item.id)).length;

  // "Some rows chosen" is a third state a checkbox attribute cannot express.
  useEffect(() => {
    if (all.current) all.current.indeterminate = chosen > 0 && chosen < items.length;
  }, [chosen, items.length]);

  const select = (itemIds: readonly string[], selected: boolean) =>
    onSelection((previous) => {
      const next = new Set(previous);
      for (const itemId of itemIds) {
        if (selected) next.add(itemId);
        else next.delete(itemId);
      }
      return next;
    });

  return (
    <table class="evidence" data-testid="evidence-table">
      <thead>
        <tr>
          <th scope="col" class="select">
            <input
              type="checkbox"
              ref={all}
              checked={items.length > 0 && chosen === items.length}
              aria-label={t('evidenceSelectAll')}
              data-testid="evidence-select-all"
              onChange={(event) => select(items.map(({ item }) => item.id), event.currentTarget.checked)}
            />
          </th>
          <th scope="col">
            <span class="visually-hidden">{t('evidenceColumnPicture')}</span>
          </th>
          <th scope="col">{t('evidenceColumnTitle')}</th>
          <th scope="col">{t('evidenceColumnMarketplace')}</th>
          <th scope="col">{t('evidenceColumnShop')}</th>
          <th scope="col">{t('evidenceColumnMatch')}</th>
          <th scope="col">{t('evidenceColumnCaptured')}</th>
          <th scope="col">{t('evidenceColumnStatus')}</th>
          <th scope="col">{t('evidenceColumnTags')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((listed) => (
          <EvidenceRow
            key={listed.item.id}
            listed={listed}
            selected={selection.has(listed.item.id)}
            onSelect={(selected) => select([listed.item.id], selected)}
            onOpen={() => onOpen(listed.item.id)}
          />
        ))}
      </tbody>
    </table>
  );
}
