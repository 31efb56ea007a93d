/**
 * Choosing what to import: the file, the catalogue's name, and for a CSV file the mapping of its
 * columns. Nothing is read but the file's first bytes until the user starts the import.
 */
import { useRef, useState } from 'preact/hooks';
import type { ColumnMapping } from '@/utils/catalog/import/csv-columns';
import type { CatalogueFormat } from '@/utils/catalog/import/types';
import { t } from '@/utils/i18n';
import { catalogueFileTypes, catalogueNameOf, formatOf, readCsvHeader, type CsvHeader, type ImportRequest } from './import-job';
import { MappingTable } from './MappingTable';

interface Chosen {
  file: File;
  format: CatalogueFormat;
  /** CSV only: undefined while it is read, null when the file has no header to map. */
  header?: CsvHeader | null;
}

interface Props {
  disabled: boolean;
  /** Another file was chosen: what was said about the last one no longer applies. */
  onChoose(): void;
  onStart(request: ImportRequest): void;
}

export function ImportForm({ disabled, onChoose, onStart }: Props) {
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [name, setName] = useState('');
  const [mapping, setMapping] = useState<ColumnMapping>([]);
  const [readError, setReadError] = useState<string | null>(null);
  /** Once the user typed a name, choosing another file no longer replaces it. */
  const nameEdited = useRef(false);
  /** The file being read: a slower read of a file chosen before must not overwrite it. */
  const reading = useRef<File | null>(null);

  const choose = async (file: File | undefined) => {
    reading.current = file ?? null;
    onChoose();
    setChosen(null);
    setReadError(null);
    if (!file) return;
    if (!nameEdited.current) setName(catalogueNameOf(file.name));
    try {
      const format = await formatOf(file);
      if (reading.current !== file) return;
      setChosen({ file, format });
      if (format !== 'csv') return;
      const header = await readCsvHeader(file);
      if (reading.current !== file) return;
      setMapping(header?.guess ?? []);
      setChosen({ file, format, header });
    } catch (error) {
      if (reading.current === file) setReadError(error instanceof Error ? error.message : String(error));
    }
  };

  const csv = chosen?.format === 'csv';
  const header = chosen?.header;
  const mappingReady = !csv || header === null || (header !== undefined && mapping.some((target) => target?.field === 'title'));
  const ready = !!chosen && name.trim() !== '' && mappingReady && !disabled;

  const start = (event: Event) => {
    event.preventDefault();
    if (!ready || !chosen) return;
    onStart({ file: chosen.file, name: name.trim(), format: chosen.format, ...(csv && header && { mapping }) });
  };

  return (
    <form class="import-form" data-testid="import-form" onSubmit={start}>
      <fieldset disabled={disabled}>
        <div class="field">
          <label for="catalogue-file">{t('optionsImportFile')}</label>
          <input
            id="catalogue-file"
            type="file"
            accept={catalogueFileTypes}
            data-testid="catalogue-file-input"
            aria-describedby="catalogue-file-hint"
            onChange={(event) => void choose(event.currentTarget.files?.[0])}
          />
          <p id="catalogue-file-hint" class="hint">
            {t('optionsImportFileHint')}
          </p>
        </div>
        <div class="field">
          <label for="catalogue-name">{t('optionsImportName')}</label>
          <input
            id="catalogue-name"
            type="text"
            maxLength={200}
            required
            value={name}
            data-testid="catalogue-name-input"
            onInput={(event) => {
              nameEdited.current = true;
              setName(event.currentTarget.value);
            }}
          />
        </div>
        {readError ? (
          <p class="error" role="alert">
            {t('optionsImportReadFailed', readError)}
          </p>
        ) : null}
        {csv && header ? <MappingTable header={header} mapping={mapping} onChange={setMapping} disabled={disabled} /> : null}
        {csv && header === null ? <p class="hint">{t('optionsMappingNoHeader')}</p> : null}
        <button type="submit" class="primary" data-testid="import-start" disabled={!ready}>
          {csv && header ? t('optionsImportWithMapping') : t('optionsImportStart')}
        </button>
      </fieldset>
    </form>
  );
}
