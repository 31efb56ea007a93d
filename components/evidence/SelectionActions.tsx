/**
 * What can be done to the chosen items at once: put them in a case (an existing one or a new
 * one), give them a status, or export them as a bundle. Each change to an item is its own chained
 * event; items the change does not apply to (deleted, already in the case, already of that
 * status) are left as they are.
 */
import { useRef, useState } from 'preact/hooks';
import { evidenceStatuses, type Case, type EvidenceStatus } from '@/utils/protocol/evidence';
import { createCase, recordEvent, type ListedItem } from '@/utils/evidence/store';
import { t } from '@/utils/i18n';
import { useEvidencePage } from './context';
import { failureText, statusLabel } from './format';
import { saveBundle, type SaveOutcome } from './save-bundle';

interface Props {
  selected: readonly ListedItem[];
  cases: readonly Case[];
  onClear(): void;
}

const newCase = 'new';

export function SelectionActions({ selected, cases, onClear }: Props) {
  const { db, by, exportBundle, changed } = useEvidencePage();
  const [caseChoice, setCaseChoice] = useState('');
  const [caseName, setCaseName] = useState('');
  const [status, setStatus] = useState<EvidenceStatus>('reported');
  const [busy, setBusy] = useState(false);
  const running = useRef(false);
  const [outcome, setOutcome] = useState<{ text: string; failed: boolean } | null>(null);
  const caseId = caseChoice || cases[0]?.id || newCase;
  const live = selected.filter(({ state }) => state.deleted === null);

  // A click while an action runs is ignored, rather than the buttons disabled, which would drop the focus.
  const act = async (work: () => Promise<string>) => {
    if (running.current) return;
    running.current = true;
    setBusy(true);
    setOutcome(null);
    try {
      setOutcome({ text: await work(), failed: false });
    } catch (failure) {
      setOutcome({ text: failureText(failure), failed: true });
    } finally {
      running.current = false;
      setBusy(false);
      changed();
    }
  };

  const addToCase = () =>
    act(async () => {
      const target = caseId === newCase ? await createCase(db, { name: caseName }) : cases.find((one) => one.id === caseId);
      if (!target) throw new Error(t('evidenceCaseMissing'));
      if (caseId === newCase) setCaseName('');
      setCaseChoice(target.id);
      const adding = live.filter(({ state }) => !state.caseIds.includes(target.id));
      for (const { item } of adding) await recordEvent(db, item.id, { type: 'case-added', caseId: target.id }, { by });
      return t('evidenceAddedToCase', String(adding.length), target.name);
    });

  const changeStatus = () =>
    act(async () => {
      const changing = live.filter(({ state }) => state.status !== status);
      for (const { item } of changing) await recordEvent(db, item.id, { type: 'status', status }, { by });
      return t('evidenceStatusChanged', String(changing.length), statusLabel(status));
    });

  const exportSelection = () =>
    act(async () => {
      const saved: SaveOutcome = await saveBundle(exportBundle, db, { itemIds: selected.map(({ item }) => item.id) }, { description: t('evidenceBundleFileType') });
      return saved === 'cancelled' ? t('evidenceExportCancelled') : saved === 'saved' ? t('evidenceExportSaved') : t('evidenceExportDownloaded');
    });

  return (
    <div class="selection-actions" role="group" aria-label={t('evidenceSelectionActions')} data-testid="evidence-selection-actions" data-count={selected.length}>
      <p class="selection-count">
        <strong data-testid="evidence-selection-count">{t('evidenceSelectedCount', String(selected.length))}</strong>{' '}
        <button type="button" class="link" disabled={selected.length === 0} data-testid="evidence-selection-clear" onClick={onClear}>
          {t('evidenceSelectionClear')}
        </button>
      </p>
      <fieldset disabled={selected.length === 0} aria-busy={busy}>
        <div class="action">
          <label for="evidence-add-case">{t('evidenceAddToCaseLabel')}</label>
          <select id="evidence-add-case" value={caseId} data-testid="evidence-add-case" onChange={(event) => setCaseChoice(event.currentTarget.value)}>
            {cases.map((one) => (
              <option key={one.id} value={one.id}>
                {one.name}
              </option>
            ))}
            <option value={newCase}>{t('evidenceNewCaseOption')}</option>
          </select>
          {caseId === newCase ? (
            <input type="text" value={caseName} aria-label={t('evidenceCaseName')} placeholder={t('evidenceCaseName')} data-testid="evidence-add-case-name" onInput={(event) => setCaseName(event.currentTarget.value)} />
          ) : null}
          <button type="button" disabled={caseId === newCase && !caseName.trim()} data-testid="evidence-add-case-apply" onClick={() => void addToCase()}>
            {t('evidenceAddToCase')}
          </button>
        </div>
        <div class="action">
          <label for="evidence-set-status">{t('evidenceSetStatusLabel')}</label>
          <select id="evidence-set-status" value={status} data-testid="evidence-set-status" onChange={(event) => setStatus(event.currentTarget.value as EvidenceStatus)}>
            {evidenceStatuses.map((one) => (
              <option key={one} value={one}>
                {statusLabel(one)}
              </option>
            ))}
          </select>
          <button type="button" data-testid="evidence-set-status-apply" onClick={() => void changeStatus()}>
            {t('evidenceSetStatus')}
          </button>
        </div>
        <div class="action">
          <button type="button" class="primary" data-testid="evidence-export-selection" onClick={() => void exportSelection()}>
            {t('evidenceExportSelection')}
          </button>
        </div>
      </fieldset>
      <p class={outcome?.failed ? 'error' : 'hint'} role="status" data-testid="evidence-selection-outcome">
        {busy ? t('evidenceWorking') : (outcome?.text ?? '')}
      </p>
    </div>
  );
}
