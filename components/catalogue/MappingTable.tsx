/**
 * The CSV mapping step: every column of the file's header with what it holds, as guessed from its
 * name (utils/catalog/import/csv-columns.ts); the user overrides any guess before importing.
 */
import type { ColumnMapping } from '@/utils/catalog/import/csv-columns';
import { t } from '@/utils/i18n';
import type { CsvHeader } from './import-job';
import { targetChoices, targetFromValue, targetValue } from './mapping-fields';

const delimiterKeys = {
  ',': 'optionsDelimiterComma',
  ';': 'optionsDelimiterSemicolon',
  '\t': 'optionsDelimiterTab',
  '|': 'optionsDelimiterPipe',
} as const;

interface Props {
  header: CsvHeader;
  mapping: ColumnMapping;
  onChange(mapping: ColumnMapping): void;
  disabled: boolean;
}

export function MappingTable({ header, mapping, onChange, disabled }: Props) {
  const guessedLanguages = header.guess.flatMap((target) => (target?.field === 'otherTitle' ? [target.language] : []));
  const choices = targetChoices(guessedLanguages);
  const hasTitle = mapping.some((target) => target?.field === 'title');
  const choose = (index: number, value: string) => onChange(mapping.map((target, i) => (i === index ? targetFromValue(value) : target)));

  return (
    <section class="mapping" data-testid="column-mapping" aria-labelledby="mapping-heading">
      <h3 id="mapping-heading">{t('optionsMappingHeading')}</h3>
      <p class="hint" data-testid="csv-detected" data-encoding={header.encoding ?? ''} data-delimiter={header.delimiter}>
        {t('optionsMappingDetected', (header.encoding ?? '?').toUpperCase(), t(delimiterKeys[header.delimiter]))}
      </p>
      <table class="mapping-table">
        <thead>
          <tr>
            <th scope="col">{t('optionsMappingColumn')}</th>
            <th scope="col">{t('optionsMappingField')}</th>
          </tr>
        </thead>
        <tbody>
          {header.headers.map((name, index) => {
            const id = `mapping-${index}`;
            return (
              <tr key={index}>
                <th scope="row">
                  <label for={id}>{name || t('optionsMappingUnnamedColumn', String(index + 1))}</label>
                </th>
                <td>
                  <select
                    id={id}
                    data-testid="mapping-select"
                    data-column={index}
                    value={targetValue(mapping[index] ?? null)}
                    disabled={disabled}
                    onChange={(event) => choose(index, event.currentTarget.value)}
                  >
                    {choices.map((choice) => (
                      <option key={choice.value} value={choice.value}>
                        {choice.label}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {hasTitle ? null : (
        <p class="error" role="alert" data-testid="mapping-no-title">
          {t('optionsMappingNoTitle')}
        </p>
      )}
    </section>
  );
}
