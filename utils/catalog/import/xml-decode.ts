/**
 * Bytes → text for XML files, chunk by chunk, so a 500 MB ONIX feed is never held whole. The
 * encoding is found the way XML 1.0 appendix F says: a byte-order mark first, then the encoding the
 * XML declaration names, UTF-8 when there is neither. Decoding is strict (`fatal`), because a feed
 * that says UTF-8 but was saved as windows-1252 would otherwise import mojibake titles silently.
 */
import { concat } from './bytes';
import { englishOf, issueText, type IssueText } from './issue-text';

/** A file whose bytes do not fit its encoding. `textBefore` is the text decoded up to the bad bytes, so the caller can name the line. */
export class XmlEncodingError extends Error {
  constructor(
    readonly text: IssueText,
    readonly textBefore = '',
  ) {
    super(englishOf(text));
    this.name = 'XmlEncodingError';
  }
}

export interface DecodedText {
  text: string;
  /** Bytes read from the stream so far, for progress. */
  bytesRead: number;
}

/** Enough for any XML declaration (it must come first, and is rarely over 60 bytes). */
const declarationLimit = 1024;

export async function* decodeXml(stream: ReadableStream<Uint8Array>): AsyncGenerator<DecodedText> {
  const reader = stream.getReader();
  let bytesRead = 0;
  let head: Uint8Array | undefined = new Uint8Array(0);
  let decoder: TextDecoder | undefined;
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      finished = done;
      let bytes = value ?? new Uint8Array(0);
      bytesRead += bytes.length;
      if (head) {
        // Hold the first bytes until the declaration (and so the encoding) can be read.
        head = concat(head, bytes);
        if (!done && head.length < declarationLimit && !declarationEnded(head)) continue;
        decoder = decoderFor(head);
        bytes = head;
        head = undefined;
      }
      const text = decode(decoder!, bytes, done);
      if (text || done) yield { text, bytesRead };
      if (done) return;
    }
  } finally {
    // The consumer stopped early (an error, the user cancelled): let the file go.
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

function decode(decoder: TextDecoder, bytes: Uint8Array, done: boolean): string {
  try {
    return decoder.decode(bytes, { stream: !done });
  } catch {
    // Decode again leniently only to find where the bad bytes are, for the line number.
    const lenient = new TextDecoder(decoder.encoding).decode(bytes);
    const bad = lenient.indexOf('\ufffd');
    throw new XmlEncodingError(
      decoder.encoding === 'utf-8' ? issueText('xmlNotValidUtf8') : issueText('xmlNotValidEncoding', encodingName(decoder.encoding)),
      bad === -1 ? lenient : lenient.slice(0, bad),
    );
  }
}

function decoderFor(head: Uint8Array): TextDecoder {
  const [b0, b1, b2, b3] = head;
  // A byte-order mark wins over the declaration, which the BOM-less sniff below could not even read.
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return strict('utf-8');
  if (b0 === 0xff && b1 === 0xfe) return strict('utf-16le');
  if (b0 === 0xfe && b1 === 0xff) return strict('utf-16be');
  if (b0 === 0x3c && b1 === 0x00 && b2 === 0x3f && b3 === 0x00) return strict('utf-16le');
  if (b0 === 0x00 && b1 === 0x3c && b2 === 0x00 && b3 === 0x3f) return strict('utf-16be');
  const label = declaredEncoding(head);
  if (label === undefined) return strict('utf-8');
  if (/^(utf-?16|ucs-?2|utf-?32)/i.test(label)) {
    throw new XmlEncodingError(issueText('xmlUtf16WithoutBom', label));
  }
  try {
    return strict(label);
  } catch {
    throw new XmlEncodingError(issueText('xmlUnknownEncoding', label));
  }
}

function strict(label: string): TextDecoder {
  // TextDecoder strips a leading BOM itself (ignoreBOM is false by default). ISO-8859-1 decodes as
  // windows-1252, its superset, as browsers do: publishers' "Latin-1" files usually are 1252.
  return new TextDecoder(label, { fatal: true });
}

function declaredEncoding(head: Uint8Array): string | undefined {
  const ascii = String.fromCharCode(...head.subarray(0, declarationLimit));
  return /^<\?xml\s[^>]*?\bencoding\s*=\s*["']([A-Za-z][\w.:-]*)["']/.exec(ascii)?.[1];
}

function declarationEnded(head: Uint8Array): boolean {
  // Anything but "<?xml" at the start means there is no declaration to wait for.
  if (head.length >= 5 && !(head[0] === 0x3c && head[1] === 0x3f)) return true;
  for (let i = 1; i < head.length; i++) if (head[i] === 0x3e && head[i - 1] === 0x3f) return true;
  return false;
}

function encodingName(encoding: string): string {
  return encoding.startsWith('utf') ? encoding.toUpperCase().replace(/(LE|BE)$/, '') : encoding;
}

