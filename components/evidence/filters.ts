/**
 * The list's filters as the form holds them (strings, as selects and date inputs give them), what
 * the store is asked for (EvidenceFilter), and the choices each select offers: the catalogue
 * entries, shops and tags that the evidence has, each once.
 */
import type { EvidenceMarketplace, EvidenceStatus } from '@/utils/protocol/evidence';
import type { EvidenceFilter, ListedItem } from '@/utils/evidence/store';

export interface FilterChoice {
  marketplace: EvidenceMarketplace | '';
  /** Local calendar days, as <input type="date"> gives them ("2025-03-04"); both are included. */
  from: string;
  to: string;
  /** A key from filterOptions, or '' for any. */
  catalogueEntry: string;
  shop: string;
  status: EvidenceStatus | '';
  tag: string;
  caseId: string;
  includeDeleted: boolean;
}

export const noFilter: FilterChoice = { marketplace: '', from: '', to: '', catalogueEntry: '', shop: '', status: '', tag: '', caseId: '', includeDeleted: false };

/** Pairs as select values: JSON, so no separator can collide with an id. */
const pairKey = (first: string, second: string) => JSON.stringify([first, second]);
function pairOf(key: string): [string, string] | null {
  try {
    const value: unknown = JSON.parse(key);
    if (!Array.isArray(value) || value.length !== 2) return null;
    const [first, second] = value as unknown[];
    return typeof first === 'string' && typeof second === 'string' ? [first, second] : null;
  } catch {
    return null;
  }
}

/** Local midnight of a "yyyy-mm-dd" day, `days` later; null for anything else. */
function localDay(day: string, days = 0): Date | null {
  const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!parts) return null;
  const date = new Date(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3]) + days);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function toEvidenceFilter(choice: FilterChoice): EvidenceFilter {
  const filter: EvidenceFilter = {};
  if (choice.marketplace) filter.marketplace = choice.marketplace;
  const from = localDay(choice.from);
  // "To 4 March" includes the whole of 4 March: the store's upper bound is exclusive.
  const to = localDay(choice.to, 1);
  if (from || to) filter.captured = { ...(from ? { from } : {}), ...(to ? { to } : {}) };
  const entry = pairOf(choice.catalogueEntry);
  if (entry) filter.catalogueEntry = { catalogueId: entry[0], entryId: entry[1] };
  const shop = pairOf(choice.shop);
  if (shop) filter.shop = { marketplace: shop[0] as EvidenceMarketplace, id: shop[1] };
  if (choice.status) filter.status = choice.status;
  if (choice.tag) filter.tag = choice.tag;
  if (choice.caseId) filter.caseId = choice.caseId;
  if (choice.includeDeleted) filter.includeDeleted = true;
  return filter;
}

export function isFiltered(choice: FilterChoice): boolean {
  return (Object.keys(noFilter) as (keyof FilterChoice)[]).some((key) => choice[key] !== noFilter[key]);
}

export interface Option {
  value: string;
  label: string;
  /** Tells apart options of the same label: the entry's catalogue, the shop's id. */
  detail: string;
}

export interface ShopOption extends Option {
  marketplace: EvidenceMarketplace;
}

export interface FilterOptions {
  catalogueEntries: Option[];
  shops: ShopOption[];
  tags: string[];
}

const byLabel = (a: Option, b: Option) => a.label.localeCompare(b.label) || a.detail.localeCompare(b.detail);

/** The choices the evidence offers; shops under the name they were last captured with. */
export function filterOptions(items: readonly ListedItem[]): FilterOptions {
  const entries = new Map<string, Option>();
  const shops = new Map<string, ShopOption>();
  const tags = new Set<string>();
  for (const { item, state } of items) {
    const { match, listing, marketplace } = item.metadata;
    if (match) entries.set(pairKey(match.catalogueId, match.entryId), { value: pairKey(match.catalogueId, match.entryId), label: match.title, detail: match.catalogueId });
    if (listing.shop?.id) {
      const value = pairKey(marketplace, listing.shop.id);
      shops.set(value, { value, label: listing.shop.name || listing.shop.id, detail: listing.shop.id, marketplace });
    }
    for (const tag of state.tags) tags.add(tag);
  }
  return {
    catalogueEntries: [...entries.values()].sort(byLabel),
    shops: [...shops.values()].sort(byLabel),
    tags: [...tags].sort((a, b) => a.localeCompare(b)),
  };
}
