/** For the tests that bound memory: what the code keeps alive, not what V8 has yet to free. */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | undefined;

/**
 * A full garbage collection, so memory samples measure what the code keeps alive rather than how
 * lazily V8 frees dead chunks. The flag exposes `gc` to contexts created after it is set, so it is
 * set on first use only, by the memory tests that need it.
 */
export function collectGarbage(): void {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    const found = runInNewContext('gc') as unknown;
    if (typeof found !== 'function') throw new Error('cannot trigger garbage collection in this Node');
    gc = found as () => void;
  }
  gc();
}

/**
 * Peak memory retained while a long import runs, sampled after a full collection: `sample()` at
 * the points to measure, then the growth over the start.
 */
export function retainedMemory() {
  collectGarbage();
  const before = process.memoryUsage();
  let peakHeap = before.heapUsed;
  let peakRss = before.rss;
  return {
    sample(): void {
      collectGarbage();
      const now = process.memoryUsage();
      peakHeap = Math.max(peakHeap, now.heapUsed);
      peakRss = Math.max(peakRss, now.rss);
    },
    /** Growth of the heap and of the resident set at their peaks, in bytes. */
    growth: () => ({ heap: peakHeap - before.heapUsed, rss: peakRss - before.rss }),
  };
}

export const megabytes = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
