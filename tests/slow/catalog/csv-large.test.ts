// @vitest-environment node
/**
 * A 100 MB CSV in bounded memory: a file this size is among those users import.
 * The file is generated as it is read, rows of a DOAB-like catalogue each with its own two ISBNs,
 * so nothing but the importer holds it. CSV_FILE_MB sets the size (default 100). Throughput is
 * printed, not asserted. Memory is measured after a full garbage collection every 20,000 entries,
 * so it is what the import retains, bounded at 16 MB: reading the file whole would take twice
 * its size (as UTF-16).
 */
import { describe, expect, it } from 'vitest';
import { importCsv } from '@/utils/catalog/import/csv';
import { megabytes, retainedMemory } from '../../support/memory';
import { isbn13For } from '../../unit/catalog/csv-input';

const fileBytes = Number(process.env.CSV_FILE_MB ?? 100) * 1024 * 1024;
const chunkBytes = 64 * 1024;
const header = 'Title,Authors,ISBN,Publisher,Year of publication,Keywords,Full text\r\n';

function row(n: number): string {
  return (
    `"Title ${n}: Histories of Things, Volume ${n % 7}","Surname${n}, Given Name; Other${n}, Name (ed.)",` +
    `${isbn13For(2 * n)} ${isbn13For(2 * n + 1)},Some University Press,${1950 + (n % 70)},` +
    `"history, things, volume ${n % 7}, catalogue, open access",https://example.org/books/${n}\r\n`
  );
}

/** Returns the stream and how many rows it will have held once read to the end. */
function syntheticFile(size: number) {
  const encoder = new TextEncoder();
  const state = { written: 0, rows: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.written >= size) return controller.close();
      let text = state.written === 0 ? header : '';
      while (text.length < chunkBytes && state.written + text.length < size) text += row(state.rows++);
      state.written += text.length;
      controller.enqueue(encoder.encode(text));
    },
  });
  return { stream, state };
}

describe('a large CSV file', () => {
  it(`imports ${megabytes(fileBytes)} MB in bounded memory`, { timeout: 600_000 }, async () => {
    const { stream, state } = syntheticFile(fileBytes);
    const memory = retainedMemory();
    let entries = 0;
    let last = '';
    const started = performance.now();
    const summary = await importCsv(
      { stream, fileName: 'synthetic.csv', size: fileBytes },
      {
        sink: async (batch) => {
          entries += batch.length;
          last = batch.at(-1)!.id;
          if (entries % 20_000 < batch.length) memory.sample();
        },
      },
    );
    const seconds = (performance.now() - started) / 1000;
    const { heap: heapGrowth, rss } = memory.growth();
    console.log(
      `CSV ${megabytes(state.written)} MB, ${state.rows} rows in ${seconds.toFixed(1)} s ` +
        `(${(megabytes(state.written) / seconds).toFixed(1)} MB/s); peak heap +${megabytes(heapGrowth)} MB, ` +
        `peak RSS +${megabytes(rss)} MB (garbage collected before each measure)`,
    );
    expect(summary.issues.filter((issue) => issue.severity === 'error')).toEqual([]);
    expect(summary.records).toBe(state.rows);
    expect(summary.entries).toBe(state.rows);
    expect(entries).toBe(state.rows);
    expect(last).toBe(isbn13For(2 * (state.rows - 1)));
    // Retained memory is tiny: the ISBN table lives outside the heap.
    expect(heapGrowth).toBeLessThan(16 * 1024 * 1024);
  });
});
