/**
 * Imports a catalogue file in whichever format it is: CSV or spreadsheet export, ONIX 3.0, or
 * Colophon's own JSON. The file name says which, when it can; otherwise its first bytes do.
 */
import { importCsv } from './csv';
import { importJson } from './json';
import { importOnix } from './onix';
import type { CatalogueFormat, ImportInput, ImportOptions, ImportSummary } from './types';

export function formatFromName(fileName: string): CatalogueFormat | null {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (extension === 'csv' || extension === 'tsv' || extension === 'txt') return 'csv';
  if (extension === 'xml' || extension === 'onix') return 'onix';
  if (extension === 'json') return 'json';
  return null;
}

/** XML starts with `<` (after a BOM and spaces), JSON with `{`; anything else is read as CSV. */
export function formatFromBytes(head: Uint8Array): CatalogueFormat {
  const text = new TextDecoder('utf-8').decode(head).replace(/^\uFEFF/, '').replace(/\u0000/g, '').trimStart();
  if (text.startsWith('<')) return 'onix';
  if (text.startsWith('{')) return 'json';
  return 'csv';
}

/** Reads the first chunk of a stream, and gives back a stream that still starts with it. */
async function peek(stream: ReadableStream<Uint8Array>): Promise<{ head: Uint8Array; stream: ReadableStream<Uint8Array> }> {
  const reader = stream.getReader();
  const first = await reader.read();
  const head = first.done ? new Uint8Array(0) : first.value;
  let sentHead = false;
  const rest = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!sentHead) {
        sentHead = true;
        if (head.byteLength > 0) return controller.enqueue(head);
      }
      const next = await reader.read();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
  return { head, stream: rest };
}

export async function importCatalogue(input: ImportInput, options: ImportOptions & { format?: CatalogueFormat }): Promise<ImportSummary> {
  let format = options.format ?? formatFromName(input.fileName);
  let stream = input.stream;
  if (!format) {
    const peeked = await peek(stream);
    stream = peeked.stream;
    format = formatFromBytes(peeked.head.subarray(0, 512));
  }
  const source = { ...input, stream };
  if (format === 'onix') return importOnix(source, options);
  if (format === 'json') return importJson(source, options);
  return importCsv(source, options);
}
