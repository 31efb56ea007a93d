/**
 * A streaming XML tokeniser: text goes in chunk by chunk (from xml-decode.ts), and start tags, end
 * tags and text come out as they complete, each with its line, so a 500 MB feed is read in the
 * memory of one chunk. It checks what makes XML well-formed (tags nest and match, one root,
 * attributes quoted and unique, entities known) and stops at the first fault with its line, as an
 * XML parser must. What ONIX never needs is left out: DTDs are skipped, not read (so their entity
 * declarations are not), and namespaces are left to the caller, which only compares local names.
 *
 * Why not saxes or sax: see the ONIX importer's notes (utils/catalog/import/onix.ts).
 */
import { englishOf, issueText, type IssueText } from './issue-text';
import { ReferenceFault, resolveReferences } from './xml-entities';
import { excerpt, markupEnd } from './xml-markup';

export class XmlSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly text: IssueText,
  ) {
    super(englishOf(text));
    this.name = 'XmlSyntaxError';
  }
}

export type XmlAttributes = Readonly<Record<string, string>>;

export interface XmlHandler {
  /** A start tag; `name` as written, prefix included. Self-closing tags give `open` then `close`. */
  open(name: string, attributes: XmlAttributes, line: number): void;
  close(name: string, line: number): void;
  /** Character data (entities resolved, CDATA included), possibly split across several calls. */
  text(text: string): void;
}

export interface XmlTokenizerOptions {
  /** Named entities beyond XML's five (`line` is where the reference is); undefined rejects the name. */
  resolveEntity?: (name: string, line: number) => string | undefined;
}

const noAttributes: XmlAttributes = Object.freeze({});
const nameChars = '[A-Za-z_:\\u00C0-\\uFFFF][-.\\w:\\u00B7\\u00C0-\\uFFFF]*';
const startTagName = new RegExp(`<(${nameChars})`, 'y');
const attribute = new RegExp(`\\s+(${nameChars})\\s*=\\s*(?:"([^"<]*)"|'([^'<]*)')`, 'y');
const startTagEnd = /\s*(\/?)>/y;
/** A comment, CDATA section or DOCTYPE longer than this is a broken file, not a real one. */
const maxMarkupLength = 8 * 1024 * 1024;

export class XmlTokenizer {
  private buffer = '';
  private position = 0;
  /** The line at `position`. */
  private line = 1;
  private readonly openNames: string[] = [];
  private readonly openLines: number[] = [];
  private rootSeen = false;

  constructor(
    private readonly handler: XmlHandler,
    private readonly options: XmlTokenizerOptions = {},
  ) {}

  /** The line the text fed so far ends on. */
  get lastLine(): number {
    return this.line + newlines(this.buffer, this.position, this.buffer.length);
  }

  feed(text: string): void {
    this.buffer = this.buffer.slice(this.position) + text;
    this.position = 0;
    this.run(false);
  }

  /** The input is over: anything left open is a truncated file. */
  end(): void {
    this.run(true);
    if (!this.rootSeen) throw new XmlSyntaxError(this.line, issueText('xmlNoRoot'));
    const depth = this.openNames.length;
    if (depth > 0) {
      throw new XmlSyntaxError(this.openLines[depth - 1]!, issueText('xmlTruncated', this.openNames[depth - 1]!));
    }
  }

  private run(final: boolean): void {
    const buffer = this.buffer;
    while (this.position < buffer.length) {
      const start = this.position;
      if (buffer.charCodeAt(start) !== 60 /* < */) {
        let end = buffer.indexOf('<', start);
        if (end === -1) {
          end = buffer.length;
          // Hold back what the next chunk may complete: an entity, or the \r of a \r\n.
          if (!final) {
            const amp = buffer.lastIndexOf('&');
            if (amp >= start && end - amp < 40) end = amp;
            if (buffer.charCodeAt(end - 1) === 13) end--;
            if (end <= start) return;
          }
        }
        this.characters(buffer.slice(start, end));
        this.advance(end);
        continue;
      }
      const end = markupEnd(buffer, start, final);
      if (typeof end === 'object') throw this.fail(end);
      if (end === -1) {
        if (final) throw this.fail(issueText('xmlTruncatedTag', excerpt(buffer, start)));
        if (buffer.length - start > maxMarkupLength) throw this.fail(issueText('xmlMarkupNeverEnds'));
        return;
      }
      this.markup(start, end);
      this.advance(end);
    }
  }

  private markup(start: number, end: number): void {
    const buffer = this.buffer;
    const second = buffer.charCodeAt(start + 1);
    if (second === 33 /* ! */) {
      if (buffer.startsWith('<![CDATA[', start)) {
        if (this.openNames.length === 0) throw this.fail(issueText('xmlCdataOutsideRoot'));
        this.handler.text(normaliseNewlines(buffer.slice(start + 9, end - 3)));
      } else if (buffer.startsWith('<!DOCTYPE', start) && this.rootSeen) {
        throw this.fail(issueText('xmlDoctypeAfterRoot'));
      }
      return; // comments, and the DOCTYPE (not read: ONIX 3.0 is defined by its XSD, not a DTD)
    }
    if (second === 63 /* ? */) return; // the XML declaration (xml-decode.ts read it) and other processing instructions
    if (second === 47 /* / */) return this.endTag(buffer.slice(start + 2, end - 1).trimEnd());
    this.startTag(start, end);
  }

  private startTag(start: number, end: number): void {
    const buffer = this.buffer;
    startTagName.lastIndex = start;
    const name = startTagName.exec(buffer)?.[1];
    if (!name) throw this.fail(issueText('xmlMalformedStartTag', excerpt(buffer, start)));
    if (this.rootSeen && this.openNames.length === 0) throw this.fail(issueText('xmlSecondRoot', name));
    let attributes = noAttributes;
    let selfClosing = false;
    let at = startTagName.lastIndex;
    if (at !== end - 1) {
      // Attributes, or a "/>": "<Name>", the common case, has neither.
      for (attribute.lastIndex = at; ; attribute.lastIndex = at) {
        const match = attribute.exec(buffer);
        if (!match || attribute.lastIndex > end) break;
        const key = match[1]!;
        if (attributes === noAttributes) attributes = {};
        if (Object.hasOwn(attributes, key)) throw this.fail(issueText('xmlDuplicateAttribute', name, key));
        (attributes as Record<string, string>)[key] = this.resolve(match[2] ?? match[3] ?? '', this.line);
        at = attribute.lastIndex;
      }
      startTagEnd.lastIndex = at;
      const close = startTagEnd.exec(buffer);
      if (!close || startTagEnd.lastIndex !== end) throw this.fail(issueText('xmlMalformedStartTag', excerpt(buffer, start)));
      selfClosing = close[1] === '/';
    }
    this.rootSeen = true;
    this.openNames.push(name);
    this.openLines.push(this.line);
    this.handler.open(name, attributes, this.line);
    if (selfClosing) this.endTag(name);
  }

  private endTag(name: string): void {
    const depth = this.openNames.length;
    if (depth === 0) throw this.fail(issueText('xmlClosesNothing', name));
    const expected = this.openNames[depth - 1]!;
    if (name !== expected) {
      throw this.fail(issueText('xmlMismatchedTags', name, expected, this.openLines[depth - 1]!));
    }
    this.openNames.pop();
    this.openLines.pop();
    this.handler.close(name, this.line);
  }

  private characters(raw: string): void {
    if (this.openNames.length === 0) {
      const visible = raw.search(/\S/);
      if (visible === -1) return;
      const line = this.line + newlines(raw, 0, visible);
      throw new XmlSyntaxError(line, issueText(this.rootSeen ? 'xmlTextAfterRoot' : 'xmlTextBeforeRoot'));
    }
    this.handler.text(this.resolve(normaliseNewlines(raw), this.line));
  }

  /** Resolves character and entity references; `line` is where `text` starts. */
  private resolve(text: string, line: number): string {
    if (text.indexOf('&') === -1) return text;
    const named = this.options.resolveEntity;
    try {
      return resolveReferences(text, named && ((name, offset) => named(name, line + newlines(text, 0, offset))));
    } catch (error) {
      if (error instanceof ReferenceFault) throw new XmlSyntaxError(line + newlines(text, 0, error.offset), error.text);
      throw error;
    }
  }

  private advance(to: number): void {
    this.line += newlines(this.buffer, this.position, to);
    this.position = to;
  }

  private fail(text: IssueText): XmlSyntaxError {
    return new XmlSyntaxError(this.line, text);
  }
}

function newlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/** XML reads \r\n and a lone \r as \n. */
function normaliseNewlines(text: string): string {
  return text.indexOf('\r') === -1 ? text : text.replace(/\r\n?/g, '\n');
}
