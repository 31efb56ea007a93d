/**
 * Deleting an item, which asks first and asks why: the screenshots and page are dropped for good,
 * while the item's record stays in the chain with the reason given (deleteItem's tombstone).
 */
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { deleteItem } from '@/utils/evidence/store';
import { t } from '@/utils/i18n';
import { useEvidencePage } from './context';
import { failureText } from './format';

export function DeleteItem({ itemId, title }: { itemId: string; title: string }) {
  const { db, by, changed } = useEvidencePage();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const reasonField = useRef<HTMLTextAreaElement>(null);
  const deleteButton = useRef<HTMLButtonElement>(null);

  useLayoutEffect(() => {
    if (asking) reasonField.current?.focus();
  }, [asking]);

  const cancel = () => {
    setAsking(false);
    setReason('');
    setError(null);
    deleteButton.current?.focus();
  };

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await deleteItem(db, itemId, { confirmed: true, reason: reason.trim(), by });
      setAsking(false);
      changed();
    } catch (failure) {
      setError(failureText(failure));
    } finally {
      setBusy(false);
    }
  };

  if (!asking) {
    return (
      <button type="button" class="danger" ref={deleteButton} data-testid="evidence-delete" onClick={() => setAsking(true)}>
        {t('evidenceDelete')}
      </button>
    );
  }
  return (
    <div
      class="confirm"
      role="alertdialog"
      aria-labelledby="evidence-delete-question"
      aria-describedby="evidence-delete-consequence"
      data-testid="evidence-delete-confirmation"
      onKeyDown={(event) => event.key === 'Escape' && cancel()}
    >
      <p id="evidence-delete-question">
        <strong>{t('evidenceDeleteQuestion', title)}</strong>
      </p>
      <p id="evidence-delete-consequence">{t('evidenceDeleteConsequence')}</p>
      <div class="field">
        <label for="evidence-delete-reason">{t('evidenceDeleteReason')}</label>
        <textarea id="evidence-delete-reason" ref={reasonField} rows={2} required value={reason} data-testid="evidence-delete-reason" onInput={(event) => setReason(event.currentTarget.value)} />
      </div>
      <button type="button" class="danger" disabled={busy || !reason.trim()} data-testid="evidence-delete-confirm" onClick={() => void confirm()}>
        {t('evidenceDeleteConfirm')}
      </button>{' '}
      <button type="button" disabled={busy} data-testid="evidence-delete-cancel" onClick={cancel}>
        {t('evidenceDeleteCancel')}
      </button>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
