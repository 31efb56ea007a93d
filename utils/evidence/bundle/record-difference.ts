/**
 * Where a ZIP record read from a bundle first differs from the record Colophon's writer makes for
 * the same entry (./zip-records.ts builds both), named by its field, so the verifier can say
 * "its flags are 0x0000 where Colophon writes 0x0808" rather than only that a header differs.
 * The field tables follow PKWARE's APPNOTE 6.3 (sections 4.3.7 to 4.3.16).
 */
import { plain, shown, type ShownText } from './shown-text';

/** A fixed field: where it starts in the record, its width in bytes, its name, whether to show it in hex. */
type Field = readonly [at: number, width: number, name: string, hex?: boolean];

export interface RecordKind {
  fields: readonly Field[];
  /** What follows the fixed fields, given the expected record: a name, then an extra field, then a comment. */
  variable: (at: number, expected: Uint8Array) => string;
}

const nameThenExtra = (fixed: number, nameLengthAt: number, extraLengthAt: number) => (at: number, expected: Uint8Array) => {
  const view = new DataView(expected.buffer, expected.byteOffset, expected.byteLength);
  const nameEnd = fixed + view.getUint16(nameLengthAt, true);
  if (at < nameEnd) return 'name';
  return at < nameEnd + view.getUint16(extraLengthAt, true) ? 'extra field' : 'comment';
};

export const localHeaderKind: RecordKind = {
  fields: [
    [0, 4, 'signature', true], [4, 2, 'version needed to extract'], [6, 2, 'flags', true], [8, 2, 'compression method'],
    [10, 2, 'modification time'], [12, 2, 'modification date'], [14, 4, 'CRC-32', true], [18, 4, 'compressed size'],
    [22, 4, 'size'], [26, 2, 'name length'], [28, 2, 'extra field length'],
  ],
  variable: nameThenExtra(30, 26, 28),
};

export const centralHeaderKind: RecordKind = {
  fields: [
    [0, 4, 'signature', true], [4, 2, 'version made by', true], [6, 2, 'version needed to extract'], [8, 2, 'flags', true],
    [10, 2, 'compression method'], [12, 2, 'modification time'], [14, 2, 'modification date'], [16, 4, 'CRC-32', true],
    [20, 4, 'compressed size'], [24, 4, 'size'], [28, 2, 'name length'], [30, 2, 'extra field length'], [32, 2, 'comment length'],
    [34, 2, 'disk number'], [36, 2, 'internal attributes', true], [38, 4, 'external attributes', true], [42, 4, 'local header offset'],
  ],
  variable: nameThenExtra(46, 28, 30),
};

const nothingAfter = () => 'end';

/** The data descriptor, with 4-byte sizes (16 bytes) or 8-byte ZIP64 ones (24 bytes). */
const descriptorOf = (width: 4 | 8): RecordKind => ({
  fields: [[0, 4, 'signature', true], [4, 4, 'CRC-32', true], [8, width, 'compressed size'], [8 + width, width, 'size']],
  variable: nothingAfter,
});
export const descriptorKind = { classic: descriptorOf(4), zip64: descriptorOf(8) } as const;

const classicEnd = (at: number): Field[] => [
  [at, 4, 'end record signature', true], [at + 4, 2, 'disk number'], [at + 6, 2, 'directory disk'], [at + 8, 2, 'entries on this disk'],
  [at + 10, 2, 'entry count'], [at + 12, 4, 'directory size'], [at + 16, 4, 'directory offset'], [at + 20, 2, 'comment length'],
];

/** The records closing the archive: the classic end record, after a ZIP64 end record and locator when `zip64`. */
export const endRecordsKind = (zip64: boolean): RecordKind => ({
  fields: zip64
    ? [
        [0, 4, 'ZIP64 end record signature', true], [4, 8, 'ZIP64 end record size'], [12, 2, 'version made by', true],
        [14, 2, 'version needed to extract'], [16, 4, 'disk number'], [20, 4, 'directory disk'], [24, 8, 'entries on this disk'],
        [32, 8, 'entry count'], [40, 8, 'directory size'], [48, 8, 'directory offset'], [56, 4, 'locator signature', true],
        [60, 4, 'disk of the ZIP64 end record'], [64, 8, 'ZIP64 end record offset'], [72, 4, 'disk count'], ...classicEnd(76),
      ]
    : classicEnd(0),
  variable: nothingAfter,
});

export interface RecordDifference {
  /** Offset of the first differing byte within the record. */
  at: number;
  /** Says which field differs and how, for a finding's message. */
  says: ShownText;
}

const valueAt = (bytes: Uint8Array, at: number, width: number): number | undefined => {
  if (at + width > bytes.length) return undefined;
  let value = 0;
  for (let i = width - 1; i >= 0; i--) value = value * 256 + bytes[at + i]!;
  return value;
};

/** The first difference between `actual` and `expected`, or undefined when they are the same bytes. */
export function recordDifference(kind: RecordKind, actual: Uint8Array, expected: Uint8Array): RecordDifference | undefined {
  const common = Math.min(actual.length, expected.length);
  let at = 0;
  while (at < common && actual[at] === expected[at]) at++;
  if (at === common) {
    return actual.length === expected.length ? undefined : { at, says: shown`it is ${actual.length} bytes long where Colophon writes ${expected.length}` };
  }
  const field = kind.fields.find(([start, width]) => at >= start && at < start + width);
  if (!field) return { at, says: shown`its ${plain(kind.variable(at, expected))} differs from what Colophon writes` };
  const [start, width, name, hex] = field;
  const show = (value: number | undefined) => (value === undefined ? 'missing' : hex ? `0x${value.toString(16).padStart(width * 2, '0')}` : String(value));
  return { at: start, says: shown`its ${plain(name)} is ${plain(show(valueAt(actual, start, width)))} where Colophon writes ${plain(show(valueAt(expected, start, width)))}` };
}
