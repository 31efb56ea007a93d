/**
 * RFC 8785 canonical JSON: the RFC's own examples (its sample object, its key-sorting example and
 * its number table, given as IEEE 754 bit patterns so no JavaScript literal parsing is involved),
 * strings checked against ES2019+ JSON.stringify (JCS-conformant for well-formed strings), and
 * every kind of non-JSON data refused with the path to where it is.
 */
import { describe, expect, it } from 'vitest';
import { CanonicalJsonError, canonicalBytes, canonicalJson } from '@/utils/protocol/canonical-json';

function fromBits(hex: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${hex}`));
  return view.getFloat64(0);
}

describe('canonicalJson: RFC 8785 examples', () => {
  it('writes the sample object of section 3.2.2 as the RFC does', () => {
    const input = JSON.parse(String.raw`{
      "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
      "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
      "literals": [null, true, false]
    }`);
    const expected = String.raw`{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`;
    expect(canonicalJson(input)).toBe(expected);
    const bytes = canonicalBytes(input);
    expect(bytes).toEqual(new TextEncoder().encode(expected));
    // The euro sign is written as its UTF-8 bytes, not escaped.
    const euro = expected.indexOf('€');
    expect([...bytes.slice(euro, euro + 3)]).toEqual([0xe2, 0x82, 0xac]);
  });

  it('sorts the keys of section 3.2.3 by UTF-16 code units: the emoji before U+FB33', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    // Read the order from the text: JSON.parse would put the integer-like key "1" first again.
    const order = [...canonicalJson(input).matchAll(/:"([^"]+)"/g)].map((match) => match[1]);
    expect(order).toEqual([
      'Carriage Return',
      'One',
      'Control',
      'Latin Small Letter O With Diaeresis',
      'Euro Sign',
      'Emoji: Grinning Face',
      'Hebrew Letter Dalet With Dagesh',
    ]);
    expect(canonicalJson(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it.each([
    ['0000000000000000', '0'],
    ['8000000000000000', '0'], // -0
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'],
    ['444b1ae4d6e2ef4f', '999999999999999900000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555554', '333333333.33333325'],
    ['41b3de4355555555', '333333333.3333333'],
    ['41b3de4355555556', '333333333.3333334'],
    ['41b3de4355555557', '333333333.33333343'],
    ['becbf647612f3696', '-0.0000033333333333333333'],
    ['43143ff3c1cb0959', '1424953923781206.2'],
  ])('writes the double with bits %s as %s (appendix B)', (bits, expected) => {
    expect(canonicalJson(fromBits(bits))).toBe(expected);
  });

  it.each([
    [1e21, '1e+21'],
    [1e20, '100000000000000000000'],
    [1e-7, '1e-7'],
    [0.000001, '0.000001'],
    [-0, '0'],
    [4.5, '4.5'],
    [-12, '-12'],
  ])('writes %d as %s', (value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
    expect(canonicalJson([value])).toBe(`[${expected}]`);
  });
});

describe('canonicalJson: structure', () => {
  it('writes nested arrays and objects without whitespace, keys sorted at every level', () => {
    const item = { z: [3, { b: true, a: null }, []], a: { y: {}, x: [[1, [2]]] }, m: 'text' };
    expect(canonicalJson(item)).toBe('{"a":{"x":[[1,[2]]],"y":{}},"m":"text","z":[3,{"a":null,"b":true},[]]}');
    expect(JSON.parse(canonicalJson(item))).toEqual(item);
  });

  it('does not depend on the order the object was built in', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe(canonicalJson({ a: { c: 3, d: 2 }, b: 1 }));
  });

  it('sorts integer-like keys as strings, not in JavaScript property order', () => {
    const value = { a: 0, '9': 1, '10': 2 };
    expect(Object.keys(value)).toEqual(['9', '10', 'a']);
    expect(canonicalJson(value)).toBe('{"10":2,"9":1,"a":0}');
  });

  it('leaves out object members that are undefined, as JSON.stringify does', () => {
    expect(canonicalJson({ a: undefined, b: 1, c: { d: undefined } })).toBe('{"b":1,"c":{}}');
  });

  it('accepts objects without a prototype', () => {
    const bare = Object.create(null) as Record<string, unknown>;
    bare.title = '线性代数';
    expect(canonicalJson(bare)).toBe('{"title":"线性代数"}');
  });

  it('writes the same object twice when it is shared but not circular', () => {
    const shared = { isbn: '9780306480485' };
    expect(canonicalJson({ a: shared, b: [shared] })).toBe('{"a":{"isbn":"9780306480485"},"b":[{"isbn":"9780306480485"}]}');
  });
});

describe('canonicalJson: strings', () => {
  it('escapes only what JSON requires, controls as lower-case \\u00xx', () => {
    expect(canonicalJson('\u0000\u0001\u001f\u007f')).toBe('"\\u0000\\u0001\\u001f\u007f"');
    expect(canonicalJson('\b\f\n\r\t"\\')).toBe('"\\b\\f\\n\\r\\t\\"\\\\"');
    expect(canonicalJson('a/b \u2028 é 😀 正版')).toBe('"a/b \u2028 é 😀 正版"');
  });

  it('agrees with JSON.stringify on every well-formed string', () => {
    const units = [0, 1, 8, 9, 10, 12, 13, 31, 32, 34, 47, 92, 127, 128, 255, 0x2028, 0x4e2d, 0xfeff, 0xffff];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let round = 0; round < 500; round++) {
      let text = '';
      for (let length = next() % 12; length > 0; length--) {
        text += next() % 5 === 0 ? '\ud83d\udcda' : String.fromCharCode(units[next() % units.length] ?? 0);
      }
      expect(canonicalJson(text)).toBe(JSON.stringify(text));
    }
  });

  it('encodes the text as UTF-8', () => {
    expect([...canonicalBytes('é😀')]).toEqual([0x22, 0xc3, 0xa9, 0xf0, 0x9f, 0x98, 0x80, 0x22]);
  });
});

describe('canonicalJson: refuses what is not JSON data, saying where', () => {
  const refusal = (value: unknown) => {
    try {
      canonicalJson(value);
    } catch (error) {
      expect(error).toBeInstanceOf(TypeError);
      expect(error).toBeInstanceOf(CanonicalJsonError);
      return error as CanonicalJsonError;
    }
    throw new Error('expected a refusal');
  };

  it('names the path of a NaN deep in the value', () => {
    const error = refusal({ items: [{}, {}, {}, { price: Number.NaN }] });
    expect(error.path).toBe('$.items[3].price');
    expect(error.message).toBe('canonical JSON: $.items[3].price is NaN, which JSON cannot represent');
  });

  it.each([
    ['Infinity', { a: Number.POSITIVE_INFINITY }, '$.a'],
    ['-Infinity', [Number.NEGATIVE_INFINITY], '$[0]'],
    ['undefined in an array', [1, undefined], '$[1]'],
    ['a hole in an array', [1, , 3], '$[1]'], // eslint-disable-line no-sparse-arrays
    ['undefined at the root', undefined, '$'],
    ['a function', { f: () => 1 }, '$.f'],
    ['a symbol', { s: Symbol('s') }, '$.s'],
    ['a bigint', { n: 10n }, '$.n'],
    ['a Date', { capturedAt: new Date(0) }, '$.capturedAt'],
    ['a Map', { m: new Map() }, '$.m'],
    ['a Set', [new Set()], '$[0]'],
    ['a typed array', { bytes: new Uint8Array(2) }, '$.bytes'],
    ['an ArrayBuffer', { buffer: new ArrayBuffer(2) }, '$.buffer'],
    ['a boxed string', { s: new String('x') }, '$.s'],
    ['a class instance', { e: new (class Listing {})() }, '$.e'],
    ['a key that is not an identifier', { 'shop name': [Number.NaN] }, '$["shop name"][0]'],
  ])('refuses %s', (_kind, value, path) => {
    expect(refusal(value).path).toBe(path);
  });

  it('names the kind of object it refused', () => {
    expect(refusal({ capturedAt: new Date(0) }).message).toContain('a Date, not a plain object');
  });

  it('refuses symbol-keyed properties', () => {
    expect(refusal({ nested: { [Symbol('id')]: 1 } }).path).toBe('$.nested');
  });

  it('refuses a circular value instead of overflowing the stack', () => {
    const item: Record<string, unknown> = { artifacts: [] };
    (item.artifacts as unknown[]).push({ item });
    expect(refusal(item).path).toBe('$.artifacts[0].item');
  });

  it.each([
    ['a lone high surrogate', { title: 'ab\ud83d' }, '$.title'],
    ['a lone low surrogate', ['\ude00x'], '$[0]'],
    ['reversed surrogates', { t: '\ude00\ud83d' }, '$.t'],
    ['a lone surrogate in a key', { ['k\ud800']: 1 }, '$["k\\ud800"]'],
  ])('refuses %s (JCS requires well-formed Unicode)', (_kind, value, path) => {
    const error = refusal(value);
    expect(error.path).toBe(path);
    expect(error.message).toContain('lone surrogate');
  });
});
