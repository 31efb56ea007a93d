/** The real Chinese marketplace listings of ../shared/data, as the content script would send them. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isbn13 } from '../../../utils/catalog/isbn';
import { sharedData } from './catalogues';

export interface RealListing {
  source: 'taobao' | 'dangdang' | 'douban';
  /** The listing title as shown. */
  title: string;
  /** The book's own title, without the seller's marketing (to check it is not in the catalogue). */
  ownTitle: string;
  isbn: string | null;
  author: string | null;
  publisher: string | null;
}

/** RFC 4180 rows. */
function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') (field += '"'), i++;
      else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field), rows.push(row), (row = []), (field = '');
    } else field += c;
  }
  if (field !== '' || row.length > 0) row.push(field), rows.push(row);
  const [header, ...body] = rows;
  return body.filter((r) => r.length > 1).map((r) => Object.fromEntries(header!.map((h, k) => [h.replace(/^\uFEFF/, ''), (r[k] ?? '').trim()])));
}

const read = (file: string) => parseCsv(readFileSync(join(sharedData, file), 'utf8'));
const valid = (isbn: string | undefined) => (isbn ? isbn13(isbn) : null);

export function realListings(): RealListing[] {
  const taobao = read('listings-taobao-python-books.csv').map((r): RealListing => ({
    source: 'taobao', title: r.name!, ownTitle: r.name!, isbn: null, author: null, publisher: null,
  }));
  const dangdang = read('listings-dangdang-bestsellers.csv').map((r): RealListing => ({
    source: 'dangdang',
    title: r['书名']!,
    ownTitle: r['书名']!.replace(/[（(【［\[].*$/, '').trim(),
    isbn: valid(r.isbn_derived),
    author: r['作者'] || null,
    publisher: r['出版社'] || null,
  }));
  const douban = read('listings-douban-academic.csv').map((r): RealListing => ({
    source: 'douban', title: r.title!, ownTitle: r.title!, isbn: valid(r.ISBN), author: r.author || null, publisher: r.publish_press || null,
  }));
  return [...taobao, ...dangdang, ...douban];
}
