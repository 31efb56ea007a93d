/** Shared by the ZIP tests: in-memory sources, streams of known chunks, reading a stream whole, Info-ZIP. */
import { spawnSync } from 'node:child_process';
import type { RandomAccessSource } from '@/utils/evidence/bundle/random-access';

export const utf8 = (text: string) => new TextEncoder().encode(text);

/** A source over bytes already in memory, counting the reads it serves. */
export function bytesSource(bytes: Uint8Array): RandomAccessSource & { reads: number } {
  return {
    size: bytes.length,
    reads: 0,
    async read(offset, length) {
      this.reads++;
      return bytes.slice(offset, offset + length);
    },
  };
}

/** Everything a stream yields, joined. */
export async function collect(stream: ReadableStream<Uint8Array>): Promise<Uint8Array<ArrayBuffer>> {
  const parts: Uint8Array[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
  }
  const joined = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    joined.set(part, at);
    at += part.length;
  }
  return joined;
}

/** A stream handing out `chunks` one per pull, recording how many it has handed out. */
export function chunkStream(chunks: Uint8Array[]): { stream: ReadableStream<Uint8Array>; pulled: () => number; cancelled: () => boolean } {
  let next = 0;
  let wasCancelled = false;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const chunk = chunks[next++];
        if (chunk) controller.enqueue(chunk);
        else controller.close();
      },
      cancel() {
        wasCancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, pulled: () => next, cancelled: () => wasCancelled };
}

/** Deterministic pseudo-random bytes (xorshift), so failures reproduce. */
export function noise(length: number, seed = 1): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(length);
  let state = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    bytes[i] = state & 0xff;
  }
  return bytes;
}

/** Index of the first byte where `a` and `b` differ, or -1 when they are equal (fast on megabytes, unlike toEqual). */
export function firstDifference(a: Uint8Array, b: Uint8Array): number {
  const common = Math.min(a.length, b.length);
  for (let i = 0; i < common; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : common;
}

/**
 * Runs Info-ZIP's `zip` or `unzip` (Debian packages of those names; .ci/run installs unzip) in a
 * UTF-8 locale, failing the test with the fix when the tool is not installed.
 */
export function runInfoZip(tool: 'zip' | 'unzip', args: string[], cwd?: string): string {
  const result = spawnSync(tool, args, { cwd, env: { ...process.env, LC_ALL: 'C.UTF-8' }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if ((result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
    throw new Error(`"${tool}" is not installed: install it (sudo apt-get install ${tool}) to run the ZIP tests`);
  }
  if (result.status !== 0) throw new Error(`${tool} ${args.join(' ')} exited with ${result.status}:\n${result.stdout}${result.stderr}`);
  return result.stdout;
}
