/**
 * The item parameter table as (name, value) pairs, where Taobao and Tmall book listings show
 * ISBN编号, 作者 and 出版社: the 2025+ generation's `generalParamsInfoItem--*` blocks, and the classic
 * "name: value" list items (`#attributes` on Taobao, `#J_AttrUL` on Tmall).
 */
import { cleanText } from './normalise';
import { elementsByHook } from './one-walk';

/** The 2025+ generation's parameter rows (hashed classes, so by prefix), and the classic page's list items. */
const appItems = '[class*="generalParamsInfoItem--"]';
const classicItems = '#attributes li, #J_AttrUL li, .attributes-list li';

export function paramTablePairs(document: Document): [string, string][] {
  const pairs: [string, string][] = [];
  // Both kinds of table in one walk (./one-walk.ts): a page flooded with nodes makes each long.
  const { app, classic } = elementsByHook(document, { app: appItems, classic: classicItems });
  for (const item of app) {
    const name = cleanText(item.querySelector('[class*="generalParamsInfoItemTitle--"]')?.textContent);
    const valueElement = item.querySelector('[class*="generalParamsInfoItemSubTitle--"]');
    const value = cleanText(valueElement?.getAttribute('title') || valueElement?.textContent);
    if (name && value) pairs.push([name, value]);
  }
  for (const item of classic) {
    const text = cleanText(item.getAttribute('title') ? `${item.textContent?.split(/[:：]/)[0]}:${item.getAttribute('title')}` : item.textContent);
    const match = text ? /^([^:：]{1,30})[:：]\s*(.+)$/.exec(text) : null;
    if (match) pairs.push([match[1]!.trim(), match[2]!.trim()]);
  }
  return pairs;
}
