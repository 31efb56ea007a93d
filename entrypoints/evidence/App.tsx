/**
 * The evidence page: the captured evidence listed, filtered and searched,
 * one item opened with its screenshots, metadata, digests and history, and items grouped into
 * cases and exported as bundles. It works on the evidence store directly: the store lives in the
 * extension's own IndexedDB, which this page shares with the background.
 *
 * The list stays mounted (hidden) while an item or the cases are shown, so going back finds the
 * filters, the search, the selection, the thumbnails and the scroll position as they were.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { CasesPanel } from '@/components/evidence/CasesPanel';
import { ChainCheck } from '@/components/evidence/ChainCheck';
import { EvidencePageContext, type EvidencePage } from '@/components/evidence/context';
import { noFilter, type FilterChoice } from '@/components/evidence/filters';
import { failureText } from '@/components/evidence/format';
import { ItemView } from '@/components/evidence/ItemView';
import { ListPanel } from '@/components/evidence/ListPanel';
import type { BundleExporter } from '@/components/evidence/save-bundle';
import { createViewWatcher, ThumbnailCache } from '@/components/evidence/thumbnails';
import { SyncStatus } from '@/components/SyncStatus';
import type { Case } from '@/utils/protocol/evidence';
import { artifactBlob, listCases, listItems, openEvidenceDatabase, type EvidenceDatabase, type ListedItem } from '@/utils/evidence/store';
import { t } from '@/utils/i18n';

interface Props {
  exportBundle: BundleExporter;
  /** Who makes the changes recorded here: the name set in the options page, once it keeps one. */
  by?: string;
}

type Opened = { status: 'loading' } | { status: 'ready'; db: EvidenceDatabase } | { status: 'failed'; error: string };
type Section = 'list' | 'cases';

export function App({ exportBundle, by = '' }: Props) {
  const [opened, setOpened] = useState<Opened>({ status: 'loading' });
  const [revision, setRevision] = useState(0);
  const [all, setAll] = useState<ListedItem[] | null>(null);
  const [cases, setCases] = useState<Case[]>([]);
  const [section, setSection] = useState<Section>('list');
  const [openItem, setOpenItem] = useState<string | null>(null);
  const [openCase, setOpenCase] = useState<string | null>(null);
  const [choice, setChoice] = useState<FilterChoice>(noFilter);
  const [query, setQuery] = useState('');
  const [selection, setSelection] = useState<Set<string>>(() => new Set());
  const returnTo = useRef<{ scrollY: number; focus: Element | null } | null>(null);

  useEffect(() => {
    let db: EvidenceDatabase | null = null;
    let closed = false;
    openEvidenceDatabase().then(
      (database) => {
        if (closed) return database.close();
        db = database;
        setOpened({ status: 'ready', db: database });
      },
      (error: unknown) => setOpened({ status: 'failed', error: failureText(error) }),
    );
    return () => {
      closed = true;
      db?.close();
    };
  }, []);

  const db = opened.status === 'ready' ? opened.db : null;
  const changed = useCallback(() => setRevision((value) => value + 1), []);

  // Captures made in other tabs while this page is open show when the user comes back to it.
  useEffect(() => {
    const onVisible = () => document.visibilityState === 'visible' && changed();
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [changed]);

  useEffect(() => {
    if (!db) return;
    let stale = false;
    Promise.all([listItems(db, { includeDeleted: true }), listCases(db)]).then(
      ([items, found]) => {
        if (stale) return;
        setAll(items);
        setCases(found);
      },
      (error: unknown) => !stale && setOpened({ status: 'failed', error: failureText(error) }),
    );
    return () => {
      stale = true;
    };
  }, [db, revision]);

  // Thumbnails live as long as the page: made once per screenshot, freed when it closes.
  const pictures = useMemo(
    () => (db ? { thumbnails: new ThumbnailCache({ readBlob: (id) => artifactBlob(db, id) }), views: typeof IntersectionObserver === 'function' ? createViewWatcher() : null } : null),
    [db],
  );
  useEffect(
    () => () => {
      pictures?.thumbnails.dispose();
      pictures?.views?.disconnect();
    },
    [pictures],
  );

  const page = useMemo<EvidencePage | null>(
    () => (db && pictures ? { db, by, exportBundle, thumbnails: pictures.thumbnails, views: pictures.views, revision, changed } : null),
    [db, by, exportBundle, pictures, revision, changed],
  );

  const open = useCallback((itemId: string) => {
    returnTo.current ??= { scrollY: window.scrollY, focus: document.activeElement };
    setOpenItem(itemId);
  }, []);

  const close = () => setOpenItem(null);

  // Back from an item: where the user was, with the focus on what opened it.
  useLayoutEffect(() => {
    if (openItem !== null || !returnTo.current) return;
    const { scrollY, focus } = returnTo.current;
    returnTo.current = null;
    if (focus instanceof HTMLElement && focus.isConnected) focus.focus({ preventScroll: true });
    window.scrollTo(0, scrollY);
  }, [openItem]);

  return (
    <main data-testid="evidence-page" data-status={opened.status}>
      <header class="page-header">
        <h1>{t('evidenceTitle')}</h1>
        <p class="hint">{t('evidenceIntro')}</p>
        {opened.status === 'ready' ? <SyncStatus parkedLink={false} /> : null}
      </header>
      {opened.status === 'loading' ? null : opened.status === 'failed' || !page ? (
        <p class="error" role="alert">
          {t('evidenceStoreFailed', opened.status === 'failed' ? opened.error : '')}
        </p>
      ) : (
        <EvidencePageContext.Provider value={page}>
          <nav class="sections" aria-label={t('evidenceSections')} hidden={openItem !== null}>
            <button type="button" aria-current={section === 'list' ? 'page' : undefined} data-testid="evidence-section-list" onClick={() => setSection('list')}>
              {t('evidenceListHeading')}
            </button>
            <button type="button" aria-current={section === 'cases' ? 'page' : undefined} data-testid="evidence-section-cases" onClick={() => setSection('cases')}>
              {t('evidenceCasesHeading')}
            </button>
            <ChainCheck onOpenItem={open} />
          </nav>
          <div hidden={openItem !== null || section !== 'list'}>
            <ListPanel
              all={all}
              cases={cases}
              choice={choice}
              onChoice={setChoice}
              query={query}
              onQuery={setQuery}
              selection={selection}
              onSelection={setSelection}
              onOpen={open}
            />
          </div>
          {section === 'cases' ? (
            <div hidden={openItem !== null}>
              <CasesPanel cases={cases} all={all ?? []} openCaseId={openCase} onOpenCase={setOpenCase} onOpenItem={open} />
            </div>
          ) : null}
          {openItem !== null ? <ItemView key={openItem} itemId={openItem} cases={cases} onClose={close} /> : null}
        </EvidencePageContext.Provider>
      )}
    </main>
  );
}
