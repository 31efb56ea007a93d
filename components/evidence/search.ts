/**
 * The search box: narrows the listed items in memory, by title, listing id, shop and URL. Every
 * word typed must occur somewhere in the item, in any case and any width (NFKC folds full-width
 * digits and letters, which Chinese input methods produce, into the ones listings mostly use).
 */
import type { ListedItem } from '@/utils/evidence/store';

const fold = (text: string) => text.normalize('NFKC').toLocaleLowerCase();

// Items are never changed once written, so what is searched in each can be kept for the page's life.
const searchable = new WeakMap<ListedItem['item'], string>();

function textOf({ item }: ListedItem): string {
  let text = searchable.get(item);
  if (text === undefined) {
    const { listing, url, canonicalUrl } = item.metadata;
    text = fold([listing.title, listing.id, listing.shop?.name, listing.shop?.id, listing.shop?.sellerId, url, canonicalUrl].filter(Boolean).join('\n'));
    searchable.set(item, text);
  }
  return text;
}

export function queryWords(query: string): string[] {
  return fold(query).split(/\s+/).filter(Boolean);
}

export function searchItems(items: readonly ListedItem[], query: string): readonly ListedItem[] {
  const words = queryWords(query);
  if (words.length === 0) return items;
  return items.filter((listed) => {
    const text = textOf(listed);
    return words.every((word) => text.includes(word));
  });
}
