/**
 * An incremental SHA-256 (FIPS 180-4), for bytes that arrive a chunk at a time and are too large to
 * hold whole: an artifact bigger than the export reads at once (./artifact-stream.ts), a large file
 * in a bundle being verified. WebCrypto has no incremental digest, so it cannot do this job; it
 * remains the hash of everything that fits in memory, being several times faster.
 *
 * Written for throughput: the state lives in locals, words are read big-endian straight from the
 * input through a DataView without copying blocks, and the whole 64-word schedule is computed
 * before the rounds (measured faster than a 16-word ring computed within them). Every value stays
 * a 32-bit integer (`| 0`), which V8 keeps unboxed.
 */

/**
 * The constants are the first 32 bits of the fractional parts of the square roots (initial hash)
 * and cube roots (round constants) of the first primes, derived here rather than typed in. Double
 * precision leaves about 16 bits to spare below the 32 taken; the tests compare the digests with
 * node:crypto's, so any error would show.
 */
const primes = (() => {
  const found: number[] = [];
  for (let candidate = 2; found.length < 64; candidate++) if (found.every((prime) => candidate % prime !== 0)) found.push(candidate);
  return found;
})();
const fraction32 = (root: number) => ((root - Math.floor(root)) * 2 ** 32) | 0;
const initialHash = Int32Array.from(primes.slice(0, 8), (prime) => fraction32(Math.sqrt(prime)));
const K = Int32Array.from(primes, (prime) => fraction32(Math.cbrt(prime)));

export class Sha256 {
  readonly #state = Int32Array.from(initialHash);
  readonly #schedule = new Int32Array(64);
  /** A block begun by one update and finished by a later one. */
  readonly #pending = new Uint8Array(64);
  #pendingLength = 0;
  #length = 0;
  #finished = false;

  /** Adds `bytes` to the message. */
  update(bytes: Uint8Array): this {
    if (this.#finished) throw new Error('this SHA-256 has already given its digest');
    this.#length += bytes.length;
    let at = 0;
    if (this.#pendingLength > 0) {
      const taken = Math.min(64 - this.#pendingLength, bytes.length);
      this.#pending.set(bytes.subarray(0, taken), this.#pendingLength);
      this.#pendingLength += taken;
      at = taken;
      if (this.#pendingLength < 64) return this;
      compress(this.#state, this.#schedule, this.#pending, 0, 64);
      this.#pendingLength = 0;
    }
    const whole = at + ((bytes.length - at) & ~63);
    if (whole > at) compress(this.#state, this.#schedule, bytes, at, whole);
    this.#pending.set(bytes.subarray(whole), 0);
    this.#pendingLength = bytes.length - whole;
    return this;
  }

  /** The digest of everything added, in lower-case hex; the hash takes no more bytes after this. */
  digestHex(): string {
    if (this.#finished) throw new Error('this SHA-256 has already given its digest');
    // Padding: a 1 bit, zeros, then the message length in bits as a 64-bit big-endian number.
    const bitLength = this.#length * 8;
    const tail = new Uint8Array(this.#pendingLength + 9 > 64 ? 128 : 64);
    tail.set(this.#pending.subarray(0, this.#pendingLength));
    tail[this.#pendingLength] = 0x80;
    const view = new DataView(tail.buffer);
    view.setUint32(tail.length - 8, Math.floor(bitLength / 2 ** 32));
    view.setUint32(tail.length - 4, bitLength >>> 0);
    compress(this.#state, this.#schedule, tail, 0, tail.length);
    this.#finished = true;
    return Array.from(this.#state, (word) => (word >>> 0).toString(16).padStart(8, '0')).join('');
  }
}

/** Runs the compression function over the 64-byte blocks of bytes[from, to). */
function compress(state: Int32Array, w: Int32Array, bytes: Uint8Array, from: number, to: number): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let h0 = state[0]!, h1 = state[1]!, h2 = state[2]!, h3 = state[3]!, h4 = state[4]!, h5 = state[5]!, h6 = state[6]!, h7 = state[7]!;
  for (let block = from; block < to; block += 64) {
    for (let t = 0; t < 16; t++) w[t] = view.getInt32(block + 4 * t);
    for (let t = 16; t < 64; t++) {
      const back15 = w[t - 15]!;
      const back2 = w[t - 2]!;
      const sigma0 = ((back15 >>> 7) | (back15 << 25)) ^ ((back15 >>> 18) | (back15 << 14)) ^ (back15 >>> 3);
      const sigma1 = ((back2 >>> 17) | (back2 << 15)) ^ ((back2 >>> 19) | (back2 << 13)) ^ (back2 >>> 10);
      w[t] = (w[t - 16]! + sigma0 + w[t - 7]! + sigma1) | 0;
    }
    let a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7;
    for (let t = 0; t < 64; t++) {
      const bigSigma1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const temp1 = (h + bigSigma1 + ((e & f) ^ (~e & g)) + K[t]! + w[t]!) | 0;
      const bigSigma0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const temp2 = (bigSigma0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      h = g;
      g = f;
      f = e;
      e = (d + temp1) | 0;
      d = c;
      c = b;
      b = a;
      a = (temp1 + temp2) | 0;
    }
    h0 = (h0 + a) | 0;
    h1 = (h1 + b) | 0;
    h2 = (h2 + c) | 0;
    h3 = (h3 + d) | 0;
    h4 = (h4 + e) | 0;
    h5 = (h5 + f) | 0;
    h6 = (h6 + g) | 0;
    h7 = (h7 + h) | 0;
  }
  state[0] = h0;
  state[1] = h1;
  state[2] = h2;
  state[3] = h3;
  state[4] = h4;
  state[5] = h5;
  state[6] = h6;
  state[7] = h7;
}
