/**
 * summary.csv: one row per item, for the spreadsheet a rights team keeps its takedowns in. RFC 4180
 * (comma-separated, CRLF line ends, a cell with a comma, quote or line break quoted, its quotes
 * doubled), UTF-8 with a byte order mark so that Excel reads Chinese titles as Chinese.
 *
 * Titles and shop names are the seller's text: a cell starting with = + - @, a tab or a carriage
 * return would be run as a formula by a spreadsheet ("=HYPERLINK(…)" calling out, worse with DDE),
 * so such a cell is written with a single quote before it, which spreadsheets show as text (the
 * rule exported catalogues follow too).
 */
import type { PlannedItem } from './layout';

const columns = [
  'id',
  'sequence',
  'captured at',
  'marketplace',
  'listing id',
  'canonical URL',
  'title',
  'price',
  'currency',
  'shop',
  'shop id',
  'matched entry',
  'matched title',
  'confidence',
  'status',
  'tags',
  'deleted at',
  'visible screenshot sha256',
] as const;

/** A cell's text, defused and quoted as needed. */
export function csvCell(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function row(planned: PlannedItem): (string | number | null)[] {
  const { item, state } = planned;
  const { listing, match } = item.metadata;
  const screenshot = item.artifacts.find((artifact) => artifact.kind === 'visible-screenshot');
  return [
    item.id,
    item.sequence,
    item.metadata.capturedAt,
    item.metadata.marketplace,
    listing.id,
    item.metadata.canonicalUrl,
    listing.title,
    listing.price,
    listing.currency,
    listing.shop?.name ?? null,
    listing.shop?.id ?? null,
    match ? `${match.catalogueId}/${match.entryId}` : null,
    match?.title ?? null,
    match?.confidence ?? null,
    state.status,
    state.tags.join('; '),
    state.deleted?.at ?? null,
    screenshot?.sha256 ?? null,
  ];
}

/** The file's text, byte order mark first. */
export function summaryCsv(items: readonly PlannedItem[]): string {
  const lines = [columns.map(csvCell).join(','), ...items.map((planned) => row(planned).map(csvCell).join(','))];
  return `\ufeff${lines.map((line) => `${line}\r\n`).join('')}`;
}
