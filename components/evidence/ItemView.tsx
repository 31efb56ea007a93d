/**
 * One evidence item: its screenshots, where it stands now (status, tags, note, cases) and the
 * changes to make, the metadata as captured, its digests, and its history.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Case } from '@/utils/protocol/evidence';
import { artifactId, itemHistory, type ItemHistory } from '@/utils/evidence/store';
import { t } from '@/utils/i18n';
import { useEvidencePage } from './context';
import { DeleteItem } from './DeleteItem';
import { itemTitle } from './EvidenceRow';
import { artifactKindLabel, failureText, localTime, statusLabel, utcTime } from './format';
import { HashList } from './HashList';
import { HistoryList } from './HistoryList';
import { ItemEditor } from './ItemEditor';
import { ItemSyncDetail } from './ItemSyncDetail';
import { MetadataList } from './MetadataList';
import { ScreenshotViewer } from './ScreenshotViewer';
import { ItemSyncStatus } from './ItemSyncStatus';

interface Props {
  itemId: string;
  cases: readonly Case[];
  onClose(): void;
}

type Loaded = { status: 'loading' } | { status: 'ready'; history: ItemHistory } | { status: 'missing' } | { status: 'failed'; error: string };

export function ItemView({ itemId, cases, onClose }: Props) {
  const { db, revision } = useEvidencePage();
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    let stale = false;
    itemHistory(db, itemId).then(
      (history) => !stale && setLoaded(history ? { status: 'ready', history } : { status: 'missing' }),
      (failure: unknown) => !stale && setLoaded({ status: 'failed', error: failureText(failure) }),
    );
    return () => {
      stale = true;
    };
  }, [db, itemId, revision]);

  const ready = loaded.status === 'ready';
  const deleted = ready && loaded.history.state.deleted !== null;
  // The view opens with the focus on its heading, so a screen reader says which item it is; a
  // deletion, whose question and buttons go, gives it back there too.
  useLayoutEffect(() => {
    if (ready) heading.current?.focus();
  }, [ready, itemId, deleted]);

  const back = (
    <button type="button" class="back" data-testid="evidence-back" onClick={onClose}>
      {t('evidenceBack')}
    </button>
  );
  if (loaded.status !== 'ready') {
    return (
      <section class="panel item-view" data-testid="evidence-item" data-status={loaded.status}>
        {back}
        {loaded.status === 'missing' ? <p class="error">{t('evidenceItemMissing')}</p> : null}
        {loaded.status === 'failed' ? (
          <p class="error" role="alert">
            {loaded.error}
          </p>
        ) : null}
      </section>
    );
  }

  const { item, events, state } = loaded.history;
  const title = itemTitle({ item, state });
  const screenshots = item.artifacts.flatMap((artifact, index) => (artifact.kind === 'page-html' ? [] : [{ artifact, index }]));
  const caseNames = state.caseIds.map((caseId) => cases.find((one) => one.id === caseId)?.name ?? caseId);

  return (
    <article
      class="panel item-view"
      data-testid="evidence-item"
      data-status="ready"
      data-item-id={item.id}
      data-deleted={String(state.deleted !== null)}
      aria-labelledby="evidence-item-heading"
      onKeyDown={(event) => {
        // Escape goes back, unless it is closing something inside (the deletion question) or leaving a field.
        const target = event.target as Element;
        if (event.key === 'Escape' && !target.closest('input, textarea, select, [role="alertdialog"]')) onClose();
      }}
    >
      {back}
      <header>
        <h2 id="evidence-item-heading" ref={heading} tabIndex={-1} data-testid="evidence-item-title">
          {title}
        </h2>
        <ItemSyncStatus itemId={item.id} />
      </header>
      {state.deleted ? (
        <p class="deleted-notice" role="note" data-testid="evidence-deleted-notice">
          {t('evidenceDeletedNotice', localTime(state.deleted.at), state.deleted.by || t('evidenceSomeone'), state.deleted.reason)}
        </p>
      ) : null}

      <section aria-labelledby="evidence-now-heading">
        <h3 id="evidence-now-heading">{t('evidenceNowHeading')}</h3>
        <dl class="state" data-testid="evidence-state">
          <dt>{t('evidenceColumnStatus')}</dt>
          <dd data-testid="evidence-state-status">{statusLabel(state.status)}</dd>
          <dt>{t('evidenceColumnTags')}</dt>
          <dd data-testid="evidence-state-tags">{state.tags.length > 0 ? state.tags.join(', ') : '—'}</dd>
          <dt>{t('evidenceNoteLabel')}</dt>
          <dd data-testid="evidence-state-note">{state.note || '—'}</dd>
          <dt>{t('evidenceStateCases')}</dt>
          <dd data-testid="evidence-state-cases">{caseNames.length > 0 ? caseNames.join(', ') : '—'}</dd>
          <dt>{t('evidenceStateUpdated')}</dt>
          <dd>
            <time dateTime={state.updatedAt} title={utcTime(state.updatedAt)}>
              {localTime(state.updatedAt)}
            </time>
          </dd>
        </dl>
        <ItemEditor state={state} />
        {state.deleted ? null : <DeleteItem itemId={item.id} title={title} />}
      </section>

      <ItemSyncDetail item={item} />

      <section aria-labelledby="evidence-screenshots-heading">
        <h3 id="evidence-screenshots-heading">{t('evidenceScreenshotsHeading')}</h3>
        {state.deleted ? (
          <p class="hint">{t('evidenceImageGone')}</p>
        ) : (
          screenshots.map(({ artifact, index }) => (
            <ScreenshotViewer key={index} artifactId={artifactId(item.id, index)} kind={artifact.kind} label={artifactKindLabel(artifact.kind)} />
          ))
        )}
      </section>

      <section aria-labelledby="evidence-metadata-heading">
        <h3 id="evidence-metadata-heading">{t('evidenceMetadataHeading')}</h3>
        <MetadataList metadata={item.metadata} />
      </section>

      <section aria-labelledby="evidence-hashes-heading">
        <h3 id="evidence-hashes-heading">{t('evidenceHashesHeading')}</h3>
        <HashList item={item} />
      </section>

      <section aria-labelledby="evidence-history-heading">
        <h3 id="evidence-history-heading">{t('evidenceHistoryHeading')}</h3>
        <HistoryList item={item} events={events} cases={cases} />
      </section>
    </article>
  );
}
