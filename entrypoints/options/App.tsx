/**
 * The options page: import catalogues, list them, switch them on and off,
 * export and remove them, and search inside them. It works on the catalogue store directly:
 * the store lives in the extension's own IndexedDB, which this page shares with the background.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { CaptureSettings } from '@/components/CaptureSettings';
import { IntakeSettings } from '@/components/IntakeSettings';
import { CatalogueList } from '@/components/catalogue/CatalogueList';
import { CatalogueSearch } from '@/components/catalogue/CatalogueSearch';
import { ImportPanel } from '@/components/catalogue/ImportPanel';
import type { Catalogue } from '@/utils/catalog/schema';
import { listCatalogues, openCatalogueDb, type CatalogueDatabase } from '@/utils/catalog/store';
import { t } from '@/utils/i18n';

type State = { status: 'loading' } | { status: 'ready'; db: CatalogueDatabase } | { status: 'failed'; error: string };

export function App() {
  const [state, setState] = useState<State>({ status: 'loading' });
  const [catalogues, setCatalogues] = useState<Catalogue[]>([]);

  useEffect(() => {
    let db: CatalogueDatabase | null = null;
    let closed = false;
    openCatalogueDb().then(
      async (opened) => {
        if (closed) return opened.close();
        db = opened;
        setCatalogues(await listCatalogues(opened));
        setState({ status: 'ready', db: opened });
      },
      (error: unknown) => setState({ status: 'failed', error: String(error) }),
    );
    return () => {
      closed = true;
      db?.close();
    };
  }, []);

  const db = state.status === 'ready' ? state.db : null;
  const reload = useCallback(() => {
    if (db) void listCatalogues(db).then(setCatalogues);
  }, [db]);

  return (
    <main data-testid="options" data-status={state.status}>
      <header>
        <h1>{t('optionsTitle')}</h1>
        <p class="hint">{t('optionsIntro')}</p>
      </header>
      {state.status === 'loading' ? null : state.status === 'failed' ? (
        <p class="error" role="alert">
          {t('optionsStoreFailed', state.error)}
        </p>
      ) : (
        <>
          <ImportPanel db={state.db} onImported={reload} />
          <CatalogueList db={state.db} catalogues={catalogues} onChanged={reload} />
          <CatalogueSearch db={state.db} catalogues={catalogues} />
          <CaptureSettings />
          <IntakeSettings />
        </>
      )}
    </main>
  );
}
