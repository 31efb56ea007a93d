/**
 * Texts that reach the importers as English strings, from modules whose results keep that shape:
 * an ISBN's fault (utils/catalog/isbn.ts, csv-cells.ts), a zod message about a catalogue entry,
 * a CSV record's fault (csv-parse.ts). Each is recognised by its English (issue-text.ts,
 * textFromEnglish) so that the options page can say it in the user's language; one that is not
 * recognised is kept as it is ("untranslated"), in English in every language.
 */
import type { ImportIssueCode } from './issue-codes';
import { textFromEnglish, type IssueText } from './issue-text';

const isbnReasons: readonly ImportIssueCode[] = [
  'isbnChecksum',
  'isbnLengthZerosDropped',
  'isbnLengthSeveral',
  'isbnLength',
  'isbnPaddedChecksum',
  'isbnStrayCharacter',
  'isbnMisplacedX',
  'isbnNotBookland',
  'isbnScientific',
  'isbnNoDigits',
  'isbnEmpty',
];

/** zod 4's English messages for what CatalogueEntry checks, most specific first. */
const schemaProblems: readonly ImportIssueCode[] = [
  'schemaInvalidType',
  'schemaInvalidValue',
  'schemaInvalidOption',
  'schemaStringTooLong',
  'schemaTooManyItems',
  'schemaTooBig',
  'schemaStringTooShort',
  'schemaTooFewItems',
  'schemaTooSmall',
  'schemaPattern',
  'schemaUrl',
  // Isbn13's own refinement (utils/catalog/schema.ts).
  'isbnChecksum',
];

const csvRecordFaults: readonly ImportIssueCode[] = ['csvQuoteNotClosedWithin', 'csvRecordTooLong', 'csvQuoteNeverCloses', 'csvTextAfterQuote'];

const recognise = (english: string, codes: readonly ImportIssueCode[]): IssueText =>
  textFromEnglish(english, codes) ?? { code: 'untranslated', params: [english] };

/** Why an ISBN is invalid: completes "ISBN <cell> …". */
export const isbnReasonText = (reason: string) => recognise(reason, isbnReasons);

/** A zod issue's message about a catalogue entry's field. */
export const schemaProblemText = (message: string) => recognise(message, schemaProblems);

/** Why a CSV record could not be split into cells (CsvRecord's `error`). */
export const csvRecordErrorText = (error: string) => recognise(error, csvRecordFaults);
