/**
 * A RandomAccessSource over a file on disk, for the command-line verifier: the bundle is read in
 * place, a range at a time, however large it is. Node only (never imported by the extension).
 */
import { open, type FileHandle } from 'node:fs/promises';
import type { RandomAccessSource } from './random-access';

export interface FileSource extends RandomAccessSource {
  close(): Promise<void>;
}

/** Opens `path` read-only; the caller closes it when done. */
export async function openFileSource(path: string): Promise<FileSource> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    return { ...fileHandleSource(handle, size), close: () => handle.close() };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** A source over an open handle whose length the caller already knows. */
export function fileHandleSource(handle: FileHandle, size: number): RandomAccessSource {
  return {
    size,
    async read(offset, length) {
      const bytes = new Uint8Array(length);
      let filled = 0;
      // A read may return fewer bytes than asked; only end of file stops the loop early.
      while (filled < length) {
        const { bytesRead } = await handle.read(bytes, filled, length - filled, offset + filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      return filled === length ? bytes : bytes.subarray(0, filled);
    },
  };
}
