/** Runs the ONIX importer on test bytes, as a file stream would deliver them, and keeps what the sink got. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importOnix } from '@/utils/catalog/import/onix';
import { describeIssue, type ImportOptions, type ImportSummary } from '@/utils/catalog/import/types';
import type { CatalogueEntry } from '@/utils/catalog/schema';
import { sharedDataRoot } from '../../support/catalog/shared-data';
import { byteStream } from './entries';

export const onixSample = (name: string): Buffer => readFileSync(join(sharedDataRoot, 'onix', name));
export const macmillan = () => onixSample('onix3-macmillan-au-21products.xml').toString('latin1');

export { byteStream };

export interface OnixRun {
  summary: ImportSummary;
  entries: CatalogueEntry[];
  batches: number[];
  /** The issues as the user reads them: "line 12, Product[1]: …". */
  messages: string[];
}

export async function runOnix(file: string | Uint8Array, options: Partial<ImportOptions> & { chunkSize?: number } = {}): Promise<OnixRun> {
  const bytes = typeof file === 'string' ? new TextEncoder().encode(file) : file;
  const entries: CatalogueEntry[] = [];
  const batches: number[] = [];
  const summary = await importOnix(
    { stream: byteStream(bytes, options.chunkSize), size: bytes.length, fileName: 'feed.xml' },
    {
      ...options,
      sink:
        options.sink ??
        (async (batch) => {
          entries.push(...batch);
          batches.push(batch.length);
        }),
    },
  );
  return { summary, entries, batches, messages: summary.issues.map(describeIssue) };
}

/** 1-based line of the first `needle` in `text` at or after `from`: expected lines come from the file, not the importer. */
export function lineOf(text: string, needle: string, from = 0): number {
  const at = text.indexOf(needle, from);
  if (at === -1) throw new Error(`"${needle}" is not in the text`);
  return text.slice(0, at).split('\n').length;
}

/** A minimal ONIX 3.0 message around `products` (reference tags). */
export function onixMessage(products: string, root = '<ONIXMessage release="3.0" xmlns="http://ns.editeur.org/onix/3.0/reference">'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${root}\n<Header><SenderName>Test</SenderName></Header>\n${products}</ONIXMessage>\n`;
}

export interface ProductParts {
  reference?: string;
  notification?: string;
  isbn?: string | null;
  title?: string | null;
  /** Extra XML inside <DescriptiveDetail>, after the title. */
  descriptive?: string;
  /** Extra XML after </DescriptiveDetail> (PublishingDetail, RelatedMaterial …). */
  after?: string;
}

/** One <Product> with what a test sets, on several lines as real feeds are. */
export function product(parts: ProductParts = {}): string {
  const { reference = 'ref-1', notification = '03', isbn = '9780306406157', title = 'A Title', descriptive = '', after = '' } = parts;
  return [
    '<Product>',
    `  <RecordReference>${reference}</RecordReference>`,
    `  <NotificationType>${notification}</NotificationType>`,
    isbn === null ? '' : `  <ProductIdentifier>\n    <ProductIDType>15</ProductIDType>\n    <IDValue>${isbn}</IDValue>\n  </ProductIdentifier>`,
    '  <DescriptiveDetail>',
    title === null ? '' : `    <TitleDetail><TitleType>01</TitleType><TitleElement><TitleElementLevel>01</TitleElementLevel><TitleText>${title}</TitleText></TitleElement></TitleDetail>`,
    descriptive,
    '  </DescriptiveDetail>',
    after,
    '</Product>',
    '',
  ]
    .filter((line) => line !== '')
    .join('\n')
    .concat('\n');
}
