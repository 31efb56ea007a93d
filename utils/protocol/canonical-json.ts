/**
 * RFC 8785 JSON Canonicalization Scheme (JCS): the one byte sequence that evidence metadata is
 * hashed and signed as at capture. The verifier CLI and the intake server
 * recompute these bytes from the JSON they receive, so the serialisation must not depend on the
 * order in which code happened to build an object, nor on the engine that runs it.
 *
 * What JCS fixes, and how:
 * - object members sorted by their names' UTF-16 code units (not by code point, not by locale);
 * - no whitespace anywhere;
 * - strings with only the escapes JSON requires (`\"`, `\\`, `\b \f \n \r \t`, other controls as
 *   `\u00xx` in lower-case hex); everything else, '/' and non-ASCII included, written as itself;
 * - numbers exactly as ECMAScript's Number.prototype.toString writes them, -0 as 0.
 *
 * Anything that is not plain JSON data is refused with a TypeError naming where it is
 * (`$.items[3].price`), rather than quietly converted as JSON.stringify would (a Date turned into
 * a string, a Map into `{}`, NaN into null): evidence metadata that silently lost a field would
 * still hash, and the loss would surface only when a verifier disagrees. Object members whose
 * value is `undefined` are left out, as JSON.stringify does, so optional fields can stay unset.
 */

/** Thrown for a value JCS cannot represent; `path` says where it is, from `$` (the root). */
export class CanonicalJsonError extends TypeError {
  constructor(
    readonly path: string,
    problem: string,
  ) {
    super(`canonical JSON: ${path} ${problem}`);
    this.name = 'CanonicalJsonError';
  }
}

/** The value's RFC 8785 canonical JSON text. */
export function canonicalJson(value: unknown): string {
  return serialise(value, '$', new Set());
}

/** The canonical JSON as UTF-8 bytes: what is hashed and signed. */
export function canonicalBytes(value: unknown): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(canonicalJson(value));
}

/** `ancestors` holds the objects and arrays being serialised above `value`, to catch cycles. */
function serialise(value: unknown, path: string, ancestors: Set<object>): string {
  switch (typeof value) {
    case 'string':
      return quote(value, path);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return number(value, path);
    case 'object':
      if (value === null) return 'null';
      if (ancestors.has(value)) throw new CanonicalJsonError(path, 'refers back to an object that contains it');
      ancestors.add(value);
      try {
        return Array.isArray(value) ? array(value, path, ancestors) : object(value, path, ancestors);
      } finally {
        ancestors.delete(value);
      }
    default:
      // undefined (in an array or at the root), function, symbol, bigint.
      throw new CanonicalJsonError(path, `is ${describe(value)}, which JSON cannot represent`);
  }
}

function number(value: number, path: string): string {
  if (!Number.isFinite(value)) throw new CanonicalJsonError(path, `is ${value}, which JSON cannot represent`);
  // ECMAScript's shortest round-trip form is JCS's number format; only -0 needs saying: JCS writes 0.
  return Object.is(value, -0) ? '0' : String(value);
}

function array(value: readonly unknown[], path: string, ancestors: Set<object>): string {
  const parts: string[] = [];
  // By index, not forEach: a hole in a sparse array is an undefined element and is refused.
  for (let index = 0; index < value.length; index++) {
    parts.push(serialise(value[index], `${path}[${index}]`, ancestors));
  }
  return `[${parts.join(',')}]`;
}

function object(value: object, path: string, ancestors: Set<object>): string {
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) {
    throw new CanonicalJsonError(path, `is ${describe(value)}, not a plain object`);
  }
  if (Object.getOwnPropertySymbols(value).length > 0) {
    throw new CanonicalJsonError(path, 'has symbol-keyed properties, which JSON cannot represent');
  }
  const record = value as Record<string, unknown>;
  const members: string[] = [];
  for (const key of Object.keys(record).sort(byUtf16CodeUnits)) {
    const member = record[key];
    if (member === undefined) continue;
    const memberPath = pathOf(path, key);
    members.push(`${quote(key, memberPath)}:${serialise(member, memberPath, ancestors)}`);
  }
  return `{${members.join(',')}}`;
}

/** JavaScript's `<` on strings compares UTF-16 code units, which is what JCS specifies. */
function byUtf16CodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const shortEscapes: Readonly<Record<number, string>> = {
  0x08: '\\b',
  0x09: '\\t',
  0x0a: '\\n',
  0x0c: '\\f',
  0x0d: '\\r',
  0x22: '\\"',
  0x5c: '\\\\',
};

/** A JSON string literal with JCS's escapes; a lone surrogate (not well-formed Unicode) is refused. */
function quote(text: string, path: string): string {
  let out = '"';
  let runStart = 0;
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    if (unit >= 0xd800 && unit <= 0xdfff) {
      const next = text.charCodeAt(index + 1);
      if (unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        index++; // a well-formed pair, written as itself
        continue;
      }
      throw new CanonicalJsonError(path, `holds a lone surrogate (\\u${hex4(unit)} at index ${index}), which is not well-formed Unicode`);
    }
    if (unit >= 0x20 && unit !== 0x22 && unit !== 0x5c) continue;
    out += text.slice(runStart, index) + (shortEscapes[unit] ?? `\\u${hex4(unit)}`);
    runStart = index + 1;
  }
  return `${out}${text.slice(runStart)}"`;
}

const hex4 = (unit: number) => unit.toString(16).padStart(4, '0');

const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function pathOf(parent: string, key: string): string {
  // JSON.stringify may meet a lone surrogate in the key: it escapes rather than throws.
  return identifier.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'symbol') return 'a symbol';
  if (typeof value === 'bigint') return 'a bigint';
  const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === 'string' && name !== '' ? `a ${name}` : 'an object with a prototype';
}
