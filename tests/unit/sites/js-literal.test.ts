/**
 * The parser that reads page data out of inline scripts without running them
 * (../shared/fixtures/STRUCTURES.md, "Where the data lives"): plain literals are read, anything
 * that would need evaluating reads as undefined, and hostile text never throws.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { literalAfter, maxLiteralChars, maxParsedChars, parseLiteralAt } from '@/utils/sites/js-literal';
import { balancedEnd } from '@/utils/sites/js-scan';
import { at, scriptLiteral } from '@/utils/sites/page-scripts';
import { fixturesRoot } from '../../fixtures/pages';

/** The inline script of a saved page that holds `anchor`, from the anchor to its </script>. */
function scriptOf(page: string, anchor: string): string {
  const html = readFileSync(join(fixturesRoot, page, 'page.html'), 'utf8');
  const start = html.indexOf(anchor);
  return html.slice(start, html.indexOf('</script>', start));
}

describe('literalAfter on real page scripts', () => {
  it('reads classic Taobao g_config, skipping +new Date, the protocol ternary and !true', () => {
    const config = literalAfter(scriptOf('taobao/item-2020-classic', 'var g_config'), /var g_config\s*=/) as Record<string, any>;
    expect(config).toMatchObject({ ver: '8.0.6', online: true, shopVer: 2, appId: 1, itemId: '562283240178', shopId: '64592671' });
    expect(config.shopName).toBe('怡科外设KBDfans'); // '\u6021\u79D1\u5916\u8BBEKBDfans' in the page
    expect(config.DyBase.lgurl).toBe('https://login.taobao.com/member/login.jhtml');
    expect(config.idata.item.title).toMatch(/^乳白亚克力外壳 60%键盘外壳/);
    expect(config.idata.item.auctionImages[0]).toBe('//gd4.alicdn.com/imgextra/i4/134583372/TB2bje8gS_I8KJjy0FoXXaFnVXa_!!134583372.jpg');
    expect(config.idata.shop).toMatchObject({ id: '64592671', pid: 1390163189, xshop: true });
    expect(config.vdata).toEqual({});
    for (const skipped of ['startTime', 'descUrl']) expect(config).not.toHaveProperty(skipped);
    expect(config.idata.item).not.toHaveProperty('disableAddToCart');
  });

  it('reads AliExpress 2020 runParams: a JSON data object inside a JS literal', () => {
    const params = literalAfter(scriptOf('aliexpress/item-he-2020-runparams', 'window.runParams'), /window\.runParams\s*=/) as Record<string, any>;
    expect(params.csrfToken).toBe('zsilxoouqs1s');
    expect(params.abVersion).toBe('');
    expect(params.abtestMap).toEqual({});
    expect(params.data.commonModule).toMatchObject({ productId: 32993251330, currencyCode: 'EUR' });
    expect(params.data.storeModule).toMatchObject({ storeName: 'Summer Technology Co.,Ltd.', storeNum: 1392990 });
    expect(params.data.titleModule.subject).toMatch(/^מקורי Apple iPhone SE/);
    expect(params.data.imageModule.imagePathList[0]).toMatch(/^https:\/\/ae01\.alicdn\.com\/kf\//);
  });
});

describe('literalAfter', () => {
  it('takes the JSON fast path for JSON text', () => {
    const parse = vi.spyOn(JSON, 'parse');
    expect(literalAfter('window.runParams = {"data":{"a":[1,2.5,-3e2,"x"]}};', /window\.runParams\s*=/)).toEqual({ data: { a: [1, 2.5, -300, 'x'] } });
    expect(parse).toHaveReturnedWith({ data: { a: [1, 2.5, -300, 'x'] } });
  });

  it('reads JSON whose strings hold what looks like the end of the statement', () => {
    const script = 'var data = {"note":"};","nested":{"a":[1,{"b":"})"}]},"last":"}\\n"};\nvar next = {};';
    expect(literalAfter(script, /var data\s*=/)).toEqual({ note: '};', nested: { a: [1, { b: '})' }] }, last: '}\n' });
  });

  it('reads pretty-printed JSON, whose inner objects end at the ends of lines', () => {
    const data = { a: { b: { c: { d: { e: 1 } } } }, f: [{ g: 'h' }] };
    const script = `window.data = ${JSON.stringify(data, null, 2)}\nwindow.other = 1;`;
    expect(literalAfter(script, /window\.data\s*=/)).toEqual(data);
  });

  it('reads JSON nested far deeper than a recursive parser could', () => {
    const depth = 20_000;
    const value = literalAfter(`x = ${'{"a":'.repeat(depth)}1${'}'.repeat(depth)};`, /x =/);
    expect(typeof value).toBe('object');
  });

  it.each([
    ['no anchor', 'var other = {a: 1};', /window\.runParams\s*=/],
    ['no object after the anchor', 'window.runParams = 5;', /window\.runParams\s*=/],
    ['an unclosed object', 'window.runParams = {data: {a: 1}', /window\.runParams\s*=/],
    ['an unterminated string', "window.runParams = {a: 'x};", /window\.runParams\s*=/],
  ])('is undefined for %s', (_name, source, anchor) => {
    expect(literalAfter(source, anchor)).toBeUndefined();
  });

  it('finds the brace when the anchor itself ends in it', () => {
    expect(literalAfter('TShop.Setup({itemDO: {itemId: "1"}})', /TShop\.Setup\(\{/)).toEqual({ itemDO: { itemId: '1' } });
  });

  // Bug: a literal that ends its statement without a semicolon (ASI) is followed by the next
  // statement, which the parser takes for an operator, so the whole g_config reads as undefined.
  it('reads a literal whose statement ends at a newline without a semicolon', () => {
    expect(literalAfter("var g_config = { itemId: '1' }\nvar other = 2", /var g_config\s*=/)).toEqual({ itemId: '1' });
    expect(literalAfter("var g_config = { itemId: '1' }\ng_config.x = {};", /var g_config\s*=/)).toEqual({ itemId: '1' });
  });

  // Bug: balancedEnd does not skip comments, so an apostrophe in a comment opens a "string".
  it('reads a literal with an apostrophe in a comment', () => {
    expect(literalAfter("var g = { a: 1, // the shop's id\n b: 2 };", /var g\s*=/)).toEqual({ a: 1, b: 2 });
  });

  // Bug: a hostile page's deep nesting overflows the recursive parser, which rethrows RangeError.
  it('returns undefined, without throwing, for absurdly deep non-JSON nesting', () => {
    const depth = 100_000;
    expect(() => literalAfter(`x = ${'{a:'.repeat(depth)}1${'}'.repeat(depth)};`, /x =/)).not.toThrow();
  });

  it('parses a literal of 200,000 entries, JSON or not', () => {
    const keys = Array.from({ length: 200_000 }, (_, i) => i);
    // Longer than literalAfter reads when it is not JSON: the parser itself has no limit.
    const js = parseLiteralAt(`{${keys.map((i) => `k${i}: ${i}`).join(',')}};`, 0) as Record<string, number>;
    expect(Object.keys(js)).toHaveLength(200_000);
    expect(js.k199999).toBe(199_999);
    const json = literalAfter(`x = {"list": [${keys.join(',')}]};`, /x =/) as { list: unknown[] };
    expect(json.list).toHaveLength(200_000);
  });
});

describe('parseLiteralAt: JavaScript literals', () => {
  it.each([
    ['unquoted keys', '{a: 1, $b_2: true, 3: null}', { a: 1, $b_2: true, 3: null }],
    ['single, double and quoted keys', `{'a-b': 'x', "c": "y"}`, { 'a-b': 'x', c: 'y' }],
    ['\\u, \\u{…} and \\x escapes', String.raw`{s: '\u4E73\u767D \x41\x42 \u{1F4D6}'}`, { s: '乳白 AB 📖' }],
    ['simple escapes', String.raw`{s: 'a\'b\"c\\d\ne\tf\/g'}`, { s: 'a\'b"c\\d\ne\tf/g' }],
    ['a line continuation', "{s: 'ab\\\ncd'}", { s: 'abcd' }],
    ['line and block comments', '{ // head\n a: 1, /* a, b } */ b: [2, /* ] */ 3] // tail\n}', { a: 1, b: [2, 3] }],
    ['trailing commas', '{a: [1, 2,], b: {c: 3,},}', { a: [1, 2], b: { c: 3 } }],
    ['nested arrays', '{m: [[1, [2, [3, []]]], [{a: [4]}]]}', { m: [[1, [2, [3, []]]], [{ a: [4] }]] }],
    ['numbers', '{a: -1.5, b: .5, c: 1e3, d: 0x1F, e: -2E-2}', { a: -1.5, b: 0.5, c: 1000, d: 31, e: -0.02 }],
    ['an empty object and array', '{a: {}, b: []}', { a: {}, b: [] }],
  ])('reads %s', (_name, source, expected) => {
    expect(parseLiteralAt(source, 0)).toEqual(expected);
  });

  it('starts at the given offset', () => {
    const source = 'var x = 1; var y = [1, "two"];';
    expect(parseLiteralAt(source, source.indexOf('['))).toEqual([1, 'two']);
  });
});

describe('parseLiteralAt: expressions read as undefined and are skipped', () => {
  it.each([
    ['+new Date', '{t: +new Date, k: 1}'],
    ['a ternary on location.protocol', "{d: location.protocol==='http:' ? '//a.com/{x,y}' : '//b.com/[z]', k: 1}"],
    ['a ternary with braces and commas in its strings', '{d: ok ? "{a, b}" : "c], d", k: 1}'],
    ['a function call with object arguments', '{d: f({a: 1}, [2, 3], "x,y"), k: 1}'],
    ['a function expression', '{d: function () { return {a: 1, b: 2}; }, k: 1}'],
    ['an arrow function', '{d: (a, b) => ({a, b}), k: 1}'],
    ['string concatenation', "{d: 'a' + b, k: 1}"],
    ['a negated literal', '{d: !true, k: 1}'],
    ['a variable reference', '{d: window.x, k: 1}'],
    ['undefined, NaN and Infinity', '{d: undefined, e: NaN, f: -Infinity, k: 1}'],
    ['a template literal', '{d: `a${b}, {c}`, k: 1}'],
    ['a member call on a number', '{d: 1.5.toFixed(1), k: 1}'],
  ])('skips %s', (_name, source) => {
    expect(parseLiteralAt(source, 0)).toEqual({ k: 1 });
  });

  it('reads a literal followed by stray text as undefined, not as the literal', () => {
    expect(parseLiteralAt('{a: 1 b: 2, k: 1}', 0)).toEqual({ k: 1 });
  });

  it('reads a skipped array element as null, keeping positions', () => {
    expect(parseLiteralAt('[1, f(), 3, , 5]', 0)).toEqual([1, null, 3, null, 5]);
  });

  // Bug: "-0x10" is read by Number(), which gives NaN, not -16: NaN is not a JsValue.
  it('never yields NaN for a negative hex number', () => {
    const value = parseLiteralAt('{a: -0x10}', 0) as { a?: number };
    expect([-16, undefined]).toContain(value.a);
  });

  // Bug: a comma in a comment after a skipped expression ends the skip early.
  it('skips an expression followed by a comment holding a comma', () => {
    expect(parseLiteralAt('{d: f() // one, two\n, k: 1}', 0)).toEqual({ k: 1 });
  });
});

describe('__proto__ keys', () => {
  it.each([
    ['JSON (fast path)', 'x = {"__proto__": {"polluted": 1}, "b": 2};'],
    ['a JS literal', "x = {__proto__: {polluted: 1}, '__proto__': {polluted: 2}, b: 2};"],
  ])('do not pollute in %s', (_name, source) => {
    const value = literalAfter(source, /x =/) as Record<string, unknown>;
    expect(value.b).toBe(2);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(value.polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('are dropped by the JS parser', () => {
    expect(Object.keys(parseLiteralAt('{__proto__: {a: 1}, b: 2}', 0) as object)).toEqual(['b']);
  });
});

describe('garbage and unterminated input', () => {
  it.each([
    ['an unclosed object', '{a: 1'],
    ['an unclosed array', '[1, 2'],
    ['an unterminated string', "{a: 'x"],
    ['a string broken by a newline', "{a: 'x\ny'}"],
    ['an unterminated comment', '{a: 1 /* never closed'],
    ['a missing colon', '{a 1}'],
    ['shorthand properties', '{a, b}'],
    ['a computed key', '{[k]: 1}'],
    ['a bad \\u escape', String.raw`{a: '\u12'}`],
    ['a code point past U+10FFFF', String.raw`{a: '\u{110000}'}`],
    ['an unbalanced skipped call', '{a: f(1, b: 2}'],
    ['an empty string', ''],
    ['plain prose', 'not a literal at all'],
  ])('is undefined for %s', (_name, source) => {
    expect(parseLiteralAt(source, 0)).toBeUndefined();
  });
});

describe('balancedEnd', () => {
  it.each([
    ['{a: "}", b: [1, {c: 2}]} tail', 0, 24],
    ["f('(', {a: ')'}) + 1", 1, 16],
    ['{a: `}`}', 0, 8],
    ['{a: [1, 2}', 0, -1],
    ["{a: 'x}", 0, -1],
  ])('%s from %i → %i', (source, open, end) => {
    expect(balancedEnd(source, open)).toBe(end);
  });
});

describe('a page carrying megabytes where its data should be', () => {
  /** A `runParams` of `count` entries that is not JSON (single quotes, `+new Date`), as older AliExpress pages write it. */
  const notJson = (count: number) =>
    `window.runParams = { data: {${Array.from({ length: count }, (_, i) => `k${i}: {a: 'x${i}', b: [1, 2, {c: 'y'}], d: +new Date}`).join(',')}} };`;

  it('reads a non-JSON literal up to the parser limit, and not one beyond it', () => {
    const small = notJson(100);
    expect(at(literalAfter(small, /window\.runParams\s*=/), 'data.k99.a')).toBe('x99');
    const large = notJson(20_000);
    expect(large.length).toBeGreaterThan(maxParsedChars);
    expect(literalAfter(large, /window\.runParams\s*=/)).toBeUndefined();
  });

  it('reads JSON up to the literal limit, and not beyond it', () => {
    const json = (bytes: number) => `window.runParams = ${JSON.stringify({ data: { text: 'x'.repeat(bytes) } })};`;
    expect(at(literalAfter(json(maxParsedChars * 4), /window\.runParams\s*=/), 'data.text')).toHaveLength(maxParsedChars * 4);
    expect(literalAfter(json(maxLiteralChars + 10), /window\.runParams\s*=/)).toBeUndefined();
  });

  it('reads a page\'s script once while its text stays the same', () => {
    const script = document.createElement('script');
    script.textContent = notJson(50);
    document.head.append(script);
    try {
      const first = scriptLiteral(document, 'runParams', /window\.runParams\s*=/);
      expect(at(first, 'data.k49.a')).toBe('x49');
      // The same object again: the text was not parsed a second time.
      expect(scriptLiteral(document, 'runParams', /window\.runParams\s*=/)).toBe(first);
      script.textContent = notJson(60);
      expect(at(scriptLiteral(document, 'runParams', /window\.runParams\s*=/), 'data.k59.a')).toBe('x59');
    } finally {
      script.remove();
    }
  });
});
