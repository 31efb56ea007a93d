/** Cases (complaint batches): the list, a form for a new one, and the chosen case's items. */
import { useState } from 'preact/hooks';
import type { Case } from '@/utils/protocol/evidence';
import { createCase, type ListedItem } from '@/utils/evidence/store';
import { t } from '@/utils/i18n';
import { CaseDetail } from './CaseDetail';
import { useEvidencePage } from './context';
import { failureText, localTime } from './format';

interface Props {
  cases: readonly Case[];
  /** Every item, to count each case's. */
  all: readonly ListedItem[];
  openCaseId: string | null;
  onOpenCase(caseId: string | null): void;
  onOpenItem(itemId: string): void;
}

export function CasesPanel({ cases, all, openCaseId, onOpenCase, onOpenItem }: Props) {
  const { db, changed } = useEvidencePage();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const chosen = cases.find((one) => one.id === openCaseId) ?? null;
  const countOf = (caseId: string) => all.filter(({ state }) => state.deleted === null && state.caseIds.includes(caseId)).length;

  const create = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const created = await createCase(db, { name, description });
      setName('');
      setDescription('');
      changed();
      onOpenCase(created.id);
    } catch (failure) {
      setError(failureText(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="panel cases" aria-labelledby="evidence-cases-heading" data-testid="evidence-cases" data-count={cases.length}>
      <h2 id="evidence-cases-heading">{t('evidenceCasesHeading')}</h2>
      <p class="hint">{t('evidenceCasesIntro')}</p>
      {cases.length === 0 ? (
        <p class="empty" data-testid="evidence-cases-empty">
          {t('evidenceCasesEmpty')}
        </p>
      ) : (
        <ul class="case-list">
          {cases.map((one) => (
            <li key={one.id} data-testid="evidence-case-entry" data-case-id={one.id}>
              <button type="button" class="link" aria-current={one.id === openCaseId ? 'true' : undefined} data-testid="evidence-case-open" onClick={() => onOpenCase(one.id)}>
                {one.name}
              </button>{' '}
              <span class="hint">
                {t('evidenceCaseSummary', String(countOf(one.id)), localTime(one.createdAt))}
              </span>
            </li>
          ))}
        </ul>
      )}
      <form class="case-form" data-testid="evidence-case-form" onSubmit={(event) => void create(event)}>
        <h3>{t('evidenceCaseNew')}</h3>
        <div class="field">
          <label for="evidence-case-name">{t('evidenceCaseName')}</label>
          <input id="evidence-case-name" type="text" required maxLength={200} value={name} data-testid="evidence-case-name" onInput={(event) => setName(event.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="evidence-case-description">{t('evidenceCaseDescription')}</label>
          <textarea
            id="evidence-case-description"
            rows={2}
            maxLength={2000}
            value={description}
            data-testid="evidence-case-description"
            onInput={(event) => setDescription(event.currentTarget.value)}
          />
        </div>
        <button type="submit" class="primary" disabled={busy || !name.trim()} data-testid="evidence-case-create">
          {t('evidenceCaseCreate')}
        </button>
        {error ? (
          <p class="error" role="alert">
            {error}
          </p>
        ) : null}
      </form>
      {chosen ? <CaseDetail key={chosen.id} chosen={chosen} onOpenItem={onOpenItem} /> : null}
    </section>
  );
}
