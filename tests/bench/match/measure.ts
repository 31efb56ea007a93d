/** Measuring helpers shared by the English and Chinese parts of the matching bench. */

/** Heap and array buffers after two collections (run with `node --expose-gc`, else garbage counts too). */
export const memory = () => {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
};
export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
export const p95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * 0.95))]!;
export const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
