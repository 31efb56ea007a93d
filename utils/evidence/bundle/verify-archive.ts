/**
 * The first stage of verifying a bundle: the ZIP container. The archive must be readable
 * (./zip-reader.ts), every entry sound as a ZIP entry (each problem the reader finds is a finding
 * of its kind, naming the entry), every name one a reader can see as it is (./shown-text.ts), and
 * the whole file laid out exactly as Colophon's writer lays it out (./verify-layout.ts).
 */
import { checkLayout } from './verify-layout';
import type { Fail } from './verify-findings';
import type { RandomAccessSource } from './random-access';
import { hiddenCharacters, shown, ShownText } from './shown-text';
import { readZipArchive, ZipFormatError, type ZipArchive, type ZipDirectoryEntry, type ZipProblemKind } from './zip-reader';

/** Problems stated by the central directory header; the others concern the local header and the data. */
const centralProblems: ReadonlySet<ZipProblemKind> = new Set(['unsafe-name', 'duplicate-name', 'name-encoding', 'bad-extra-field', 'unsupported-method', 'encrypted', 'size-mismatch']);

/** The archive's entries, every finding about them recorded; null when the archive cannot be read at all. */
export async function checkArchive(source: RandomAccessSource, fail: Fail, maxEntries: number): Promise<ZipDirectoryEntry[] | null> {
  let archive: ZipArchive;
  try {
    archive = await readZipArchive(source, { maxEntries });
  } catch (error) {
    if (!(error instanceof ZipFormatError)) throw error;
    // The reader's messages quote names with ./shown-text.ts, so they are already fit to show.
    fail(error.reason, null, shown`the file is not a readable ZIP archive: ${new ShownText(error.message)}`);
    return null;
  }
  for (const entry of archive.entries) {
    const place = { entry: entry.index };
    for (const problem of entry.problems) {
      const offset = centralProblems.has(problem.kind) ? entry.recordOffset : entry.localHeaderOffset;
      fail(problem.kind, entry.name, new ShownText(problem.message), { ...place, offset });
    }
    const hidden = hiddenCharacters(entry.name);
    if (hidden.length > 0) {
      fail('hidden-characters', entry.name, shown`its name holds characters a screen acts on or does not show: ${new ShownText(hidden.join(' '))}`, { ...place, offset: entry.recordOffset });
    }
  }
  await checkLayout(source, archive, fail);
  return archive.entries;
}
