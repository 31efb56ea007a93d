/**
 * One catalogue in the list: where it came from, its size, whether matching uses it, and its
 * export and removal. Removal asks first, naming what would go.
 */
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Catalogue } from '@/utils/catalog/schema';
import { t } from '@/utils/i18n';
import { formatDate, formatNumber } from './format';

interface Props {
  catalogue: Catalogue;
  onEnable(enabled: boolean): void;
  onExport(): void;
  onRemove(): void;
}

const formatLabels = { csv: 'CSV', onix: 'ONIX', json: 'JSON' } as const;

export function CatalogueRow({ catalogue, onEnable, onExport, onRemove }: Props) {
  const [confirming, setConfirming] = useState(false);
  const keep = useRef<HTMLButtonElement>(null);
  const removeButton = useRef<HTMLButtonElement>(null);
  const nameId = `catalogue-${catalogue.id}-name`;

  // The question gets the focus, on its safe answer; answering "keep" gives it back to Remove.
  useLayoutEffect(() => {
    if (confirming) keep.current?.focus();
  }, [confirming]);

  const cancel = () => {
    setConfirming(false);
    removeButton.current?.focus();
  };

  return (
    <>
      <tr data-testid="catalogue-row" data-catalogue-id={catalogue.id} data-name={catalogue.name} data-entries={catalogue.entryCount} data-enabled={String(catalogue.enabled)}>
        <th scope="row" id={nameId} data-testid="catalogue-name">
          {catalogue.name}
        </th>
        <td>
          <span class="format">{formatLabels[catalogue.source.format]}</span> <span class="file-name">{catalogue.source.fileName}</span>
        </td>
        <td class="number" data-testid="catalogue-entry-count">
          {formatNumber(catalogue.entryCount)}
        </td>
        <td>{formatDate(catalogue.importedAt)}</td>
        <td>
          <label class="switch">
            <input
              type="checkbox"
              role="switch"
              checked={catalogue.enabled}
              aria-describedby={nameId}
              data-testid="catalogue-enabled"
              onChange={(event) => onEnable(event.currentTarget.checked)}
            />
            <span>{t('optionsCatalogueInUse')}</span>
          </label>
        </td>
        <td class="actions">
          <button type="button" aria-describedby={nameId} data-testid="catalogue-export" onClick={onExport}>
            {t('optionsCatalogueExport')}
          </button>
          <button type="button" ref={removeButton} aria-describedby={nameId} aria-expanded={confirming} data-testid="catalogue-remove" onClick={() => setConfirming(true)}>
            {t('optionsCatalogueRemove')}
          </button>
        </td>
      </tr>
      {confirming ? (
        <tr class="confirm-row" data-testid="catalogue-remove-confirmation">
          <td colSpan={6}>
            <div role="group" aria-labelledby={`${nameId}-question`} class="confirm">
              <p id={`${nameId}-question`}>{t('optionsCatalogueRemoveQuestion', catalogue.name, formatNumber(catalogue.entryCount))}</p>
              <button type="button" class="danger" data-testid="catalogue-remove-confirm" onClick={onRemove}>
                {t('optionsCatalogueRemoveConfirm')}
              </button>
              <button type="button" ref={keep} data-testid="catalogue-remove-cancel" onClick={cancel}>
                {t('optionsCatalogueRemoveCancel')}
              </button>
            </div>
          </td>
        </tr>
      ) : null}
    </>
  );
}
