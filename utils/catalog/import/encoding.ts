/**
 * Bytes → text for CSV and spreadsheet exports, chunk by chunk, so a 100 MB file is never held
 * whole. CSV files carry no declaration of their encoding, so it is read from their first bytes:
 *   1. a byte-order mark (UTF-8, UTF-16 LE/BE: what Excel's "CSV UTF-8" and "Unicode text" write);
 *   2. UTF-16 without a mark, recognised by its NUL bytes (every ASCII character has one);
 *   3. UTF-8 when the bytes are valid UTF-8 (the default of every modern tool), or nearly so;
 *   4. otherwise a legacy code page: GB18030 (a superset of GBK, what Chinese Excel saves as
 *      "CSV") when the high bytes come in pairs, as Chinese characters do, windows-1252 (Western
 *      Excel) when they stand alone among ASCII letters, as accented letters do.
 * Decoding is TextDecoder in streaming mode, which browsers and Node (full ICU) provide for all
 * five encodings.
 * Files that are not text at all (an .xlsx saved under a .csv name, random bytes) are refused
 * with a reason the user can act on.
 *
 * Written here rather than with a statistical detector (chardet, jschardet) because the choice is
 * among five encodings by rules a user can be told ("not valid UTF-8; its high bytes pair up as
 * Chinese characters do"), each of them tested on one catalogue written in every encoding
 * (tests/unit/catalog/csv-encoding.test.ts).
 */
import { concat } from './bytes';
import { englishOf, issueText, type IssueText } from './issue-text';

export type CatalogueEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'windows-1252';

/** The file is not text; `message` (and `text`, for the user's language) says what it looks like instead. */
export class NotTextError extends Error {
  override name = 'NotTextError';

  constructor(readonly text: IssueText) {
    super(englishOf(text));
  }
}

/** Enough bytes to see a mark, NUL patterns and a few rows of high bytes. */
const sniffBytes = 4096;

/** Only for files that are not text: what they most likely are, and what to do. */
const signatures: Array<[number[], IssueText]> = [
  [[0x50, 0x4b, 0x03, 0x04], issueText('csvNotTextXlsx')],
  [[0xd0, 0xcf, 0x11, 0xe0], issueText('csvNotTextXls')],
  [[0x25, 0x50, 0x44, 0x46], issueText('csvNotTextPdf')],
  [[0x1f, 0x8b], issueText('csvNotTextGzip')],
];

export function detectEncoding(head: Uint8Array): CatalogueEncoding {
  if (startsWith(head, [0xef, 0xbb, 0xbf])) return 'utf-8';
  if (startsWith(head, [0xff, 0xfe])) return 'utf-16le';
  if (startsWith(head, [0xfe, 0xff])) return 'utf-16be';
  const utf16 = utf16ByNuls(head);
  if (utf16) return utf16;
  for (const [signature, what] of signatures) {
    if (startsWith(head, signature)) throw new NotTextError(what);
  }
  if (looksBinary(head)) throw new NotTextError(issueText('csvNotTextBinary'));
  return isUtf8(head) ? 'utf-8' : fallbackEncoding(head);
}

/**
 * Decodes one file. The first bytes may all be ASCII (a Chinese catalogue whose first Chinese
 * title is on row 2 000), so UTF-8 is only settled at the first non-ASCII chunk: if that chunk is
 * not UTF-8, decoding switches to the legacy code page there, which is exact because ASCII is the
 * same in all of them. Invalid bytes in UTF-8 text become U+FFFD, which the importer reports per
 * column.
 */
export class CatalogueDecoder {
  private decoder: TextDecoder;
  /** True once a non-ASCII byte has been decoded: from then on, the encoding is settled. */
  private settled: boolean;

  constructor(public encoding: CatalogueEncoding) {
    // Not fatal: after real UTF-8 text, one bad byte must not fail a whole import.
    this.decoder = new TextDecoder(encoding);
    this.settled = encoding !== 'utf-8';
  }

  decode(bytes: Uint8Array, final = false): string {
    if (!this.settled && !isAscii(bytes)) {
      this.settled = true;
      // Nothing before this chunk was anything but ASCII, so nothing decoded so far changes.
      const encoding = isUtf8(bytes) ? 'utf-8' : fallbackEncoding(bytes);
      if (encoding !== this.encoding) {
        this.encoding = encoding;
        this.decoder = new TextDecoder(encoding);
      }
    }
    return this.decoder.decode(bytes, { stream: !final });
  }
}

export interface DecodedChunk {
  text: string;
  bytesRead: number;
}

/**
 * The text of a stream, chunk by chunk. `onEncoding` hears the encoding once it is known (and
 * again if a pure-ASCII start turned out to be a legacy code page).
 */
export async function* decodeCatalogue(
  stream: ReadableStream<Uint8Array>,
  onEncoding: (encoding: CatalogueEncoding) => void,
): AsyncGenerator<DecodedChunk> {
  const reader = stream.getReader();
  let bytesRead = 0;
  let head: Uint8Array | null = new Uint8Array(0);
  let decoder: CatalogueDecoder | null = null;
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      finished = done;
      let bytes = value ?? new Uint8Array(0);
      bytesRead += bytes.byteLength;
      if (head) {
        head = concat(head, bytes);
        if (!done && head.byteLength < sniffBytes) continue;
        if (head.byteLength === 0) return;
        decoder = new CatalogueDecoder(detectEncoding(head));
        onEncoding(decoder.encoding);
        bytes = head;
        head = null;
      }
      const before = decoder!.encoding;
      const text = decoder!.decode(bytes, done);
      if (decoder!.encoding !== before) onEncoding(decoder!.encoding);
      if (text || done) yield { text, bytesRead };
      if (done) return;
    }
  } finally {
    // The consumer stopped early (an error, the user cancelled): let the file go.
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

// ---- Heuristics ------------------------------------------------------------------------------

/**
 * UTF-16 text without a mark: ASCII characters are one NUL and one letter, so at least a third
 * of the bytes on one side are NUL and almost none on the other. (A Chinese-only UTF-16 file has
 * no NULs and is not recognised; Excel always writes the mark, so such files are rare.)
 */
function utf16ByNuls(head: Uint8Array): CatalogueEncoding | null {
  const pairs = Math.floor(Math.min(head.byteLength, sniffBytes) / 2);
  if (pairs < 2) return null;
  let evenNuls = 0;
  let oddNuls = 0;
  for (let i = 0; i < pairs; i++) {
    if (head[2 * i] === 0) evenNuls++;
    if (head[2 * i + 1] === 0) oddNuls++;
  }
  if (oddNuls >= pairs / 3 && evenNuls <= pairs / 20) return 'utf-16le';
  if (evenNuls >= pairs / 3 && oddNuls <= pairs / 20) return 'utf-16be';
  return null;
}

/** NUL, or more than 1 % C0 controls other than tab, line feed, carriage return and form feed. */
function looksBinary(head: Uint8Array): boolean {
  let controls = 0;
  for (const byte of head) {
    if (byte === 0) return true;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) controls++;
  }
  return controls > head.byteLength / 100;
}

function isUtf8(head: Uint8Array): boolean {
  try {
    // stream: true, so a character cut by the end of the sniffed bytes is not held against it.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * Bytes that are not all valid UTF-8. Mostly valid UTF-8 with a stray byte or two is UTF-8 (the
 * stray bytes become U+FFFD, reported per column). Otherwise a legacy code page: GB18030/GBK
 * writes each Chinese character as two high bytes, windows-1252 each accented letter as one high
 * byte among ASCII letters; whichever pattern the bytes show more of wins. (Big5 and Shift-JIS
 * also pair high bytes and would be read as GB18030: such files must be saved as UTF-8.)
 */
function fallbackEncoding(bytes: Uint8Array): CatalogueEncoding {
  let utf8 = 0;
  let notUtf8 = 0;
  let pairs = 0;
  let lone = 0;
  for (let i = 0; i < bytes.byteLength; i++) {
    const byte = bytes[i]!;
    if (byte < 0x80) continue;
    const length = utf8Length(bytes, i);
    if (length > 0) utf8++;
    else notUtf8++;
    const next = bytes[i + 1] ?? 0;
    if (byte >= 0x81 && byte <= 0xfe && next >= 0x80 && next <= 0xfe) {
      pairs++;
      i++;
    } else {
      lone++;
    }
    if (length > 2) i += length - 2;
  }
  if (utf8 > notUtf8) return 'utf-8';
  return pairs >= lone ? 'gb18030' : 'windows-1252';
}

/** The length of the UTF-8 sequence starting at `i`, 0 when it is not one. */
function utf8Length(bytes: Uint8Array, i: number): number {
  const byte = bytes[i]!;
  const length = byte >= 0xc2 && byte <= 0xdf ? 2 : byte >= 0xe0 && byte <= 0xef ? 3 : byte >= 0xf0 && byte <= 0xf4 ? 4 : 0;
  for (let k = 1; k < length; k++) {
    const next = bytes[i + k];
    if (next === undefined || next < 0x80 || next > 0xbf) return 0;
  }
  return length;
}

/** Four bytes at a time where the bytes are aligned for it: this runs over every chunk of an ASCII file. */
function isAscii(bytes: Uint8Array): boolean {
  let i = 0;
  while (i < bytes.byteLength && (bytes.byteOffset + i) % 4 !== 0) if (bytes[i++]! >= 0x80) return false;
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset + i, (bytes.byteLength - i) >> 2);
  for (const word of words) if (word & 0x80808080) return false;
  for (i += words.length * 4; i < bytes.byteLength; i++) if (bytes[i]! >= 0x80) return false;
  return true;
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return bytes.byteLength >= prefix.length && prefix.every((byte, i) => bytes[i] === byte);
}

