/** Catalogue entries for tests, and a way to feed text to importers as a byte stream. */
import type { CatalogueEntry } from '@/utils/catalog/schema';
import type { ImportInput } from '@/utils/catalog/import/types';

export function entry(id: string, title: string, fields: Partial<CatalogueEntry> = {}): CatalogueEntry {
  return {
    version: 1,
    id,
    isbns: [],
    title,
    subtitle: null,
    otherTitles: [],
    contributors: [],
    edition: null,
    publisher: null,
    imprint: null,
    year: null,
    coverUrl: null,
    ...fields,
  };
}

export const powerElectronics = entry('9780792372707', 'Fundamentals of Power Electronics', {
  isbns: ['9780792372707', '9780306480485'],
  contributors: [
    { name: 'Robert W. Erickson', role: 'author' },
    { name: 'Dragan Maksimovic', role: 'author' },
  ],
  edition: '2nd ed. 2001',
  publisher: 'Springer',
  year: 2001,
});

/** A stream of `bytes` in chunks of `chunkSize` (a file read delivers 64 KiB at a time). */
export function byteStream(bytes: Uint8Array, chunkSize = 65536): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + chunkSize));
      offset += chunkSize;
    },
  });
}

/** A file as importers get it, in small chunks by default: they must not care where chunks end. */
export function inputOf(content: string | Uint8Array, fileName: string, chunk = 7): ImportInput {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  return { fileName, size: bytes.byteLength, stream: byteStream(bytes, chunk) };
}
