/**
 * The archive against the way Colophon's writer lays it out (./zip-writer.ts, ./zip-records.ts),
 * byte for byte. The writer puts each entry's local header, data and data descriptor back to back
 * from offset 0, in the order of the central directory, then the directory, then the end records,
 * and nothing else. So every byte of a bundle is either in a record that can be rebuilt from the
 * central directory and compared, or in an entry's data, which the manifest's SHA-256 covers. A
 * byte outside all of them (a prefix, a file slipped between entries, a second directory appended)
 * is content no check would see, yet a tool reading the archive from the front may show it; a header
 * whose fields differ from the writer's (another date, a comment, other attributes) may make tools
 * show something else than the verifier read. Either way the bundle is not what Colophon wrote.
 *
 * One pass over the entries in file order; each record is read through the verifier's block cache
 * (./random-access.ts), so records cost one file read per 64 KiB of them, not one each.
 */
import type { Fail } from './verify-findings';
import { recordDifference, centralHeaderKind, descriptorKind, endRecordsKind, localHeaderKind, type RecordKind } from './record-difference';
import { readRange, type RandomAccessSource } from './random-access';
import { plain, shown, type ShownText } from './shown-text';
import type { ZipArchive, ZipDirectoryEntry } from './zip-reader';
import { centralFileHeader, dataDescriptor, endOfArchive, endSize, localFileHeader, localHeaderSize, max32, signatures, type WrittenEntry } from './zip-records';

/** Where an entry's bytes lie: local header to the end of its data descriptor, as the writer would make it. */
interface Span {
  entry: ZipDirectoryEntry;
  start: number;
  dataEnd: number;
  end: number;
  /** Whether its local header carries a ZIP64 extra field (the writer's `zip64Local`). */
  zip64Local: boolean;
  /** Its place among the located entries in directory order, from 0. */
  listed: number;
}

function spansOf(entries: readonly ZipDirectoryEntry[]): Span[] {
  const spans: Span[] = [];
  for (const entry of entries) {
    if (entry.dataOffset === undefined) continue;
    // The writer's only local extra field is its 20-byte ZIP64 one; any other shows up as a difference in the header.
    const zip64Local = entry.localExtraLength === 20;
    const dataEnd = entry.dataOffset + entry.compressedSize;
    spans.push({ entry, start: entry.localHeaderOffset, dataEnd, end: dataEnd + (zip64Local || entry.size >= max32 ? 24 : 16), zip64Local, listed: spans.length });
  }
  return spans;
}

const quotedName = (span: Span | undefined) => (span ? shown`${span.entry.name}` : plain('the central directory'));

export async function checkLayout(source: RandomAccessSource, archive: ZipArchive, fail: Fail): Promise<void> {
  const spans = spansOf(archive.entries);
  const inFileOrder = checkOrder(spans, fail);
  await checkCoverage(source, inFileOrder, archive.location.offset, fail);
  for (const span of inFileOrder) {
    // An entry the reader already found damaged is reported as such; its fields are not compared again.
    if (span.entry.problems.length === 0) await checkRecords(source, span, archive, fail);
  }
  await checkEnd(source, archive, fail);
}

/** The spans sorted by where they start; each whose place differs from its place in the directory is reported. */
function checkOrder(spans: Span[], fail: Fail): Span[] {
  const sorted = spans.every((span, i) => i === 0 || spans[i - 1]!.start <= span.start) ? spans : [...spans].sort((a, b) => a.start - b.start || a.entry.index - b.entry.index);
  sorted.forEach((span, place) => {
    if (span !== spans[place]) {
      fail('directory-order', span.entry.name, shown`its bytes come in place ${place + 1} of the archive, but the central directory lists it in place ${span.listed + 1}`, { entry: span.entry.index, offset: span.start });
    }
  });
  return sorted;
}

/** Bytes no entry covers, and entries that reach into another, from offset 0 to the central directory. */
async function checkCoverage(source: RandomAccessSource, spans: readonly Span[], directoryOffset: number, fail: Fail): Promise<void> {
  let covered = 0;
  let reaching: Span | undefined;
  const uncovered = async (from: number, to: number, after: Span | undefined, before: Span | undefined) => {
    const head = await readRange(source, from, Math.min(4, to - from), 'bytes outside every entry');
    const hidden = head.length === 4 && new DataView(head.buffer, head.byteOffset).getUint32(0, true) === signatures.localFile;
    const what = hidden ? plain('; they begin with a local file header: a file left out of the central directory') : plain('');
    if (!after) fail('prefix', null, shown`${to - from} bytes before the first entry belong to no entry${what}`, { offset: from });
    else fail('gap', null, shown`${to - from} bytes between ${quotedName(after)} and ${quotedName(before)} belong to no entry${what}`, { offset: from });
  };
  for (const span of spans) {
    if (span.start > covered) await uncovered(covered, span.start, reaching, span);
    else if (span.start < covered && reaching && !span.entry.problems.some((problem) => problem.kind === 'overlap')) {
      fail('overlap', span.entry.name, shown`its local header lies inside the bytes of ${quotedName(reaching)}, which end at offset ${covered}`, { entry: span.entry.index, offset: span.start });
    }
    if (span.end > covered) {
      covered = span.end;
      reaching = span;
    }
  }
  if (covered < directoryOffset) await uncovered(covered, directoryOffset, reaching, undefined);
  else if (covered > directoryOffset && reaching) {
    fail('overlap', reaching.entry.name, shown`its data descriptor runs ${covered - directoryOffset} bytes into the central directory`, { entry: reaching.entry.index, offset: reaching.dataEnd });
  }
}

/** Reports where `actual` first differs from the writer's `expected` record of the entry, if it does. */
function compare(fail: Fail, code: 'record-form' | 'data-descriptor', entry: ZipDirectoryEntry, what: ShownText, kind: RecordKind, actual: Uint8Array, expected: Uint8Array, offset: number): void {
  const difference = recordDifference(kind, actual, expected);
  if (difference) fail(code, entry.name, shown`${what}: ${difference.says}`, { entry: entry.index, offset: offset + difference.at });
}

const localHeaderDiffers = plain('its local header is not as Colophon writes it');
const centralHeaderDiffers = plain('its central directory header is not as Colophon writes it');
const descriptorDiffers = plain('its data descriptor disagrees with the central directory');

/** The entry's local header, data descriptor and central directory header against the writer's. */
async function checkRecords(source: RandomAccessSource, span: Span, archive: ZipArchive, fail: Fail): Promise<void> {
  const { entry } = span;
  const written: WrittenEntry = {
    name: entry.nameBytes,
    modified: { time: entry.dosTime, date: entry.dosDate },
    crc: entry.crc32,
    size: entry.size,
    offset: entry.localHeaderOffset,
    zip64Local: span.zip64Local,
  };
  const extraLength = entry.localExtraLength ?? 0;
  if (span.zip64Local && entry.size < max32) {
    // The writer gives a local header a ZIP64 field only when told the file reaches 4 GiB, and refuses a file shorter than it was told.
    fail('record-form', entry.name, shown`its local header has a ZIP64 extra field, which Colophon writes only for files of 4 GiB or more`, { entry: entry.index, offset: entry.dataOffset! - extraLength });
  }
  const local = await readRange(source, span.start, localHeaderSize + entry.nameBytes.length + extraLength, 'a local header');
  compare(fail, 'record-form', entry, localHeaderDiffers, localHeaderKind, local, localFileHeader(entry.nameBytes, written.modified, span.zip64Local), span.start);

  const wide = span.end - span.dataEnd === 24;
  if (span.end > archive.location.offset) {
    fail('data-descriptor', entry.name, shown`it has no room for its data descriptor before the central directory`, { entry: entry.index, offset: span.dataEnd });
  } else {
    const expected = dataDescriptor(entry.crc32, entry.size, wide);
    const actual = await readRange(source, span.dataEnd, expected.length, 'a data descriptor');
    if (actual[0] !== expected[0] || actual[1] !== expected[1] || actual[2] !== expected[2] || actual[3] !== expected[3]) {
      fail('data-descriptor', entry.name, shown`no data descriptor follows its data`, { entry: entry.index, offset: span.dataEnd });
    } else compare(fail, 'data-descriptor', entry, descriptorDiffers, wide ? descriptorKind.zip64 : descriptorKind.classic, actual, expected, span.dataEnd);
  }

  const start = entry.recordOffset - archive.location.offset;
  const central = archive.directory.subarray(start, start + entry.recordLength);
  compare(fail, 'record-form', entry, centralHeaderDiffers, centralHeaderKind, central, centralFileHeader(written), entry.recordOffset);
}

/** The end records against the writer's for this directory, then anything after them. */
async function checkEnd(source: RandomAccessSource, { location }: ZipArchive, fail: Fail): Promise<void> {
  const expected = endOfArchive({ entryCount: location.entryCount, offset: location.offset, size: location.size });
  const from = location.offset + location.size;
  // Up to the comment length, which the trailing bytes below account for.
  const actual = await readRange(source, from, location.endOffset + endSize - 2 - from, 'the end records');
  const difference = recordDifference(endRecordsKind(expected.length > endSize), actual, expected.subarray(0, expected.length - 2));
  if (difference) {
    const written = expected.length - 2;
    const extra = actual.length === written ? plain('') : plain(actual.length > written ? ' (ZIP64 end records where Colophon writes none)' : ' (no ZIP64 end records where Colophon writes them)');
    fail('end-record', null, shown`the archive's end records are not as Colophon writes them: ${difference.says}${extra}`, { offset: from + difference.at });
  }
  if (location.commentLength > 0) {
    fail('trailing-bytes', null, shown`the archive ends with a comment of ${location.commentLength} bytes, which Colophon never writes`, { offset: location.endOffset + endSize });
  }
  if (location.trailingBytes > 0) {
    fail('trailing-bytes', null, shown`${location.trailingBytes} bytes follow the archive's end record`, { offset: source.size - location.trailingBytes });
  }
}
