/**
 * Importing a catalogue file: choose and map it (ImportForm), watch it import (ImportProgress),
 * read what happened (ImportReport). The import belongs to this panel: leaving the page cancels it,
 * and the store then keeps nothing of it (utils/catalog/store.ts).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Catalogue } from '@/utils/catalog/schema';
import type { CatalogueDatabase } from '@/utils/catalog/store';
import { t } from '@/utils/i18n';
import { runImport, type ImportOutcome, type ImportProgress as Progress, type ImportRequest } from './import-job';
import { ImportForm } from './ImportForm';
import { ImportProgress } from './ImportProgress';
import { ImportReport } from './ImportReport';

interface Props {
  db: CatalogueDatabase;
  onImported(catalogue: Catalogue): void;
}

interface Running {
  request: ImportRequest;
  progress: Progress;
}

export function ImportPanel({ db, onImported }: Props) {
  /** A new form (file chooser emptied) after each import that stored a catalogue. */
  const [formKey, setFormKey] = useState(0);
  const [running, setRunning] = useState<Running | null>(null);
  const [report, setReport] = useState<{ request: ImportRequest; outcome: ImportOutcome } | null>(null);
  const controller = useRef<AbortController | null>(null);

  useEffect(() => () => controller.current?.abort(), []);

  useEffect(() => {
    if (!running) return;
    // Closing the page ends the import: ask first.
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    addEventListener('beforeunload', warn);
    return () => removeEventListener('beforeunload', warn);
  }, [!!running]);

  const start = async (request: ImportRequest) => {
    const abort = (controller.current = new AbortController());
    setReport(null);
    setRunning({ request, progress: { bytesRead: 0, entries: 0 } });
    const outcome = await runImport(db, request, (progress) => setRunning((now) => now && { ...now, progress }), abort.signal);
    if (controller.current !== abort) return;
    controller.current = null;
    setRunning(null);
    setReport({ request, outcome });
    if (outcome.kind === 'imported') {
      setFormKey((key) => key + 1);
      onImported(outcome.catalogue);
    }
  };

  return (
    <section class="panel" aria-labelledby="import-heading">
      <h2 id="import-heading">{t('optionsImportHeading')}</h2>
      <ImportForm key={formKey} disabled={running !== null} onChoose={() => setReport(null)} onStart={(request) => void start(request)} />
      {running ? (
        <ImportProgress
          fileName={running.request.file.name}
          size={running.request.file.size}
          progress={running.progress}
          onCancel={() => controller.current?.abort()}
        />
      ) : null}
      {report ? (
        <ImportReport
          outcome={report.outcome}
          name={report.request.name}
          fileName={report.request.file.name}
          onImportValid={() => void start({ ...report.request, skipInvalidRecords: true })}
        />
      ) : null}
    </section>
  );
}
