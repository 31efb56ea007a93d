/**
 * Publishers of Chinese books, as a matching key. Classics and famous titles are published by
 * many houses: 作为意志和表象的世界 from 商务印书馆 and from 中国华侨出版社 are two books with one
 * title, and a publisher's catalogue holds only its own. Where the listing names a publisher (an
 * item page's 出版社 field, or "人民邮电出版社" in the seller's title) and the entry has one, the two
 * must agree.
 *
 * Only Chinese names are compared: Latin ones come in too many forms ("Springer", "Springer
 * International Publishing", "Springer-Verlag Berlin") to tell a different house from a
 * different spelling.
 */
import { isChinese } from './segments';
import { matchText } from './tokens';

/** How sellers shorten the houses they name most. */
const shortNames: Record<string, string> = {
  人邮: '人民邮电', 机工: '机械工业', 清华社: '清华大学', 北大社: '北京大学', 人卫: '人民卫生', 外研社: '外语教学与研究', 高教社: '高等教育', 电子社: '电子工业',
};

const legalForm = /(?:股份)?(?:有限责任公司|有限公司|集团)$/;
const house = /(?:出版社|出版公司|出版传媒|出版)$/;

/** "人民邮电出版社有限公司" → "人民邮电", "商务印书馆" → "商务印书馆"; null for a Latin or empty name. */
export function publisherKey(name: string): string | null {
  const text = matchText(name).replace(/ /g, '');
  if (!isChinese(text) || /[a-z]/.test(text)) return null;
  const key = text.replace(legalForm, '').replace(house, '');
  const full = shortNames[key] ?? key;
  return full.length >= 2 ? full : null;
}

/** A house named in a seller's title, ending as houses' names end. */
const namedHouse = /([\u4e00-\u9fff]{2,12}?)(出版社|出版公司|书局|书社|印书馆)/g;

/**
 * The one publisher a listing's normalised title names, or null when it names none or several
 * ("科学出版社 世界图书出版公司 清华大学出版社" is a seller's keyword list, not a colophon).
 */
export function publisherInTitle(normalised: string): string | null {
  const keys = new Set<string>();
  for (const match of normalised.matchAll(namedHouse)) {
    const key = publisherKey(match[0]);
    if (key) keys.add(key);
  }
  return keys.size === 1 ? [...keys][0]! : null;
}

/** Whether two keys name one house: equal, or one holds the other ("胡松涛清华大学" as glued in a title, "清华大学"). */
export function samePublisher(a: string, b: string): boolean {
  return a === b || a.includes(b) || b.includes(a);
}
