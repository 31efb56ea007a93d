/**
 * The disk adapter of the intake's BlobStore (./blobs.ts), beside the SQLite database:
 *
 *     <data>/staging/<uploadId>              an upload in progress, written in place at each offset
 *     <data>/blobs/sha256/<aa>/<sha256>      a whole, verified artifact, named by its digest
 *
 * Durability: a write resolves only after the file is fsynced, and a new file or a rename only
 * after its directory is, so a committed offset never points past bytes a power cut can lose.
 * Promotion is a rename within one file system: atomic, and idempotent (a blob that exists stays,
 * a staged upload already promoted is nothing to do).
 */
import { constants, createReadStream } from 'node:fs';
import { mkdir, open, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { BlobStore } from './blobs';

const sha256Pattern = /^[0-9a-f]{64}$/;
// Upload ids are the store's own, but they become file names: nothing that could leave the folder.
const uploadIdPattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

export async function createDiskBlobStore(dataDir: string): Promise<BlobStore> {
  const staging = join(dataDir, 'staging');
  const blobs = join(dataDir, 'blobs', 'sha256');
  await makeDirectory(staging);
  await makeDirectory(blobs);

  const stagedPath = (uploadId: string) => {
    if (!uploadIdPattern.test(uploadId) || uploadId.includes('..')) throw new TypeError(`not an upload id: ${JSON.stringify(uploadId)}`);
    return join(staging, uploadId);
  };
  const blobPath = (sha256: string) => {
    if (!sha256Pattern.test(sha256)) throw new TypeError(`not a SHA-256 digest: ${JSON.stringify(sha256)}`);
    return join(blobs, sha256.slice(0, 2), sha256);
  };

  return {
    async writeStaged(uploadId, offset, bytes) {
      if (!Number.isSafeInteger(offset) || offset < 0) throw new RangeError(`bad offset ${offset}`);
      const path = stagedPath(uploadId);
      const { file, created } = await openForWriting(path);
      try {
        let written = 0;
        while (written < bytes.byteLength) {
          const { bytesWritten } = await file.write(bytes, written, bytes.byteLength - written, offset + written);
          written += bytesWritten;
        }
        await file.sync();
      } finally {
        await file.close();
      }
      if (created) await syncDirectory(staging);
    },

    async *readStaged(uploadId, length) {
      const path = stagedPath(uploadId);
      const { size } = await stat(path);
      if (size < length) throw new Error(`the staged upload ${uploadId} holds ${size} bytes, not ${length}`);
      if (length === 0) return;
      for await (const piece of createReadStream(path, { start: 0, end: length - 1 })) yield piece as Buffer;
    },

    async promote(uploadId, length, sha256) {
      const source = stagedPath(uploadId);
      const target = blobPath(sha256);
      if (await exists(target)) {
        await removeIfPresent(source);
        return;
      }
      // Bytes past `length` are an uncommitted tail (blobs.ts): they must not become part of the blob.
      const file = await open(source, constants.O_RDWR);
      try {
        await file.truncate(length);
        await file.sync();
      } finally {
        await file.close();
      }
      await makeDirectory(dirname(target));
      await rename(source, target);
      await syncDirectory(dirname(target));
      await syncDirectory(staging);
    },

    async discardStaged(uploadId) {
      await removeIfPresent(stagedPath(uploadId));
    },

    has: async (sha256) => exists(blobPath(sha256)),

    async *read(sha256) {
      const path = blobPath(sha256);
      if (!(await exists(path))) throw new Error(`no blob ${sha256}`);
      for await (const piece of createReadStream(path)) yield piece as Buffer;
    },

    async close() {
      // Nothing is held open between calls.
    },
  };
}

async function openForWriting(path: string): Promise<{ file: FileHandle; created: boolean }> {
  try {
    return { file: await open(path, constants.O_RDWR), created: false };
  } catch (error) {
    if (!isCode(error, 'ENOENT')) throw error;
  }
  try {
    return { file: await open(path, constants.O_RDWR | constants.O_CREAT | constants.O_EXCL, 0o600), created: true };
  } catch (error) {
    // Created by another writer in between: use theirs.
    if (isCode(error, 'EEXIST')) return { file: await open(path, constants.O_RDWR), created: false };
    throw error;
  }
}

/** mkdir -p, syncing each parent whose entry it adds, so the new folders survive a power cut. */
async function makeDirectory(path: string): Promise<void> {
  if (await exists(path)) return;
  await makeDirectory(dirname(path));
  try {
    await mkdir(path, { mode: 0o700 });
  } catch (error) {
    if (!isCode(error, 'EEXIST')) throw error;
  }
  await syncDirectory(dirname(path));
}

async function syncDirectory(path: string): Promise<void> {
  const directory = await open(path, constants.O_RDONLY);
  try {
    await directory.sync();
  } finally {
    await directory.close();
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if (isCode(error, 'ENOENT')) return false;
    throw error;
  }
}

async function removeIfPresent(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (error) {
    if (!isCode(error, 'ENOENT')) throw error;
  }
}

const isCode = (error: unknown, code: string): boolean => (error as NodeJS.ErrnoException | null)?.code === code;
