/**
 * The few compact containers the match index is made of. A 500 000-entry index has to fit in
 * about 40 MB and load in milliseconds when the service worker wakes, so it holds no object per
 * entry: only typed arrays, which IndexedDB stores and reads back as they are.
 */

/** A growable array of unsigned 32-bit integers (JS arrays of numbers cost 8+ bytes each). */
export class U32Vec {
  private data: Uint32Array;
  length = 0;

  constructor(capacity = 1024) {
    this.data = new Uint32Array(capacity);
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Uint32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }

  get(index: number): number {
    return this.data[index]!;
  }

  set(index: number, value: number): void {
    this.data[index] = value;
  }

  /** A copy of exactly `length` values, on its own ArrayBuffer (so it can be stored as is). */
  toArray(): Uint32Array {
    return this.data.slice(0, this.length);
  }
}

/** A growable byte stream of unsigned LEB128 varints: small ids take one byte. */
export class VarintWriter {
  private data = new Uint8Array(1 << 16);
  length = 0;

  write(value: number): void {
    if (this.length + 5 > this.data.length) {
      const grown = new Uint8Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    let v = value >>> 0;
    while (v >= 0x80) {
      this.data[this.length++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.data[this.length++] = v;
  }

  toArray(): Uint8Array {
    return this.data.slice(0, this.length);
  }
}

/** Reads varints from `bytes` starting at `position`; `position` advances. */
export class VarintReader {
  position: number;

  constructor(
    private readonly bytes: Uint8Array,
    start: number,
  ) {
    this.position = start;
  }

  read(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      const byte = this.bytes[this.position++]!;
      result |= (byte & 0x7f) << shift;
      if (byte < 0x80) return result >>> 0;
      shift += 7;
    }
  }

  skip(count: number): void {
    for (let i = 0; i < count; i++) while (this.bytes[this.position++]! >= 0x80);
  }
}

/** Strings packed as UTF-16 code units with offsets: no string objects until one is asked for. */
export interface StringTable {
  chars: Uint16Array;
  /** `count + 1` offsets into `chars`. */
  offsets: Uint32Array;
}

export function packStrings(strings: readonly string[]): StringTable {
  let total = 0;
  for (const s of strings) total += s.length;
  const chars = new Uint16Array(total);
  const offsets = new Uint32Array(strings.length + 1);
  let at = 0;
  strings.forEach((s, i) => {
    for (let k = 0; k < s.length; k++) chars[at + k] = s.charCodeAt(k);
    at += s.length;
    offsets[i + 1] = at;
  });
  return { chars, offsets };
}

export function stringAt(table: StringTable, index: number): string {
  const start = table.offsets[index]!;
  const end = table.offsets[index + 1]!;
  // fromCharCode with many arguments is limited by the stack; table strings are short (words, tokens).
  let out = '';
  for (let i = start; i < end; i += 4096) {
    out += String.fromCharCode(...table.chars.subarray(i, Math.min(end, i + 4096)));
  }
  return out;
}

/** The first position in `sorted[from…to)`, ascending, whose value is not below `value`; `to` when there is none. */
export function lowerBound(sorted: Uint32Array, value: number, from = 0, to = sorted.length): number {
  let low = from;
  let high = to;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
