// @vitest-environment node
/**
 * A large feed in bounded memory (a 500 MB feed must not need 500 MB of memory). The
 * feed is generated as it is read: the 21 Macmillan products over and over, each with its own
 * RecordReference, so nothing but the importer holds it. ONIX_FEED_MB sets the size (default 200).
 * Throughput is printed, not asserted. Memory is measured after a full garbage collection every
 * 2,000 products, so it is what the import retains, bounded at 32 MB: reading the file whole
 * would take its size twice over (as UTF-16 strings).
 */
import { describe, expect, it } from 'vitest';
import { importOnix } from '@/utils/catalog/import/onix';
import { megabytes, retainedMemory } from '../../support/memory';
import { macmillan } from '../../unit/catalog/onix-input';

const feedBytes = Number(process.env.ONIX_FEED_MB ?? 200) * 1024 * 1024;
const chunkBytes = 64 * 1024;

/** The sample cut into header, products (each split around its RecordReference value) and footer. */
function sampleParts() {
  const xml = macmillan();
  const first = xml.indexOf('<Product>');
  const last = xml.lastIndexOf('</Product>') + '</Product>'.length;
  const products = xml
    .slice(first, last)
    .split(/(?=<Product>)/)
    .map((product) => {
      const match = /<RecordReference>[^<]*<\/RecordReference>/.exec(product)!;
      return [product.slice(0, match.index), product.slice(match.index + match[0].length)] as const;
    });
  return { header: xml.slice(0, first), products, footer: `${xml.slice(last)}` };
}

/** Returns the stream and how many products it will have held once read to the end. */
function syntheticFeed(size: number) {
  const { header, products, footer } = sampleParts();
  const encoder = new TextEncoder();
  const state = { written: 0, products: 0, done: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.done) return controller.close();
      let text = state.written === 0 ? header : '';
      while (text.length < chunkBytes && state.written + text.length < size) {
        const [before, after] = products[state.products % products.length]!;
        text += `${before}<RecordReference>synthetic-${state.products++}</RecordReference>${after}\n`;
      }
      if (state.written + text.length >= size) {
        text += footer;
        state.done = true;
      }
      state.written += text.length;
      controller.enqueue(encoder.encode(text));
    },
  });
  return { stream, state };
}

describe('a large ONIX feed', () => {
  it(`imports ${megabytes(feedBytes)} MB in bounded memory`, { timeout: 600_000 }, async () => {
    const { stream, state } = syntheticFeed(feedBytes);
    const memory = retainedMemory();
    let entries = 0;
    let lastId = '';
    const started = performance.now();
    const summary = await importOnix(
      { stream, fileName: 'synthetic.xml', size: feedBytes },
      {
        sink: async (batch) => {
          entries += batch.length;
          lastId = batch.at(-1)!.id;
          if (entries % 2_000 < batch.length) memory.sample();
        },
      },
    );
    const seconds = (performance.now() - started) / 1000;

    expect(summary.issues).toEqual([]);
    expect(summary.records).toBe(state.products);
    expect(entries).toBe(state.products);
    expect(lastId).toBe(`synthetic-${state.products - 1}`);
    const { heap: heapGrowth, rss } = memory.growth();
    console.log(
      `ONIX feed: ${megabytes(state.written)} MB, ${state.products} products in ${seconds.toFixed(1)} s ` +
        `(${(megabytes(state.written) / seconds).toFixed(1)} MB/s); peak heap +${megabytes(heapGrowth)} MB, ` +
        `peak RSS +${megabytes(rss)} MB (garbage collected before each measure)`,
    );
    expect(heapGrowth).toBeLessThan(32 * 1024 * 1024);
  });
});
