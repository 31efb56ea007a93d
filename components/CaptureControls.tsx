/**
 * The popup's capture buttons: the popup is opened by a click on Colophon's toolbar button, which
 * grants activeTab, so its capture works on any marketplace tab. A note and tags can go with the capture.
 */
import { useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
import { sendToBackground, type CaptureResult } from '@/utils/messages';

function outcome(result: CaptureResult): string {
  if (result.ok) return t('captureStored', String(result.sequence));
  if (result.reason === 'not-a-listing') return t('popupCaptureNoListing');
  if (result.reason === 'wall') return t('popupCaptureWall');
  if (result.reason === 'busy') return t('captureBusy');
  return t('captureFailed', result.detail);
}

export function CaptureControls({ tabId }: { tabId: number }) {
  const [note, setNote] = useState('');
  const [tags, setTags] = useState('');
  const [state, setState] = useState<{ running: boolean; result: CaptureResult | null }>({ running: false, result: null });

  const capture = async (fullPage: boolean) => {
    setState({ running: true, result: null });
    const options = { fullPage, note: note.trim(), tags: [...new Set(tags.split(/[,，]/).map((tag) => tag.trim()).filter(Boolean))] };
    try {
      setState({ running: false, result: await sendToBackground({ type: 'popup:capture-tab', tabId, options }) });
    } catch (error) {
      setState({ running: false, result: { ok: false, reason: 'failed', detail: String(error).slice(0, 500) } });
    }
  };

  return (
    <section class="capture" aria-label={t('popupCaptureHeading')}>
      <h2>{t('popupCaptureHeading')}</h2>
      <label>
        {t('popupCaptureNote')}
        <textarea value={note} rows={2} maxLength={10_000} onInput={(event) => setNote(event.currentTarget.value)} />
      </label>
      <label>
        {t('popupCaptureTags')}
        <input value={tags} onInput={(event) => setTags(event.currentTarget.value)} />
      </label>
      <div class="buttons">
        <button type="button" data-testid="capture-full" disabled={state.running} onClick={() => void capture(true)}>
          {t('popupCaptureFull')}
        </button>
        <button type="button" data-testid="capture-visible" disabled={state.running} onClick={() => void capture(false)}>
          {t('popupCaptureVisible')}
        </button>
      </div>
      {state.running ? <p role="status">{t('captureStarting')}</p> : null}
      {state.result ? (
        <p role="status" data-testid="capture-result" class={state.result.ok ? 'stored' : 'error'}>
          {outcome(state.result)}
        </p>
      ) : null}
      <a href={browser.runtime.getURL('/evidence.html')} target="_blank" rel="noopener">
        {t('popupOpenEvidence')}
      </a>
    </section>
  );
}
