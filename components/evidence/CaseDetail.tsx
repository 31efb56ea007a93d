/**
 * One case: the items in it now, each of which can be opened or taken out (a chained
 * 'case-removed' event; the history keeps that it was in), and the case's export as a bundle.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Case } from '@/utils/protocol/evidence';
import { caseItems, recordEvent, type ListedItem } from '@/utils/evidence/store';
import { t } from '@/utils/i18n';
import { useEvidencePage } from './context';
import { itemTitle } from './EvidenceRow';
import { failureText, localTime, marketplaceLabel, statusLabel, utcTime } from './format';
import { saveBundle } from './save-bundle';

interface Props {
  chosen: Case;
  onOpenItem(itemId: string): void;
}

export function CaseDetail({ chosen, onOpenItem }: Props) {
  const { db, by, exportBundle, revision, changed } = useEvidencePage();
  const [items, setItems] = useState<ListedItem[] | null>(null);
  const [message, setMessage] = useState<{ text: string; failed: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const running = useRef(false);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    let stale = false;
    caseItems(db, chosen.id).then(
      (found) => !stale && setItems(found),
      (failure: unknown) => !stale && setMessage({ text: failureText(failure), failed: true }),
    );
    return () => {
      stale = true;
    };
  }, [db, chosen.id, revision]);

  // A click while an action runs is ignored, rather than the buttons disabled, which would drop the focus.
  const act = async (work: () => Promise<string>) => {
    if (running.current) return;
    running.current = true;
    setBusy(true);
    setMessage(null);
    try {
      setMessage({ text: await work(), failed: false });
    } catch (failure) {
      setMessage({ text: failureText(failure), failed: true });
    } finally {
      running.current = false;
      setBusy(false);
      changed();
    }
  };

  const remove = (listed: ListedItem) =>
    act(async () => {
      await recordEvent(db, listed.item.id, { type: 'case-removed', caseId: chosen.id }, { by });
      // The row, and the button that had the focus, go: the case's heading takes it.
      heading.current?.focus();
      return t('evidenceCaseItemRemoved', itemTitle(listed), chosen.name);
    });

  const exportCase = () =>
    act(async () => {
      const saved = await saveBundle(exportBundle, db, { caseId: chosen.id }, { description: t('evidenceBundleFileType') });
      return saved === 'cancelled' ? t('evidenceExportCancelled') : saved === 'saved' ? t('evidenceExportSaved') : t('evidenceExportDownloaded');
    });

  return (
    <section class="case-detail" aria-labelledby="evidence-case-heading" data-testid="evidence-case" data-case-id={chosen.id} data-count={items?.length ?? ''}>
      <h3 id="evidence-case-heading" ref={heading} tabIndex={-1}>
        {chosen.name}
      </h3>
      {chosen.description ? <p class="case-description">{chosen.description}</p> : null}
      <p>
        <button type="button" class="primary" disabled={!items?.length} data-testid="evidence-export-case" onClick={() => void exportCase()}>
          {t('evidenceExportCase')}
        </button>
      </p>
      <p class={message?.failed ? 'error' : 'hint'} role="status" data-testid="evidence-case-outcome">
        {busy ? t('evidenceWorking') : (message?.text ?? '')}
      </p>
      {items === null ? null : items.length === 0 ? (
        <p class="empty" data-testid="evidence-case-empty">
          {t('evidenceCaseEmpty')}
        </p>
      ) : (
        <table class="evidence case-items">
          <thead>
            <tr>
              <th scope="col">{t('evidenceColumnTitle')}</th>
              <th scope="col">{t('evidenceColumnMarketplace')}</th>
              <th scope="col">{t('evidenceColumnShop')}</th>
              <th scope="col">{t('evidenceColumnCaptured')}</th>
              <th scope="col">{t('evidenceColumnStatus')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('evidenceColumnActions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((listed) => {
              const { item, state } = listed;
              const titleId = `evidence-case-item-${item.id}`;
              return (
                <tr key={item.id} data-testid="evidence-case-item" data-item-id={item.id}>
                  <th scope="row">
                    <button type="button" class="link" id={titleId} onClick={() => onOpenItem(item.id)}>
                      {itemTitle(listed)}
                    </button>
                  </th>
                  <td>{marketplaceLabel(item.metadata.marketplace)}</td>
                  <td>{item.metadata.listing.shop?.name ?? item.metadata.listing.shop?.id ?? '—'}</td>
                  <td>
                    <time dateTime={item.metadata.capturedAt} title={utcTime(item.metadata.capturedAt)}>
                      {localTime(item.metadata.capturedAt)}
                    </time>
                  </td>
                  <td>{statusLabel(state.status)}</td>
                  <td class="actions">
                    <button type="button" aria-describedby={titleId} data-testid="evidence-case-remove" onClick={() => void remove(listed)}>
                      {t('evidenceCaseRemove')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
