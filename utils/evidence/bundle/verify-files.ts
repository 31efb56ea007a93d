/**
 * The archive against its manifest, file by file: the archive must hold exactly the files the
 * manifest lists, in its order, then manifest.json, manifest.sha256 and manifest.sig, and each file
 * must have the listed size and SHA-256. So a file added, deleted, renamed or moved, and a single
 * byte changed anywhere, is reported under the file's name. A renamed file shows as one missing and
 * one unlisted, and is said to be a rename when the unlisted one holds the missing one's bytes.
 */
import { closingFiles, manifestFile, type BundleFile, type BundleManifest } from './manifest';
import { entryDigest, type EntryDigest } from './entry-digest';
import type { RandomAccessSource } from './random-access';
import type { ZipDirectoryEntry } from './zip-reader';

export interface BundleFailure {
  /** The file at fault, as the archive or the manifest names it; null for the archive as a whole. */
  file: string | null;
  message: string;
}

export type Fail = (file: string | null, message: string) => void;

const quoted = (name: string) => JSON.stringify(name);

/** Checks layout and digests; returns the listed files whose bytes are exactly as listed. */
export async function checkFiles(source: RandomAccessSource, entries: readonly ZipDirectoryEntry[], manifest: BundleManifest, fail: Fail): Promise<Set<string>> {
  const listed = new Map<string, BundleFile>();
  for (const file of manifest.files) {
    if (listed.has(file.path) || (closingFiles as readonly string[]).includes(file.path)) fail(manifestFile, `lists ${quoted(file.path)} more than once`);
    listed.set(file.path, file);
  }
  const expected = [...manifest.files.map((file) => file.path), ...closingFiles];
  const expectedSet = new Set(expected);
  const present = new Map(entries.map((entry) => [entry.name, entry]));

  const digests = new Map<string, EntryDigest | null>();
  const digestOf = async (entry: ZipDirectoryEntry): Promise<EntryDigest | null> => {
    if (!digests.has(entry.name)) digests.set(entry.name, entry.problems.length > 0 ? null : await entryDigest(source, entry).catch(() => null));
    return digests.get(entry.name)!;
  };

  // The closing files are not listed in the manifest; verify.ts reports them missing.
  const missing = manifest.files.map((file) => file.path).filter((path) => !present.has(path));
  const unlisted = entries.filter((entry) => !expectedSet.has(entry.name));
  const renamedFrom = new Map<string, string>();
  for (const entry of unlisted) {
    const candidates = missing.filter((path) => listed.get(path)?.size === entry.size && !renamedFrom.has(path));
    const digest = candidates.length > 0 ? await digestOf(entry) : null;
    const original = candidates.find((path) => listed.get(path)!.sha256 === digest?.sha256);
    if (original) renamedFrom.set(original, entry.name);
    fail(entry.name, original ? `not listed in the manifest: it is ${quoted(original)} renamed` : 'not listed in the manifest: a file was added to the bundle');
  }
  for (const path of missing) {
    const renamed = renamedFrom.get(path);
    fail(path, renamed ? `missing from the archive: renamed to ${quoted(renamed)}` : 'listed in the manifest but missing from the archive: the file was deleted');
  }

  // Among the files both have, the archive's order must be the manifest's.
  const inArchive = entries.filter((entry) => expectedSet.has(entry.name)).map((entry) => entry.name);
  const inManifest = expected.filter((path) => present.has(path));
  inArchive.forEach((name, index) => {
    if (name !== inManifest[index]) {
      fail(name, `out of order: it is file ${entries.findIndex((entry) => entry.name === name) + 1} of the archive, but the manifest puts it at ${expected.indexOf(name) + 1}`);
    }
  });

  const intact = new Set<string>();
  for (const file of manifest.files) {
    const entry = present.get(file.path);
    if (!entry || listed.get(file.path) !== file) continue;
    if (entry.problems.length > 0) {
      fail(file.path, `the archive entry is damaged: ${entry.problems.map((problem) => problem.message).join('; ')}`);
      continue;
    }
    if (entry.size !== file.size) {
      fail(file.path, `${entry.size} bytes, but the manifest lists ${file.size}: the file was changed`);
      continue;
    }
    const digest = await digestOf(entry);
    if (!digest) fail(file.path, 'its bytes cannot be read from the archive');
    else if (digest.sha256 !== file.sha256) fail(file.path, `its SHA-256 is ${digest.sha256}, but the manifest lists ${file.sha256}: the file was changed`);
    else if (!digest.crcMatches) fail(file.path, 'its bytes are as listed, but the archive’s CRC-32 for it is wrong: the archive was tampered with');
    else intact.add(file.path);
  }
  for (const name of closingFiles) {
    const entry = present.get(name);
    if (entry && entry.problems.length > 0) fail(name, `the archive entry is damaged: ${entry.problems.map((problem) => problem.message).join('; ')}`);
  }
  return intact;
}
