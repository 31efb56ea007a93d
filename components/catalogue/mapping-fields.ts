/**
 * The choices of the CSV mapping step: what a column can hold, as the value of a <select>. A
 * title in another language carries its language, so each language is a choice of its own.
 */
import type { ColumnField, ColumnTarget } from '@/utils/catalog/import/csv-columns';
import { t, type MessageKey } from '@/utils/i18n';
import { languageName } from './format';

export const ignoreValue = 'ignore';

/** Other-title languages always offered (and whichever one the guess found, if another). */
const offeredLanguages = ['und', 'zh', 'zh-Hans', 'zh-Hant', 'en', 'ja', 'ko', 'fr', 'de', 'es', 'it', 'pt', 'ru'];

const fieldLabels: Record<Exclude<ColumnField, 'otherTitle'>, MessageKey> = {
  title: 'optionsFieldTitle',
  subtitle: 'optionsFieldSubtitle',
  isbn: 'optionsFieldIsbn',
  authors: 'optionsFieldAuthors',
  editors: 'optionsFieldEditors',
  translators: 'optionsFieldTranslators',
  edition: 'optionsFieldEdition',
  publisher: 'optionsFieldPublisher',
  imprint: 'optionsFieldImprint',
  year: 'optionsFieldYear',
  coverUrl: 'optionsFieldCoverUrl',
  recordType: 'optionsFieldRecordType',
};

export function targetValue(target: ColumnTarget | null): string {
  if (!target) return ignoreValue;
  return target.field === 'otherTitle' ? `otherTitle:${target.language}` : target.field;
}

export function targetFromValue(value: string): ColumnTarget | null {
  if (value === ignoreValue) return null;
  if (value.startsWith('otherTitle:')) return { field: 'otherTitle', language: value.slice('otherTitle:'.length) };
  if (value in fieldLabels) return { field: value as keyof typeof fieldLabels };
  return null;
}

export interface TargetChoice {
  value: string;
  label: string;
}

function otherTitleLabel(language: string): string {
  return language === 'und' ? t('optionsFieldOtherTitleAny') : t('optionsFieldOtherTitle', languageName(language));
}

/** Every choice, in the order of the entry's fields; `extraLanguages` are those the guess found. */
export function targetChoices(extraLanguages: readonly string[]): TargetChoice[] {
  const languages = [...new Set([...offeredLanguages, ...extraLanguages])];
  const fields = Object.entries(fieldLabels).map(([field, key]) => ({ value: field, label: t(key) }));
  return [
    { value: ignoreValue, label: t('optionsFieldIgnore') },
    ...fields.slice(0, 2),
    ...languages.map((language) => ({ value: `otherTitle:${language}`, label: otherTitleLabel(language) })),
    ...fields.slice(2),
  ];
}
