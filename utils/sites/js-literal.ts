/**
 * Reads the data marketplaces inline into their pages (`window.runParams = { data: … }`,
 * `var g_config = { itemId: '…', startTime: +new Date, … }`, `TShop.Setup({…})`) without ever
 * running page code. Page scripts are hostile text: this is a parser, not an evaluator, and any
 * value that is not a plain literal (a function call, `+new Date`, a ternary) reads as undefined.
 */
import { balancedEnd, commentEnd, stringEnd } from './js-scan';

export type JsValue = null | boolean | number | string | JsValue[] | { [key: string]: JsValue };

/** Parses the object or array literal that starts at `start` (a `{` or `[`); undefined if none. */
export function parseLiteralAt(source: string, start: number): JsValue | undefined {
  const parser = new LiteralParser(source, start);
  try {
    return parser.value(true);
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}

/**
 * The longest literal read at all (as JSON ending where its statement ends), and the longest read
 * bracket by bracket and by the parser below when it is not found that way.
 * The largest seen on saved marketplace pages are a 270 kB JSON search result and a 51 kB
 * non-JSON `runParams`, which the parser below reads in about 30 ms; a page can carry megabytes in
 * their place, which would hold the page for seconds each time Colophon reads it.
 */
export const maxLiteralChars = 2 * 1024 * 1024;
export const maxParsedChars = 128 * 1024;

/**
 * Finds `anchor` in the text and parses the first object literal after it, e.g.
 * `literalAfter(script, /window\.runParams\s*=/)`. A literal longer than the limits above reads
 * as undefined.
 */
export function literalAfter(source: string, anchor: RegExp): JsValue | undefined {
  const match = anchor.exec(source);
  if (!match) return undefined;
  const open = source.indexOf('{', match.index + match[0].length - 1);
  if (open < 0) return undefined;
  const json = jsonAtStatementEnd(source, open);
  if (json !== undefined) return json;
  // Past the fast path, the literal is read bracket by bracket: only as far as the parser reads.
  const end = balancedEnd(source, open, open + maxParsedChars);
  if (end < 0) return undefined;
  try {
    return JSON.parse(source.slice(open, end)) as JsValue;
  } catch {
    return parseLiteralAt(source, open);
  }
}

/**
 * Where a statement or a literal's member may end after a closing brace: `};`, `})`, or `}` or `},`
 * at the end of a line.
 */
const statementEnd = /\}(?:\s*?[;)]|,?[^\S\n]*$)/gm;
/** The statement ends tried before reading bracket by bracket. */
const triedEnds = 4;

/**
 * The fast path: data written as JSON (most marketplace data is), read by JSON.parse alone. The
 * content script reads hundreds of kilobytes of page script before its own code has been
 * optimised, and finding the literal's end bracket by bracket in script takes most of that time;
 * a statement usually ends right after the literal, so its first few possible ends are tried. A
 * JSON value that parses from `open` to one of them is the literal itself: it closes its own
 * brackets. Anything else (a JavaScript literal, a `};` inside a string) falls to the slow path.
 */
function jsonAtStatementEnd(source: string, open: number): JsValue | undefined {
  // Searched only as far as a literal may reach: a page can put megabytes of text after `open`.
  const reach = source.slice(open, open + maxLiteralChars);
  statementEnd.lastIndex = 0;
  for (let tried = 0; tried < triedEnds; tried++) {
    const found = statementEnd.exec(reach);
    if (!found) return undefined;
    try {
      return JSON.parse(reach.slice(0, found.index + 1)) as JsValue;
    } catch {
      // Not JSON, or not its end: try the next end.
    }
  }
  return undefined;
}

/** Deeper than any page's data; deeper input is hostile and would exhaust the stack. */
const maxDepth = 512;

const escapes: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', v: '\v', '0': '\0' };
const identifierStart = /[A-Za-z_$]/;
/** Sticky: they match at the parser's position only. */
const identifier = /[\w$]*/y;
const space = /\s*/y;
const plainRuns: Record<string, RegExp> = { '"': /[^\\"\n]*/y, "'": /[^\\'\n]*/y };

class LiteralParser {
  private depth = 0;

  constructor(
    private readonly source: string,
    private position: number,
  ) {}

  /** A value; the outermost literal may be followed by anything (`{…}\nvar next = …`). */
  value(outermost = false): JsValue | undefined {
    this.skipSpace();
    const c = this.source[this.position];
    let result: JsValue | undefined;
    if (c === '{') result = this.object();
    else if (c === '[') result = this.array();
    else if (c === '"' || c === "'") result = this.string();
    else if (c !== undefined && /[-\d.]/.test(c)) result = this.number();
    else if (c !== undefined && identifierStart.test(c)) result = this.keyword();
    else return this.skipExpression();
    if (outermost) return result;
    // A literal followed by an operator (`'a' + b`, `x ? y : z`) is an expression: unknown.
    this.skipSpace();
    const next = this.source[this.position];
    if (next !== undefined && !',}]);'.includes(next)) return this.skipExpression();
    return result;
  }

  private enter(): void {
    if (++this.depth > maxDepth) throw new SyntaxError('nested too deeply');
  }

  private object(): { [key: string]: JsValue } {
    const result: { [key: string]: JsValue } = {};
    this.enter();
    this.position++;
    for (;;) {
      this.skipSpace();
      if (this.source[this.position] === '}') {
        this.position++;
        this.depth--;
        return result;
      }
      const key = this.key();
      this.skipSpace();
      if (this.source[this.position] !== ':') throw new SyntaxError('expected :');
      this.position++;
      const value = this.value();
      if (value !== undefined && key !== '__proto__') result[key] = value;
      this.skipSpace();
      const c = this.source[this.position++];
      if (c === '}') {
        this.depth--;
        return result;
      }
      if (c !== ',') throw new SyntaxError('expected , or }');
    }
  }

  private array(): JsValue[] {
    const result: JsValue[] = [];
    this.enter();
    this.position++;
    for (;;) {
      this.skipSpace();
      if (this.source[this.position] === ']') {
        this.position++;
        this.depth--;
        return result;
      }
      const value = this.value();
      result.push(value === undefined ? null : value);
      this.skipSpace();
      const c = this.source[this.position++];
      if (c === ']') {
        this.depth--;
        return result;
      }
      if (c !== ',') throw new SyntaxError('expected , or ]');
    }
  }

  private key(): string {
    const c = this.source[this.position];
    if (c === '"' || c === "'") return this.string();
    const start = this.position;
    this.position = this.skipIdentifier();
    if (start === this.position) throw new SyntaxError('expected a key');
    return this.source.slice(start, this.position);
  }

  private string(): string {
    const quote = this.source[this.position++]!;
    const plain = plainRuns[quote]!;
    let result = '';
    for (;;) {
      plain.lastIndex = this.position;
      plain.exec(this.source);
      result += this.source.slice(this.position, plain.lastIndex);
      this.position = plain.lastIndex;
      const c = this.source[this.position++];
      if (c === undefined || c === '\n') throw new SyntaxError('unterminated string');
      if (c === quote) return result;
      const e = this.source[this.position++]!;
      if (e === 'u') {
        const braced = this.source[this.position] === '{';
        const hex = braced
          ? this.source.slice(this.position + 1, this.source.indexOf('}', this.position))
          : this.source.slice(this.position, this.position + 4);
        const code = Number.parseInt(hex, 16);
        if (!/^[\da-fA-F]{1,6}$/.test(hex) || code > 0x10ffff) throw new SyntaxError('bad escape');
        result += String.fromCodePoint(code);
        this.position += braced ? hex.length + 2 : 4;
      } else if (e === 'x') {
        result += String.fromCharCode(Number.parseInt(this.source.slice(this.position, this.position + 2), 16));
        this.position += 2;
      } else if (e === '\n') {
        // A line continuation adds nothing.
      } else result += escapes[e] ?? e;
    }
  }

  private number(): number | undefined {
    const match = /^-?(?:0[xX][\da-fA-F]+|\d*\.?\d+(?:[eE][-+]?\d+)?)/.exec(this.source.slice(this.position, this.position + 40));
    if (!match) return this.skipExpression();
    this.position += match[0].length;
    const text = match[0];
    const value = text.startsWith('-') ? -Number(text.slice(1)) : Number(text);
    return Number.isFinite(value) ? value : this.skipExpression();
  }

  private keyword(): JsValue | undefined {
    const start = this.position;
    this.position = this.skipIdentifier();
    const word = this.source.slice(start, this.position);
    if (word === 'true') return true;
    if (word === 'false') return false;
    if (word === 'null') return null;
    this.position = start;
    return this.skipExpression();
  }

  /** Skips an expression we will not evaluate, up to the `,` `}` `]` that ends it. */
  private skipExpression(): undefined {
    for (;;) {
      const c = this.source[this.position];
      if (c === undefined) throw new SyntaxError('unexpected end');
      if (c === ',' || c === '}' || c === ']') return undefined;
      if (c === '"' || c === "'" || c === '`') {
        const end = stringEnd(this.source, this.position);
        if (end === 0) throw new SyntaxError('unterminated string');
        this.position = end;
      } else if (c === '/' && (this.source[this.position + 1] === '/' || this.source[this.position + 1] === '*')) {
        const end = commentEnd(this.source, this.position);
        if (end === 0) throw new SyntaxError('unterminated comment');
        this.position = end;
      } else if (c === '{' || c === '[' || c === '(') {
        const end = balancedEnd(this.source, this.position);
        if (end < 0) throw new SyntaxError('unbalanced');
        this.position = end;
      } else this.position++;
    }
  }

  /** The position just past the identifier characters at the parser's position. */
  private skipIdentifier(): number {
    identifier.lastIndex = this.position;
    identifier.exec(this.source);
    return identifier.lastIndex;
  }

  private skipSpace(): void {
    for (;;) {
      space.lastIndex = this.position;
      space.exec(this.source);
      this.position = space.lastIndex;
      if (this.source[this.position] === '/' && (this.source[this.position + 1] === '/' || this.source[this.position + 1] === '*')) {
        const end = commentEnd(this.source, this.position);
        if (end === 0) throw new SyntaxError('unterminated comment');
        this.position = end;
      } else return;
    }
  }
}
