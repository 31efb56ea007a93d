/** Byte helpers the streaming decoders share. */

/** `a` then `b` in one array (`b` itself when `a` is empty, the usual case after the first chunk). */
export function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.byteLength === 0) return b;
  const joined = new Uint8Array(a.byteLength + b.byteLength);
  joined.set(a);
  joined.set(b, a.byteLength);
  return joined;
}
