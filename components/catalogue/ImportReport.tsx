/**
 * What an import did. A file with errors is imported not at all (all or nothing), which
 * the report says first; the user may then choose to import the valid records and leave out the
 * rest. Focus moves here when it appears, so a screen reader hears the outcome.
 */
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { ImportSummary } from '@/utils/catalog/import/types';
import { t } from '@/utils/i18n';
import { formatNumber } from './format';
import { recordsInError, validRecords, type ImportOutcome } from './import-job';
import { IssueList } from './IssueList';

interface Props {
  outcome: ImportOutcome;
  /** The catalogue name the user gave, and the file's name. */
  name: string;
  fileName: string;
  onImportValid(): void;
}

const count = (summary: ImportSummary, severity: 'error' | 'warning') => summary.issues.filter((issue) => issue.severity === severity).length;

export function ImportReport({ outcome, name, fileName, onImportValid }: Props) {
  const box = useRef<HTMLElement>(null);
  useLayoutEffect(() => box.current?.focus(), [outcome]);

  return (
    <section ref={box} tabIndex={-1} class={`import-report ${outcome.kind}`} data-testid="import-report" data-outcome={outcome.kind} aria-labelledby="import-report-heading">
      <Outcome outcome={outcome} name={name} fileName={fileName} onImportValid={onImportValid} />
    </section>
  );
}

function Outcome({ outcome, name, fileName, onImportValid }: Props) {
  switch (outcome.kind) {
    case 'cancelled':
      return <h3 id="import-report-heading">{t('optionsReportCancelled')}</h3>;
    case 'failed':
      return (
        <>
          <h3 id="import-report-heading">{t('optionsReportFailed')}</h3>
          <p class="error">{outcome.message}</p>
        </>
      );
    case 'imported': {
      const { catalogue, summary } = outcome;
      const errors = count(summary, 'error');
      const warnings = count(summary, 'warning');
      return (
        <>
          <h3 id="import-report-heading">{t('optionsReportImported', catalogue.name)}</h3>
          <p data-testid="import-report-counts" data-entries={catalogue.entryCount} data-records={summary.records}>
            {t('optionsReportImportedCounts', formatNumber(catalogue.entryCount), formatNumber(summary.records))}
          </p>
          {outcome.skipped && errors > 0 ? <p data-testid="import-report-left-out">{t('optionsReportLeftOut', formatNumber(recordsInError(summary)))}</p> : null}
          {warnings > 0 ? <p>{t('optionsReportWarnings', formatNumber(warnings))}</p> : null}
          <IssueList issues={summary.issues} />
        </>
      );
    }
    case 'rejected': {
      const { summary } = outcome;
      const valid = validRecords(summary);
      return (
        <>
          <h3 id="import-report-heading" class="error">
            {t('optionsReportRejected', name)}
          </h3>
          <p data-testid="import-report-counts" data-errors={count(summary, 'error')} data-warnings={count(summary, 'warning')}>
            {t('optionsReportRejectedCounts', fileName, formatNumber(count(summary, 'error')), formatNumber(count(summary, 'warning')))}
          </p>
          <IssueList issues={summary.issues} />
          {valid ? (
            <button type="button" data-testid="import-valid" onClick={onImportValid}>
              {valid.counted
                ? t('optionsReportImportValid', formatNumber(valid.valid), formatNumber(valid.inError))
                : t('optionsReportImportValidUncounted')}
            </button>
          ) : null}
        </>
      );
    }
  }
}
