/**
 * One job at a time per key, within this process: chunks of the same artifact are applied one
 * after another, so two of them can never both find the same committed offset and interleave their
 * bytes. Across processes (PostgreSQL) the compare-and-set on the committed offset decides, and the
 * whole-artifact hash catches anything that slipped through (./chunks.ts).
 */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(key: string, job: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const tail = new Promise<void>((resolve) => (release = resolve));
    const mine = previous.then(() => tail);
    this.tails.set(key, mine);
    await previous;
    try {
      return await job();
    } finally {
      release();
      if (this.tails.get(key) === mine) this.tails.delete(key);
    }
  }
}
