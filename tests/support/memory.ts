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
