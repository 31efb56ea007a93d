/**
 * The raw material of the message fuzzing: a seeded random source (so a failing run can be
 * replayed from its seed), and pools of hostile values a page could put into what Colophon's
 * content script reads: control and bidi characters, markup, prototype key names, numbers at the
 * edges of what JSON and IEEE doubles hold, URLs of other sites and schemes, ids of other tabs.
 *
 * Values that JSON cannot carry (NaN, Infinity, -0) and values too large to pass around cheaply
 * (strings of megabytes, a thousand copies of a listing, nesting thousands deep) are written as
 * "wire directives", one-key objects that `wireMessages` (message-pages.ts) expands where the
 * message is sent, in the browser, and again in Node where the answer is predicted.
 */

/** mulberry32: small, fast and good enough to spread test cases; the same seed gives the same run. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(below: number): number {
    return Math.floor(this.next() * below);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  /** Picks a key of `weights` with probability proportional to its weight. */
  weighted<K extends string>(weights: Record<K, number>): K {
    const entries = Object.entries(weights) as [K, number][];
    let left = this.next() * entries.reduce((sum, [, weight]) => sum + weight, 0);
    for (const [key, weight] of entries) if ((left -= weight) < 0) return key;
    return entries[entries.length - 1]![0];
  }
}

/** Wire directives: expanded in the browser, so the test sends megabytes without moving them. */
export const wire = {
  repeat: (text: string, times: number) => ({ $repeat: [text, times] }),
  number: (name: 'NaN' | 'Infinity' | '-Infinity' | '-0') => ({ $number: name }),
  nest: (inner: unknown, depth: number, key: string) => ({ $nest: [inner, depth, key] }),
  array: (item: unknown, times: number) => ({ $array: [item, times] }),
};

/** Sets `key` as an own, enumerable property, `__proto__` included (an assignment would set the prototype). */
export function own<T extends object>(target: T, key: string, value: unknown): T {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  return target;
}

/** Texts a marketplace page controls: titles, shop names, authors. */
export const hostileTexts: readonly string[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u0007\u0008\u001b[31mred\u001b[0m',
  '\r\n\t\v\f',
  '\u007f\u0085\u00a0',
  '\u202eevil.exe\u202c',
  '\u2066\u2067\u2068\u2069\u061c',
  '\u200b\u200c\u200d\u200e\u200f\ufeff',
  '\ud800',
  '\udfff\ud800x',
  '\u{1f4da}\u{1f468}\u200d\u{1f469}\u200d\u{1f467}',
  '算法导论 第三版',
  'ספר \u05d0\u05d1\u05d2',
  'كتاب عربي',
  '<img src=x onerror=alert(1)>',
  '"><script>alert(document.domain)</script>',
  "'; DROP TABLE items; --",
  '${7*7}{{constructor.constructor("alert(1)")()}}',
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  '%00%2e%2e%2f%2e%2e%2f',
  '../../../../etc/passwd',
  'javascript:alert(1)',
  'null',
  'undefined',
  '[object Object]',
  '\\u0000\\',
];

/** Keys a hostile object may carry, hoping to reach a prototype or shadow a method. */
export const prototypeKeys: readonly string[] = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'then', 'toJSON'];

/** What to put under a prototype key: shapes that would pollute or hijack if merged naively. */
export const prototypePayloads: readonly unknown[] = [
  { polluted: 'colophon-fuzz' },
  { prototype: { polluted: 'colophon-fuzz' } },
  { type: 'page:sync-now' },
  'colophon-fuzz',
  null,
  [],
];

/** URLs of every kind a page may claim: other sites, look-alikes, other schemes, odd spellings. */
export function hostileUrls(own: { a: string; b: string; frame: string; extensionBase: string }): string[] {
  return [
    own.a,
    own.b,
    own.frame,
    `${own.a}#\u202e`,
    `${own.b}&q=\u0000%00`,
    'https://evil.example/item.htm?id=562283240178',
    'https://item.taobao.com.evil.example/item.htm?id=562283240178',
    'https://item.taobao.com@evil.example/',
    'https://\u0456tem.taobao.com/item.htm?id=1',
    'https://xn--tem-ct5a.taobao.com/item.htm?id=1',
    'http://item.taobao.com/item.htm?id=562283240178',
    'https://www.aliexpress.com:8443/item/1005006180026951.html',
    'https://127.0.0.1:9/',
    'https://[::1]/',
    'https://localhost/',
    'HTTPS://WWW.ALIEXPRESS.COM/ITEM/1.HTML',
    ' https://www.aliexpress.com/item/1.html',
    'https://',
    'https://a',
    'javascript:alert(1)',
    'javascript://https://item.taobao.com/%0aalert(1)',
    'data:text/html,<script>alert(1)</script>',
    'file:///etc/passwd',
    'about:blank',
    'blob:https://item.taobao.com/6f5c1a3e-0000-4000-8000-000000000000',
    `${own.extensionBase}popup.html`,
    'chrome-extension://abcdefghijklmnopabcdefghijklmnop/popup.html',
    'moz-extension://00000000-0000-4000-8000-000000000000/popup.html',
  ];
}

/** Numbers at the edges: of integers, of doubles, of what a tab id could be. */
export function edgeNumbers(tabIds: readonly number[]): unknown[] {
  return [
    ...tabIds,
    0,
    1,
    0.5,
    1e-7,
    2 ** 31 - 1,
    2 ** 31,
    2 ** 32,
    Number.MAX_SAFE_INTEGER,
    Number.MAX_SAFE_INTEGER + 1,
    2 ** 53 + 2,
    1e308,
    Number.MAX_VALUE,
    Number.MIN_VALUE,
    -1,
    -Number.MAX_SAFE_INTEGER,
    wire.number('-0'),
    wire.number('NaN'),
    wire.number('Infinity'),
    wire.number('-Infinity'),
  ];
}

/** Values of every JSON type, to put where another type belongs. */
export const wrongTypes: readonly unknown[] = [null, true, false, 0, -1, 1.5, '', 'x', [], [null], {}, { length: 1 }, wire.number('NaN')];
