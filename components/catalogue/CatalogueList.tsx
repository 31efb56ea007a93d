/**
 * The user's catalogues (one per imprint or client): each can be switched off without losing it,
 * exported to Colophon's own JSON file, or removed. The background's matcher sees each change at
 * its next match (utils/catalog/match-service.ts compares the catalogues' signature).
 */
import { downloadBlob } from '@/components/download';
import { useState } from 'preact/hooks';
import type { Catalogue } from '@/utils/catalog/schema';
import { exportCatalogue, removeCatalogue, setCatalogueEnabled, type CatalogueDatabase } from '@/utils/catalog/store';
import { t } from '@/utils/i18n';
import { CatalogueRow } from './CatalogueRow';

interface Props {
  db: CatalogueDatabase;
  catalogues: readonly Catalogue[];
  /** A catalogue changed or went: read the list again. */
  onChanged(): void;
}

/** A name any file system accepts: no path separators or characters Windows refuses. */
export function exportFileName(name: string): string {
  const safe = name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').replace(/^[.\s]+|[.\s]+$/g, '');
  return `${safe || 'catalogue'}.json`;
}


export function CatalogueList({ db, catalogues, onChanged }: Props) {
  const [error, setError] = useState<string | null>(null);

  const act = async (work: () => Promise<void>) => {
    setError(null);
    try {
      await work();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
    onChanged();
  };

  return (
    <section class="panel" aria-labelledby="catalogues-heading" data-testid="catalogue-list" data-count={catalogues.length}>
      <h2 id="catalogues-heading">{t('optionsCataloguesHeading')}</h2>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      {catalogues.length === 0 ? (
        <p class="hint" data-testid="catalogue-list-empty">
          {t('optionsCataloguesEmpty')}
        </p>
      ) : (
        <table class="catalogues">
          <thead>
            <tr>
              <th scope="col">{t('optionsCatalogueName')}</th>
              <th scope="col">{t('optionsCatalogueSource')}</th>
              <th scope="col" class="number">
                {t('optionsCatalogueEntries')}
              </th>
              <th scope="col">{t('optionsCatalogueImported')}</th>
              <th scope="col">{t('optionsCatalogueMatching')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('optionsCatalogueActions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {catalogues.map((catalogue) => (
              <CatalogueRow
                key={catalogue.id}
                catalogue={catalogue}
                onEnable={(enabled) => void act(() => setCatalogueEnabled(db, catalogue.id, enabled))}
                onExport={() => void act(async () => downloadBlob(await exportCatalogue(db, catalogue.id), exportFileName(catalogue.name)))}
                onRemove={() => void act(() => removeCatalogue(db, catalogue.id))}
              />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
