/**
 * Changing an item's note, tags and status. Nothing is overwritten: each save is a new event in
 * the chain (recordEvent), and the history shows every earlier value.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { evidenceStatuses, type EvidenceStatus, type ItemState } from '@/utils/protocol/evidence';
import { recordEvent, type ItemChange } from '@/utils/evidence/store';
import { t } from '@/utils/i18n';
import { useEvidencePage } from './context';
import { failureText, statusLabel } from './format';

/** Tags typed as a list: commas, Chinese commas or semicolons between them; each kept once. */
export function parseTags(text: string): string[] {
  return [...new Set(text.split(/[,，;；\n]/).map((tag) => tag.trim()).filter(Boolean))];
}

/**
 * Shows a stored value again in its field once it changes (a save here, a change in another
 * window), leaving the other fields' unsaved typing alone, and never overwriting what was typed
 * before the first effects ran.
 */
function useFollow<T>(stored: T, show: (value: T) => void): void {
  const shown = useRef(stored);
  useEffect(() => {
    if (Object.is(shown.current, stored)) return;
    shown.current = stored;
    show(stored);
  }, [stored]);
}

export function ItemEditor({ state }: { state: ItemState }) {
  const { db, by, changed } = useEvidencePage();
  const [note, setNote] = useState(state.note);
  const [tags, setTags] = useState(state.tags.join(', '));
  const [status, setStatus] = useState<EvidenceStatus>(state.status);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const saving = useRef(false);
  const noteField = useRef<HTMLTextAreaElement>(null);
  const tagsField = useRef<HTMLInputElement>(null);
  const statusField = useRef<HTMLSelectElement>(null);

  useFollow(state.note, setNote);
  useFollow(state.tags.join(', '), setTags);
  useFollow(state.status, setStatus);

  // The saved field gets the focus back: its button is disabled once saved, which would drop it.
  const save = async (change: ItemChange, field: { current: HTMLElement | null }) => {
    if (saving.current) return;
    saving.current = true;
    setError(null);
    try {
      await recordEvent(db, state.itemId, change, { by });
      if (change.type === 'status') setComment('');
      changed();
      field.current?.focus();
    } catch (failure) {
      setError(failureText(failure));
    } finally {
      saving.current = false;
    }
  };

  const parsedTags = parseTags(tags);
  const tagsChanged = parsedTags.join('\n') !== state.tags.join('\n');

  return (
    <fieldset class="editor" disabled={state.deleted !== null} data-testid="evidence-editor">
      <div class="field">
        <label for="evidence-note">{t('evidenceNoteLabel')}</label>
        <textarea id="evidence-note" ref={noteField} rows={3} value={note} data-testid="evidence-note" onInput={(event) => setNote(event.currentTarget.value)} />
        <div>
          <button type="button" disabled={note === state.note} data-testid="evidence-note-save" onClick={() => void save({ type: 'note', note }, noteField)}>
            {t('evidenceNoteSave')}
          </button>
        </div>
      </div>
      <div class="field">
        <label for="evidence-tags">{t('evidenceTagsLabel')}</label>
        <p class="hint" id="evidence-tags-hint">
          {t('evidenceTagsHint')}
        </p>
        <input id="evidence-tags" ref={tagsField} type="text" value={tags} aria-describedby="evidence-tags-hint" data-testid="evidence-tags-input" onInput={(event) => setTags(event.currentTarget.value)} />
        <div>
          <button type="button" disabled={!tagsChanged} data-testid="evidence-tags-save" onClick={() => void save({ type: 'tags', tags: parsedTags }, tagsField)}>
            {t('evidenceTagsSave')}
          </button>
        </div>
      </div>
      <div class="field">
        <label for="evidence-status">{t('evidenceStatusLabel')}</label>
        <div class="inline">
          <select id="evidence-status" ref={statusField} value={status} data-testid="evidence-status-select" onChange={(event) => setStatus(event.currentTarget.value as EvidenceStatus)}>
            {evidenceStatuses.map((one) => (
              <option key={one} value={one}>
                {statusLabel(one)}
              </option>
            ))}
          </select>
          <input
            type="text"
            value={comment}
            aria-label={t('evidenceStatusComment')}
            placeholder={t('evidenceStatusComment')}
            data-testid="evidence-status-comment"
            onInput={(event) => setComment(event.currentTarget.value)}
          />
          <button
            type="button"
            disabled={status === state.status}
            data-testid="evidence-status-save"
            onClick={() => void save(comment.trim() ? { type: 'status', status, comment: comment.trim() } : { type: 'status', status }, statusField)}
          >
            {t('evidenceStatusSave')}
          </button>
        </div>
      </div>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
