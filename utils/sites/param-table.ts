/**
 * The item parameter table as (name, value) pairs, where Taobao and Tmall book listings show
 * ISBN编号, 作者 and 出版社: the 2025+ generation's `generalParamsInfoItem--*` blocks, and the classic
 * "name: value" list items (`#attributes` on Taobao, `#J_AttrUL` on Tmall).
 */
import { cleanText } from './normalise';

/** The 2025+ generation's parameter rows (hashed classes, so by prefix), and the classic page's list items. */
const appItems = '[class*="generalParamsInfoItem--"]';
const classicItems = '#attributes li, #J_AttrUL li, .attributes-list li';

export function paramTablePairs(document: Document): [string, string][] {
  const pairs: [string, string][] = [];
  // One walk of the document for both kinds of table, which a page flooded with nodes makes long.
  for (const item of Array.from(document.querySelectorAll(`${appItems}, ${classicItems}`))) {
    if (item.matches(appItems)) {
      const name = cleanText(item.querySelector('[class*="generalParamsInfoItemTitle--"]')?.textContent);
      const valueElement = item.querySelector('[class*="generalParamsInfoItemSubTitle--"]');
      const value = cleanText(valueElement?.getAttribute('title') || valueElement?.textContent);
      if (name && value) pairs.push([name, value]);
      continue;
    }
    const text = cleanText(item.getAttribute('title') ? `${item.textContent?.split(/[:：]/)[0]}:${item.getAttribute('title')}` : item.textContent);
    const match = text ? /^([^:：]{1,30})[:：]\s*(.+)$/.exec(text) : null;
    if (match) pairs.push([match[1]!.trim(), match[2]!.trim()]);
  }
  return pairs;
}
