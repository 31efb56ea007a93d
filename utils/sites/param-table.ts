/**
 * The item parameter table as (name, value) pairs, where Taobao and Tmall book listings show
 * ISBN编号, 作者 and 出版社: the 2025+ generation's `generalParamsInfoItem--*` blocks, and the classic
 * "name: value" list items (`#attributes` on Taobao, `#J_AttrUL` on Tmall).
 */
import { cleanText } from './normalise';

export function paramTablePairs(document: Document): [string, string][] {
  const pairs: [string, string][] = [];
  for (const item of Array.from(document.querySelectorAll('[class*="generalParamsInfoItem--"]'))) {
    const name = cleanText(item.querySelector('[class*="generalParamsInfoItemTitle--"]')?.textContent);
    const valueElement = item.querySelector('[class*="generalParamsInfoItemSubTitle--"]');
    const value = cleanText(valueElement?.getAttribute('title') || valueElement?.textContent);
    if (name && value) pairs.push([name, value]);
  }
  for (const item of Array.from(document.querySelectorAll('#attributes li, #J_AttrUL li, .attributes-list li'))) {
    const text = cleanText(item.getAttribute('title') ? `${item.textContent?.split(/[:：]/)[0]}:${item.getAttribute('title')}` : item.textContent);
    const match = text ? /^([^:：]{1,30})[:：]\s*(.+)$/.exec(text) : null;
    if (match) pairs.push([match[1]!.trim(), match[2]!.trim()]);
  }
  return pairs;
}
