/**
 * The archive against its manifest, file by file: the archive must hold exactly the files the
 * manifest lists, in its order, then manifest.json, manifest.sha256 and manifest.sig, and each file
 * must have the listed size and SHA-256. So a file added, deleted, renamed or moved, and a single
 * byte changed anywhere, is reported under the file's name. A renamed file shows as one missing and
 * one unlisted, and is said to be a rename when the unlisted one holds the missing one's bytes.
 *
 * Every step is one pass with maps by name, by place and by size and digest, never a search inside
 * a loop: a bundle padded with 50,000 added files (or missing as many) is reported in seconds.
 */
import { closingFiles, manifestFile, type BundleFile, type BundleManifest } from './manifest';
import { entryDigest, type EntryDigest } from './entry-digest';
import type { RandomAccessSource } from './random-access';
import { plain, shown } from './shown-text';
import type { Fail } from './verify-findings';
import type { ZipDirectoryEntry } from './zip-reader';


/** Checks layout and digests; returns the listed files whose bytes are exactly as listed. */
export async function checkFiles(source: RandomAccessSource, entries: readonly ZipDirectoryEntry[], manifest: BundleManifest, fail: Fail): Promise<Set<string>> {
  const closing: ReadonlySet<string> = new Set(closingFiles);
  const listed = new Map<string, BundleFile>();
  for (const file of manifest.files) {
    if (listed.has(file.path) || closing.has(file.path)) fail('listed-twice', manifestFile, shown`lists ${file.path} more than once`);
    else listed.set(file.path, file);
  }
  /** Each expected file's place in the archive, from 0: the listed files, then the closing ones. */
  const expectedPlace = new Map<string, number>();
  for (const path of [...listed.keys(), ...closingFiles]) expectedPlace.set(path, expectedPlace.size);
  /** The first entry of each name; a later one of the same name is the reader's duplicate. */
  const present = new Map<string, ZipDirectoryEntry>();
  for (const entry of entries) if (!present.has(entry.name)) present.set(entry.name, entry);

  const digests = new Map<ZipDirectoryEntry, EntryDigest | null>();
  const digestOf = async (entry: ZipDirectoryEntry): Promise<EntryDigest | null> => {
    if (!digests.has(entry)) digests.set(entry, entry.problems.length > 0 ? null : await entryDigest(source, entry).catch(() => null));
    return digests.get(entry)!;
  };

  await reportAddedAndRemoved(entries, listed, expectedPlace, present, digestOf, fail);
  reportOrder(entries, expectedPlace, fail);

  const intact = new Set<string>();
  for (const file of listed.values()) {
    const entry = present.get(file.path);
    // A damaged entry was reported by the archive check, under its own kind.
    if (!entry || entry.problems.length > 0) continue;
    const place = { entry: entry.index, offset: entry.localHeaderOffset };
    if (entry.size !== file.size) {
      fail('size-changed', file.path, shown`${entry.size} bytes, but the manifest lists ${file.size}: the file was changed`, place);
      continue;
    }
    const digest = await digestOf(entry);
    if (!digest) fail('unreadable-file', file.path, shown`its bytes cannot be read from the archive`, place);
    else if (digest.sha256 !== file.sha256) fail('content-changed', file.path, shown`its SHA-256 is ${plain(digest.sha256)}, but the manifest lists ${plain(file.sha256)}: the file was changed`, place);
    else if (!digest.crcMatches) fail('crc-mismatch', file.path, shown`its bytes are as listed, but the archive’s CRC-32 for it is wrong: the archive was tampered with`, place);
    else intact.add(file.path);
  }
  return intact;
}

/** Files in the archive the manifest does not list, and listed files the archive lacks, renames paired. */
async function reportAddedAndRemoved(
  entries: readonly ZipDirectoryEntry[],
  listed: ReadonlyMap<string, BundleFile>,
  expectedPlace: ReadonlyMap<string, number>,
  present: ReadonlyMap<string, ZipDirectoryEntry>,
  digestOf: (entry: ZipDirectoryEntry) => Promise<EntryDigest | null>,
  fail: Fail,
): Promise<void> {
  // The closing files are not listed in the manifest; verify.ts reports them missing.
  const missing = [...listed.values()].filter((file) => !present.has(file.path));
  /** Missing files by size and SHA-256: what an unlisted file must hold to be one of them renamed. */
  const missingByContent = new Map<string, { files: BundleFile[]; next: number }>();
  const sizes = new Set<number>();
  for (const file of missing) {
    const key = `${file.size} ${file.sha256}`;
    const same = missingByContent.get(key);
    if (same) same.files.push(file);
    else missingByContent.set(key, { files: [file], next: 0 });
    sizes.add(file.size);
  }
  /** The next missing file with this content not yet paired with a rename. */
  const takeMissing = (key: string): BundleFile | undefined => {
    const same = missingByContent.get(key);
    return same && same.next < same.files.length ? same.files[same.next++] : undefined;
  };
  const renamedTo = new Map<string, string>();
  for (const entry of entries) {
    if (expectedPlace.has(entry.name)) continue;
    // Only an entry of a missing file's size is hashed to see whether it is that file renamed.
    const digest = sizes.has(entry.size) ? await digestOf(entry) : null;
    const original = digest ? takeMissing(`${entry.size} ${digest.sha256}`) : undefined;
    const place = { entry: entry.index, offset: entry.localHeaderOffset };
    if (original) {
      renamedTo.set(original.path, entry.name);
      fail('renamed-file', entry.name, shown`not listed in the manifest: it is ${original.path} renamed`, place);
    } else {
      fail('unlisted-file', entry.name, shown`not listed in the manifest: a file was added to the bundle`, place);
    }
  }
  for (const file of missing) {
    const renamed = renamedTo.get(file.path);
    if (renamed !== undefined) fail('renamed-file', file.path, shown`missing from the archive: renamed to ${renamed}`);
    else fail('missing-file', file.path, shown`listed in the manifest but missing from the archive: the file was deleted`);
  }
}

/** Among the files both have, the archive's order must be the manifest's. */
function reportOrder(entries: readonly ZipDirectoryEntry[], expectedPlace: ReadonlyMap<string, number>, fail: Fail): void {
  const seen = new Set<string>();
  const inArchive = entries.filter((entry) => expectedPlace.has(entry.name) && !seen.has(entry.name) && seen.add(entry.name));
  const inManifest = [...expectedPlace.keys()].filter((path) => seen.has(path));
  inArchive.forEach((entry, index) => {
    if (entry.name !== inManifest[index]) {
      fail('out-of-order', entry.name, shown`out of order: it is file ${entry.index + 1} of the archive, but the manifest puts it at ${expectedPlace.get(entry.name)! + 1}`, {
        entry: entry.index,
        offset: entry.localHeaderOffset,
      });
    }
  });
}
