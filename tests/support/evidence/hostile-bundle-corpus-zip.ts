/**
 * Hostile bundles that attack the ZIP container rather than the evidence: headers edited, bytes
 * slipped in before, between or after the entries, entries that overlap or nest, a directory that
 * lies about the order, a deflate bomb, and ZIP64 fields that lie. Every one keeps the real bundle's
 * evidence and signature intact, so only the container checks can refuse it.
 */
import { deflateRawSync } from 'node:zlib';
import { constants } from 'node:zlib';
import { crc32 } from '@/utils/evidence/bundle/crc32';
import { centralFileHeader, dataDescriptor, endOfArchive, max32, type DirectoryPlacement } from '@/utils/evidence/bundle/zip-records';
import { flipByte } from './bundle-helpers';
import type { HostileCase } from './hostile-bundle-base';
import { assemble, bundleTime, editing, join, localRecord, patch, type Placed } from './hostile-bundle-helpers';
import { pixelPng } from './store-helpers';
import { utf8 } from './zip-helpers';

/** The central headers the writer makes, with `edit` applied to the entry named `name`. */
const directoryEditing = (name: string, edit: (entry: Placed) => Uint8Array | Uint8Array[]) => (placed: Placed[]) =>
  placed.flatMap((entry) => (new TextDecoder().decode(entry.written.name) === name ? edit(entry) : [centralFileHeader(entry.written)]));

/** ZIP64 end records for `placement` (as the writer makes them for 65,535 entries or more), then `edit`. */
function zip64Ends(placement: DirectoryPlacement, edit: (records: Uint8Array) => Uint8Array = (records) => records): Uint8Array {
  let records = endOfArchive({ ...placement, entryCount: 0xffff });
  for (const at of [24, 32]) records = patch(records, at, placement.entryCount, 8);
  for (const at of [76 + 8, 76 + 10]) records = patch(records, at, placement.entryCount, 2);
  return edit(records);
}

/** Raw DEFLATE data that inflates to `gibibytes` GiB of zeros: 16 MiB compressed once, its blocks repeated. */
export function deflateBomb(gibibytes: number): Uint8Array {
  // A full flush ends each copy on a byte boundary with no reference to what came before, so copies chain.
  const block = deflateRawSync(new Uint8Array(16 * 1024 * 1024), { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  return join([...Array.from({ length: gibibytes * 64 }, () => block), Uint8Array.of(0x03, 0x00)]);
}

export const zipCases: HostileCase[] = [
  {
    name: 'a local header whose flags were changed',
    make: ({ bundle, at, screenshot }) => flipByte(bundle, at(screenshot).offset + 6),
    expected: ({ at, screenshot }) => [{ code: 'record-form', file: screenshot, offset: at(screenshot).offset + 6 }],
  },
  {
    name: 'a local header with another modification date than the directory',
    make: ({ bundle, at, screenshot }) => patch(bundle, at(screenshot).offset + 12, bundleTime.date + 1, 2),
    expected: ({ at, screenshot }) => [{ code: 'record-form', file: screenshot, offset: at(screenshot).offset + 12 }],
  },
  {
    name: 'a data descriptor whose CRC-32 was changed',
    make: ({ bundle, at, screenshot }) => flipByte(bundle, at(screenshot).descriptorOffset + 4),
    expected: ({ at, screenshot }) => [{ code: 'data-descriptor', file: screenshot, offset: at(screenshot).descriptorOffset + 4 }],
  },
  {
    name: 'a data descriptor left out',
    make: ({ entries, screenshot }) => assemble(editing(entries, screenshot, (entry) => ({ ...entry, descriptor: new Uint8Array() }))),
    expected: ({ at, screenshot }) => [{ code: 'data-descriptor', file: screenshot, offset: at(screenshot).descriptorOffset }],
  },
  {
    name: 'a central directory header made executable',
    make: ({ bundle, at, screenshot }) => patch(bundle, at(screenshot).recordOffset + 38, (0o100755 << 16) >>> 0, 4),
    expected: ({ at, screenshot }) => [{ code: 'record-form', file: screenshot, offset: at(screenshot).recordOffset + 38 }],
  },
  {
    name: 'a central directory header with a comment',
    make: ({ entries, screenshot }) =>
      assemble(entries, { directory: directoryEditing(screenshot, (entry) => join([patch(centralFileHeader(entry.written), 32, 9, 2), utf8('see x.exe')])) }),
    expected: ({ at, screenshot }) => [{ code: 'record-form', file: screenshot, offset: at(screenshot).recordOffset + 32 }],
  },
  {
    name: 'two central directory headers for one local header, under one name',
    make: ({ entries, screenshot }) => assemble(entries, { directory: directoryEditing(screenshot, (entry) => [centralFileHeader(entry.written), centralFileHeader(entry.written)]) }),
    expected: ({ screenshot }) => [{ code: 'duplicate-name', file: screenshot }, { code: 'overlap', file: screenshot }],
  },
  {
    name: 'two central directory headers for one local header, under two names',
    make: ({ entries, screenshot }) =>
      assemble(entries, {
        directory: directoryEditing(screenshot, (entry) => [centralFileHeader(entry.written), centralFileHeader({ ...entry.written, name: utf8('items/copy.png') })]),
      }),
    expected: ({ screenshot }) => [{ code: 'overlap', file: screenshot }, { code: 'local-header', file: 'items/copy.png' }, { code: 'overlap', file: 'items/copy.png' }],
  },
  {
    name: 'a local header nested inside another entry’s data',
    make: ({ entries, screenshot }) =>
      assemble(
        editing(entries, screenshot, (entry) => [entry, { name: 'items/outer.bin', data: localRecord('items/inner.png', pixelPng) }]),
        {
          directory: (placed) =>
            placed.flatMap((entry) => {
              const header = centralFileHeader(entry.written);
              if (new TextDecoder().decode(entry.written.name) !== 'items/outer.bin') return [header];
              const inner = { name: utf8('items/inner.png'), modified: bundleTime, crc: crc32(pixelPng), size: pixelPng.length, offset: entry.dataOffset, zip64Local: false };
              return [header, centralFileHeader(inner)];
            }),
        },
      ),
    expected: () => [{ code: 'overlap', file: 'items/outer.bin' }, { code: 'overlap', file: 'items/inner.png' }, { code: 'unlisted-file', file: 'items/inner.png' }],
  },
  {
    name: 'a file hidden between two entries, left out of the directory',
    make: ({ entries, screenshot }) => assemble(editing(entries, screenshot, (entry) => [entry, localRecord('items/hidden.html', utf8('<script>alert(1)</script>'))])),
    expected: ({ at, screenshot }) => [{ code: 'gap', file: null, offset: at(screenshot).end }],
  },
  {
    name: 'bytes before the first entry, the offsets moved to match',
    make: ({ entries }) => assemble([utf8('MZ\u0090\u0000 a program that runs before the archive'), ...entries]),
    expected: () => [{ code: 'prefix', file: null, offset: 0 }],
  },
  {
    name: 'bytes after the end record',
    make: ({ bundle }) => join([bundle, utf8('appended after the archive')]),
    expected: ({ bundle }) => [{ code: 'trailing-bytes', file: null, offset: bundle.length }],
  },
  {
    name: 'an archive comment',
    make: ({ entries }) => assemble(entries, { end: (placement) => join([patch(endOfArchive(placement), 20, 11, 2), utf8('all checked')]) }),
    expected: ({ bundle }) => [{ code: 'trailing-bytes', file: null, offset: bundle.length }],
  },
  {
    name: 'a second central directory and end record appended',
    make: ({ entries }) =>
      assemble(entries, {
        end: (placement, directory) => {
          const second = { ...placement, offset: placement.offset + placement.size + 22 };
          return join([endOfArchive(placement), ...directory.slice(1), endOfArchive({ ...second, entryCount: directory.length - 1, size: placement.size - directory[0]!.length })]);
        },
      }),
    expected: ({ directoryOffset }) => [{ code: 'gap', file: null, offset: directoryOffset }],
  },
  {
    name: 'entries stored in another order than the directory lists them',
    make: ({ entries, screenshot }) => {
      const at = entries.findIndex((entry) => entry.name === screenshot);
      const swapped = [...entries];
      [swapped[at], swapped[at + 1]] = [swapped[at + 1]!, swapped[at]!];
      return assemble(swapped, {
        directory: (placed) => {
          const inOrder = [...placed];
          [inOrder[at], inOrder[at + 1]] = [inOrder[at + 1]!, inOrder[at]!];
          return inOrder.map((entry) => centralFileHeader(entry.written));
        },
      });
    },
    expected: ({ screenshot, afterScreenshot }) => [{ code: 'directory-order', file: afterScreenshot }, { code: 'directory-order', file: screenshot }],
  },
  {
    name: 'a compressed entry that would inflate to 5 GiB (a deflate bomb)',
    make: ({ entries, screenshot }) => {
      const bomb = deflateBomb(5);
      const size = 5 * 1024 ** 3;
      return assemble(
        editing(entries, screenshot, () => ({
          name: screenshot,
          data: bomb,
          local: (header) => patch(header, 8, 8, 2),
          descriptor: dataDescriptor(0, size, true),
        })),
        {
          directory: directoryEditing(screenshot, (entry) => {
            const header = patch(centralFileHeader({ ...entry.written, size }), 10, 8, 2);
            // The ZIP64 extra field holds the size, then the compressed size: the bomb's own length.
            return patch(header, header.length - 8, bomb.length, 8);
          }),
        },
      );
    },
    expected: ({ screenshot }) => [{ code: 'unsupported-method', file: screenshot }],
  },
  {
    name: 'a ZIP64 size that reaches beyond the end of the file',
    make: ({ entries, screenshot }) => assemble(entries, { directory: directoryEditing(screenshot, (entry) => centralFileHeader({ ...entry.written, size: 2 ** 40 })) }),
    expected: ({ screenshot }) => [{ code: 'out-of-bounds', file: screenshot }],
  },
  {
    name: 'a ZIP64 local header offset beyond the end of the file',
    make: ({ entries, screenshot }) => assemble(entries, { directory: directoryEditing(screenshot, (entry) => centralFileHeader({ ...entry.written, offset: 2 ** 40 })) }),
    expected: ({ screenshot }) => [{ code: 'out-of-bounds', file: screenshot }],
  },
  {
    name: 'a ZIP64 size one byte longer than the data',
    make: ({ entries, screenshot }) =>
      assemble(entries, {
        directory: directoryEditing(screenshot, (entry) => {
          const header = centralFileHeader({ ...entry.written, size: max32 });
          return patch(patch(header, header.length - 16, entry.written.size + 1, 8), header.length - 8, entry.written.size + 1, 8);
        }),
      }),
    expected: ({ at, screenshot }) => [{ code: 'data-descriptor', file: screenshot, offset: at(screenshot).descriptorOffset + 1 }, { code: 'record-form', file: screenshot }],
  },
  {
    name: 'ZIP64 end records that count another number of entries than the classic one',
    make: ({ entries }) => assemble(entries, { end: (placement) => zip64Ends(placement, (records) => patch(records, 32, placement.entryCount + 1, 8)) }),
    expected: () => [{ code: 'end-record', file: null }],
  },
  {
    name: 'a ZIP64 locator pointing beyond the end of the file',
    make: ({ entries }) => assemble(entries, { end: (placement) => zip64Ends(placement, (records) => patch(records, 56 + 8, 2 ** 40, 8)) }),
    expected: () => [{ code: 'end-record', file: null }],
  },
  {
    name: 'ZIP64 end records where none is needed',
    make: ({ entries }) => assemble(entries, { end: (placement) => zip64Ends(placement) }),
    expected: ({ directoryOffset, directorySize }) => [{ code: 'end-record', file: null, offset: directoryOffset + directorySize }],
  },
  {
    name: 'a local header with an Info-ZIP Unicode Path field naming the file otherwise',
    make: ({ entries, screenshot }) =>
      assemble(
        editing(entries, screenshot, (entry) => ({
          ...entry,
          local: (header) => {
            const other = utf8('items/other.png');
            const field = join([Uint8Array.of(0x75, 0x70, other.length + 5, 0, 1), patch(new Uint8Array(4), 0, crc32(utf8(screenshot)), 4), other]);
            return join([patch(header, 28, field.length, 2), field]);
          },
        })),
      ),
    expected: ({ at, screenshot }) => [{ code: 'record-form', file: screenshot, offset: at(screenshot).offset + 28 }],
  },
  {
    name: 'a small file given a ZIP64 local header',
    make: ({ entries, screenshot }) => assemble(editing(entries, screenshot, (entry) => ({ ...entry, zip64Local: true }))),
    expected: ({ at, screenshot }) => [{ code: 'record-form', file: screenshot, offset: at(screenshot).dataOffset }],
  },
];
