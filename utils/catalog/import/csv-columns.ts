/**
 * Which CSV column holds which part of a catalogue entry, guessed from the header by name and
 * shown to the user in the options page's mapping step, where any guess can be overridden.
 *
 * Headers are compared as keys: NFKC, lower case, letters and digits only, so "Book Title",
 * "book_title" and "BOOK-TITLE" are one name, and "Contributor(s)" is "contributors". Names are
 * exact synonyms, never substrings ("Series Title" is not a title), except for ISBNs: every
 * header containing "ISBN" holds ISBNs ("Print ISBN", "isbn13_derived", "ISBN编号").
 */
import { englishOf, issueText, type IssueText } from './issue-text';

export const columnFields = [
  'title',
  'subtitle',
  'otherTitle',
  'isbn',
  'authors',
  'editors',
  'translators',
  'edition',
  'publisher',
  'imprint',
  'year',
  'coverUrl',
  'recordType',
] as const;
export type ColumnField = (typeof columnFields)[number];

/** What one column holds. A title in another language carries its BCP 47 tag ("und" if unknown). */
export type ColumnTarget = { field: Exclude<ColumnField, 'otherTitle'> } | { field: 'otherTitle'; language: string };

/** One target per header, in the file's column order; null for a column the import ignores. */
export type ColumnMapping = Array<ColumnTarget | null>;

const synonyms: Record<Exclude<ColumnField, 'otherTitle' | 'isbn'>, string[]> = {
  title: ['title', 'booktitle', 'titleproper', 'maintitle', 'fulltitle', 'titel', 'titre', 'titulo', 'título',
    '书名', '题名', '正题名', '图书名称', '书籍名称', '图书名', '标题'],
  subtitle: ['subtitle', 'booksubtitle', 'untertitel', 'soustitre', 'subtitulo', 'subtítulo', '副书名', '副标题', '副题名'],
  authors: ['author', 'authors', 'authorname', 'authornames', 'authorship', 'creator', 'creators', 'contributor',
    'contributors', 'writer', 'writers', 'by', 'autor', 'autores', 'auteur', 'auteurs', 'autore', 'autori',
    'verfasser', '作者', '作者名', '著者', '作者姓名', '责任者', '编著者', '著作者'],
  // Not 编辑: in Chinese book data it is the publisher's desk editor (责任编辑), not the book's.
  editors: ['editor', 'editors', 'editedby', 'volumeeditor', 'volumeeditors', 'herausgeber', 'hrsg',
    '编者', '主编', '编著'],
  translators: ['translator', 'translators', 'translatedby', 'übersetzer', 'traducteur', 'traductor',
    '译者', '翻译', '译者姓名', 'yizhe'],
  edition: ['edition', 'editionstatement', 'editionnumber', 'ed', 'auflage', 'édition', 'edicion', 'edición',
    '版次', '版本'],
  publisher: ['publisher', 'publishers', 'publishername', 'publishinghouse', 'publishpress', 'press', 'verlag',
    'éditeur', 'editeur', 'editorial', 'editora', '出版社', '出版者', '出版单位', '出版商', '出版机构'],
  imprint: ['imprint', 'imprintname', 'imprints', 'brand', '出品方', '出品'],
  year: ['year', 'pubyear', 'publicationyear', 'yearofpublication', 'yearpublished', 'publishedyear',
    'copyrightyear', 'originalpublicationyear', 'publicationdate', 'pubdate', 'datepublished', 'publishdate',
    'publishtime', 'publisheddate', 'erscheinungsjahr', 'jahr', 'année', 'año', 'ano',
    '出版年', '出版年份', '出版时间', '出版日期', '年份', '年'],
  coverUrl: ['cover', 'coverurl', 'coverimage', 'coverimageurl', 'coverlink', 'imageurl', 'image', 'imagelink',
    'img', 'imgurl', 'picture', 'pictureurl', '封面', '封面图', '封面链接', '图片', '图片链接'],
  // What a row describes: DOAB lists chapters with their book's ISBN, and those are left out.
  recordType: ['type', 'recordtype', 'itemtype', 'publicationtype', 'documenttype', 'doctype', '类型', '文献类型'],
};

const isbnNames = new Set(['ean', 'ean13', 'gtin', 'gtin13', '书号', '国际标准书号', '条码', '条形码']);

/** Language words in other-title headers ("Chinese Title", "中文书名", "Title (zh)"). */
const languages: Record<string, string> = {
  chinese: 'zh', zh: 'zh', cn: 'zh', zhcn: 'zh-Hans', zhhans: 'zh-Hans', zhhant: 'zh-Hant', zhtw: 'zh-Hant',
  中文: 'zh', 汉语: 'zh', 简体: 'zh-Hans', 繁体: 'zh-Hant',
  english: 'en', en: 'en', 英文: 'en', 英语: 'en',
  japanese: 'ja', ja: 'ja', 日文: 'ja', korean: 'ko', ko: 'ko', french: 'fr', fr: 'fr', german: 'de', de: 'de',
  spanish: 'es', es: 'es', italian: 'it', it: 'it', portuguese: 'pt', pt: 'pt', russian: 'ru', ru: 'ru',
  original: 'und', orig: 'und', alternative: 'und', alternate: 'und', alt: 'und', other: 'und',
  translated: 'und', parallel: 'und', 原: 'und', 原作: 'und', 原版: 'und', 原文: 'und', 并列: 'und', 外文: 'und',
};
const titleWords = ['booktitle', 'title', '书名', '题名', '名'];

export function headerKey(header: string): string {
  return header.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

export function guessColumn(header: string): ColumnTarget | null {
  const key = headerKey(header);
  if (key === '') return null;
  if (key.includes('isbn') || isbnNames.has(key)) return { field: 'isbn' };
  for (const [field, names] of Object.entries(synonyms)) {
    if (names.includes(key)) return { field } as ColumnTarget;
  }
  const language = otherTitleLanguage(key);
  return language ? { field: 'otherTitle', language } : null;
}

/**
 * A guess for every header. With no plain title column, a title in another language stands in
 * (the English one first: Colophon's users protect mostly English-language books).
 */
export function guessMapping(headers: readonly string[]): ColumnMapping {
  const mapping = headers.map(guessColumn);
  if (!mapping.some((target) => target?.field === 'title')) {
    const english = mapping.findIndex((target) => target?.field === 'otherTitle' && target.language === 'en');
    const stand = english !== -1 ? english : mapping.findIndex((target) => target?.field === 'otherTitle');
    if (stand !== -1) mapping[stand] = { field: 'title' };
  }
  return mapping;
}

/** How issues name a column: its header as written, or its number when the header cell is empty. */
export function columnName(headers: readonly string[], index: number): string {
  return englishOf(columnPlace(headers, index));
}

/** As columnName, with the number of an unnamed column as a text for the user's language. */
export function columnPlace(headers: readonly string[], index: number): string | IssueText {
  const header = headers[index]?.trim();
  return header ? header : issueText('column', index + 1);
}

function otherTitleLanguage(key: string): string | null {
  if (key === '原作名' || key === '原书名' || key === '原名' || key === '译名') return 'und';
  for (const word of titleWords) {
    if (key.endsWith(word) && key.length > word.length) {
      const language = languageOf(key.slice(0, -word.length));
      if (language) return language;
    }
    // "Title (zh-Hant)", "title_en": the language after the word.
    if (word !== '名' && key.startsWith(word) && key.length > word.length) {
      const language = languageOf(key.slice(word.length));
      if (language) return language;
    }
  }
  return null;
}

/** A named language, or a two-letter ISO 639-1 code that is not a common English word. */
function languageOf(word: string): string | null {
  return languages[word] ?? (/^[a-z]{2}$/.test(word) && !notLanguages.has(word) ? word : null);
}

const notLanguages = new Set(['ed', 'no', 'id', 'of', 'by', 'or', 'in', 'on', 'to', 'an', 'at', 'is', 'as', 'us']);
