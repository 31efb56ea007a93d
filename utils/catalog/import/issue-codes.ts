/**
 * Every import issue Colophon can report, by code, with its English text. The English here is the
 * issue's `message` (what the command line prints and tests read); the options page says the same
 * through `importIssue_<code>` in public/_locales, whose English must read exactly as here
 * (tests/unit/catalog/import-issue-codes.test.ts checks that, and that Chinese has every code).
 *
 * Each entry only puts its parameters in place: anything that chooses between wordings is a code
 * of its own, so that a translation can choose differently. Parameters are values from the file
 * (never translated), numbers, or nested texts such as an ISBN's fault. Codes are stable: a change
 * of meaning is a new code.
 */
export const issueEnglish = {
  // Pieces of other messages.
  quoted: (text: string) => `“${text}”`,
  column: (number: number) => `column ${number}`,
  /** What another module said in English and Colophon does not recognise: shown as it is. */
  untranslated: (text: string) => `${text}`,

  fileEmpty: () => 'the file is empty',

  // CSV: the file as a whole (encoding.ts, csv.ts, csv-log.ts).
  csvNotTextXlsx: () => 'this is not a CSV text file: it looks like an Excel workbook (.xlsx) or another ZIP archive: save it as "CSV UTF-8" first',
  csvNotTextXls: () => 'this is not a CSV text file: it looks like an old Excel workbook (.xls): save it as "CSV UTF-8" first',
  csvNotTextPdf: () => 'this is not a CSV text file: it looks like a PDF document, not a spreadsheet export',
  csvNotTextGzip: () => 'this is not a CSV text file: it looks like a gzip archive: unpack it first',
  csvNotTextBinary: () => 'this is not a CSV text file: it holds control characters and NUL bytes that text never has',
  csvHeaderOnly: () => 'the file has a header but no rows of books',
  csvMappingMismatch: (mapped: number, found: number) => `the column mapping has ${mapped} columns and this file ${found}: it was made for another file`,
  csvNoTitleColumn: (columns: string) => `no column holds titles: ${columns}`,
  csvColumnsUnused: (columns: string) => `columns not used: ${columns}`,
  csvHeaderMalformed: (problem: string) => `the header row is malformed: ${problem}`,
  csvMoreNotListed: (count: string, errors: string, warnings: string) =>
    `${count} more issues are not listed (${errors} errors, ${warnings} warnings): is this the right file?`,

  // CSV records that cannot be split into cells (csv-parse.ts).
  csvQuoteNotClosedWithin: (limit: string) => `a quoted field opens on this line and does not close within ${limit} characters: is a quote missing?`,
  csvRecordTooLong: (limit: string) => `this record is longer than ${limit} characters`,
  csvQuoteNeverCloses: (column: number) => `a quoted field in column ${column} opens on this line and never closes: is a quote missing?`,
  csvTextAfterQuote: (column: number) => `column ${column} has text after its closing quote: is a quote doubled ("") where it should be, or missing?`,

  // CSV rows (csv-entry.ts, csv-log.ts).
  csvRowTooManyCells: (cells: number, headerCells: number) =>
    `the row has ${cells} cells where the header has ${headerCells}: is a delimiter inside an unquoted cell, or a quote missing?`,
  csvPartOfBook: (recordType: string) => `a ${recordType}, not a book: left out`,
  csvBadBytes: () => 'holds bytes that are not valid in the file’s encoding (shown as �): was the file saved as UTF-8?',
  csvIsbnScientific: (isbn: string) =>
    `ISBN ${isbn} is in scientific notation: a spreadsheet rounded it and its last digits are lost, so it is ignored (keep ISBNs in a text column)`,
  csvIsbnPadded: (isbn: string, padded: string) => `ISBN ${isbn} lost its leading zeros (it was stored as a number): read as ${padded}, whose checksum passes`,
  csvNameTooLong: (limit: number) => `a name of over ${limit} characters is left out`,
  csvNoTitle: () => 'the row has no title',
  csvTitleTooLong: (limit: number) => `the title is longer than ${limit} characters: are the columns shifted?`,
  csvTextTooLong: (limit: number) => `longer than ${limit} characters: cut`,
  csvTooManyIsbns: (count: number) => `${count} ISBNs: only the first 50 are kept`,
  csvTooManyPeople: (count: number) => `${count} people: only the first 100 are kept`,
  csvNotAnEntry: (problems: string) => `the row could not become a catalogue entry: ${problems}`,
  csvSchemaProblem: (path: string, problem: string) => `${path} ${problem}`,
  csvYearZero: () => 'year 0 (the file’s way of saying “unknown”): left empty',
  csvYearOutOfRange: (year: string) => `year ${year} is not between 1400 and 2200: left empty`,
  csvYearUnreadable: (text: string) => `“${text}” is not a year: left empty`,
  csvCoverInvalid: (text: string) => `“${text}” is not an http(s) address: no cover`,
  csvDuplicateRow: (isbn: string, line: string) => `ISBN ${isbn} is already on line ${line}: this row is left out as a duplicate`,
  csvDuplicateIsbn: (isbn: string, line: string) => `ISBN ${isbn} is already on line ${line}: it stays with that row and is left out of this one`,

  // Invalid ISBNs, and why (the reasons of utils/catalog/isbn.ts and csv-cells.ts, each completing "ISBN <cell> …").
  isbnInvalid: (isbn: string, reason: string) => `ISBN ${isbn} ${reason}`,
  isbnInvalidLeftOut: (isbn: string, reason: string) => `ISBN ${isbn} ${reason} (left out)`,
  isbnEmpty: () => 'is empty',
  isbnScientific: (cell: string) => `is in scientific notation (${cell}): its last digits are lost`,
  isbnNoDigits: () => 'has no digits',
  isbnStrayCharacter: (character: string) => `contains "${character}", which is not part of an ISBN`,
  isbnMisplacedX: () => 'has an X where only an ISBN-10 can have one, as its last character',
  isbnNotBookland: () => 'does not start with 978 or 979, as every ISBN-13 does',
  isbnChecksum: () => 'fails its checksum',
  isbnLength: (digits: number) => `has ${digits} digits, an ISBN has 10 or 13`,
  isbnLengthZerosDropped: (digits: number, padded: string) =>
    `has ${digits} digits, an ISBN has 10 or 13 (a spreadsheet may have dropped its leading zeros: ${padded})`,
  isbnLengthSeveral: (digits: number) => `has ${digits} digits, an ISBN has 10 or 13 (several ISBNs in one cell?)`,
  isbnPaddedChecksum: (digits: number, padded: string) =>
    `has ${digits} digits, and fails its checksum even with the leading zeros a spreadsheet drops put back (${padded})`,

  // Colophon's JSON catalogue file (json.ts).
  jsonNotUtf8: () => 'the file is not UTF-8 text',
  jsonUnreadable: (reason: string) => `the file cannot be read: ${reason}`,
  jsonTooLarge: (megabytes: number) => `the file is larger than ${megabytes} MB`,
  /** `reason` is the JavaScript engine's own message, which only the engine could translate. */
  jsonInvalid: (reason: string) => `not valid JSON: ${reason}`,
  jsonNotColophon: () => 'not a Colophon catalogue file: it has no "format": "colophon-catalogue"',
  jsonVersion: (version: string) => `this catalogue file is version ${version}; this Colophon reads version 1: update Colophon`,
  jsonNoEntries: () => 'the file has no "entries" list',

  // A value that does not fit the catalogue entry's schema: zod's English messages (issue-reasons.ts).
  schemaInvalidType: (expected: string, received: string) => `Invalid input: expected ${expected}, received ${received}`,
  schemaInvalidValue: (expected: string) => `Invalid input: expected ${expected}`,
  schemaInvalidOption: (options: string) => `Invalid option: expected one of ${options}`,
  schemaStringTooLong: (bound: string) => `Too big: expected string to have ${bound} characters`,
  schemaTooManyItems: (bound: string) => `Too big: expected array to have ${bound} items`,
  schemaTooBig: (type: string, bound: string) => `Too big: expected ${type} to be ${bound}`,
  schemaStringTooShort: (bound: string) => `Too small: expected string to have ${bound} characters`,
  schemaTooFewItems: (bound: string) => `Too small: expected array to have ${bound} items`,
  schemaTooSmall: (type: string, bound: string) => `Too small: expected ${type} to be ${bound}`,
  schemaPattern: (pattern: string) => `Invalid string: must match pattern ${pattern}`,
  schemaUrl: () => 'Invalid URL',

  // XML: encoding (xml-decode.ts) and well-formedness (xml-stream.ts, xml-markup.ts, xml-entities.ts).
  xmlNotValidUtf8: () =>
    'the file is not valid UTF-8 here (saved as windows-1252, ISO-8859-1 or GBK?): save it as UTF-8 or name its encoding in the XML declaration',
  xmlNotValidEncoding: (encoding: string) => `the file is not valid ${encoding} here`,
  xmlUtf16WithoutBom: (label: string) => `the XML declaration says "${label}", but the file has no byte-order mark and is written in a single-byte encoding`,
  xmlUnknownEncoding: (label: string) => `the XML declaration names an encoding Colophon does not know: "${label}"`,
  xmlNoRoot: () => 'the file has no root element',
  xmlTruncated: (name: string) => `the file ends inside <${name}> (truncated XML)`,
  xmlTruncatedTag: (excerpt: string) => `the file ends inside a tag: ${excerpt} (truncated XML)`,
  xmlMarkupNeverEnds: () => 'a tag, comment or CDATA section that never ends',
  xmlCdataOutsideRoot: () => 'a CDATA section outside the root element',
  xmlDoctypeAfterRoot: () => 'a DOCTYPE after the root element has started',
  xmlMalformedStartTag: (excerpt: string) => `malformed start tag ${excerpt}`,
  xmlSecondRoot: (name: string) => `a second root element <${name}>: content after the end of the document`,
  xmlDuplicateAttribute: (name: string, attribute: string) => `<${name}> has the attribute ${attribute} twice`,
  xmlClosesNothing: (name: string) => `</${name}> closes nothing`,
  xmlMismatchedTags: (name: string, expected: string, line: number) =>
    `</${name}> where </${expected}> was expected (mismatched tags: <${expected}> opened on line ${line})`,
  xmlTextAfterRoot: () => 'text after the end of the root element',
  xmlTextBeforeRoot: () => 'text before the first tag: this is not an XML file',
  xmlStrayLessThan: (excerpt: string) => `a "<" that does not start a tag: ${excerpt} (write &lt; for a literal "<")`,
  xmlLessThanInTag: (excerpt: string) => `a "<" inside a tag: ${excerpt}`,
  xmlUnexpectedMarkup: (excerpt: string) => `unexpected markup ${excerpt}`,
  xmlStrayAmpersand: (excerpt: string) => `a "&" that starts no entity: ${excerpt} (write &amp; for a literal "&")`,
  xmlUnknownEntity: (reference: string) => `unknown entity ${reference}`,
  xmlForbiddenCharacter: (reference: string) => `${reference} is not a character XML allows`,

  // ONIX (onix-tree.ts, onix.ts, onix-product.ts).
  onixWrongRoot: (name: string) => `not an ONIX 3.0 file: the root element is <${name}>, not <ONIXMessage>`,
  onixOldRelease: (release: string) => `this is ONIX release ${release}, not 3.0: ask for an ONIX 3.0 export`,
  onixNoRelease: (name: string) => `not an ONIX 3.0 file: <${name}> has neither release="3.0" nor the ONIX 3.0 namespace (ONIX 2.1?)`,
  onixHtmlEntity: (name: string, value: string) =>
    `&${name}; is an HTML entity, which XML does not define: read as "${value}", as are the file's other HTML 4 entities`,
  onixRecordAgain: (id: string, line: number) => `the record ${id} comes again (first on line ${line}): this later one replaces it`,
  onixNoProduct: () => 'the file holds no <Product>',
  onixTruncatedProduct: (tag: string, lastLine: number) => `the file ends inside <${tag}> (truncated XML; the last line is ${lastLine})`,
  onixMoreNotListed: (count: number, errors: number, warnings: number, limit: number) =>
    `… and ${count} more (${errors} errors, ${warnings} warnings) not listed: past ${limit}, this is most likely the wrong file`,
  onixDeletion: () => 'a deletion notice (NotificationType 05): skipped',
  onixDeletionNamed: (reference: string) => `a deletion notice (NotificationType 05) (RecordReference ${reference}): skipped`,
  onixBlockUpdate: () => 'a block update (NotificationType 04) without its DescriptiveDetail: skipped, import the full record',
  onixBlockUpdateNamed: (reference: string) =>
    `a block update (NotificationType 04) without its DescriptiveDetail (RecordReference ${reference}): skipped, import the full record`,
  onixNoTitle: () => 'the product has no title (a TitleDetail with TitleType 01 and a TitleText or TitleWithoutPrefix)',
  onixNoTitleNamed: (reference: string) =>
    `the product has no title (a TitleDetail with TitleType 01 and a TitleText or TitleWithoutPrefix) (RecordReference ${reference})`,
  onixNoRecordReference: () => 'the product has no RecordReference and no ISBN to know it by',
  /** Without an ISBN a product is known by its RecordReference, so the warning always names it. */
  onixNoIsbn: (reference: string) => `no ISBN (RecordReference ${reference}): imported, matched by title and author only`,
  onixIdentifierWithoutValue: (type: string) => `a ProductIdentifier of type ${type} without an IDValue`,
  onixSchemaProblem: (path: string, problem: string) => `${path}: ${problem}`,
};

export type ImportIssueCode = keyof typeof issueEnglish;

export const importIssueCodes = Object.keys(issueEnglish) as ImportIssueCode[];
