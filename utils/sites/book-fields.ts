/**
 * Book details from an item's parameter table: Taobao/Tmall list `ISBN编号`, `作者`, `出版社`;
 * AliExpress sellers fill in `ISBN`, `Author`, `Publisher` (names vary with the page's locale).
 */
import { cleanText, isbnDigits } from './normalise';

export interface BookFields {
  isbn: string | null;
  author: string | null;
  publisher: string | null;
}

const fieldNames: [RegExp, keyof BookFields][] = [
  [/^(isbn(编号|编码|号)?|书号|国际标准书号|isbn[- ]?1[03])$/i, 'isbn'],
  [/^(作者|著者|作\/译者|作者\/译者|编著|主编|author\(?s?\)?|autor|auteur|автор)$/i, 'author'],
  [/^(出版社|出版社名称|出版单位|publisher|editora|editorial|éditeur|издательство)$/i, 'publisher'],
];

/** Reads book fields from (name, value) pairs; the first pair for a field wins. */
export function bookFields(pairs: Iterable<readonly [unknown, unknown]>): BookFields {
  const fields: BookFields = { isbn: null, author: null, publisher: null };
  for (const [rawName, rawValue] of pairs) {
    const name = cleanText(rawName)?.replace(/[:：]$/, '').trim();
    if (!name) continue;
    for (const [pattern, field] of fieldNames) {
      if (!pattern.test(name) || fields[field] !== null) continue;
      fields[field] = field === 'isbn' ? isbnDigits(cleanText(rawValue)) : cleanText(rawValue);
    }
  }
  return fields;
}
