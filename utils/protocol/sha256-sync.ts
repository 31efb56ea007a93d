/**
 * A synchronous SHA-256 (FIPS 180-4), for one job: computing a chain link inside the IndexedDB
 * transaction that reads the chain head and writes the next record.
 *
 * Why not WebCrypto: crypto.subtle.digest returns a promise that is not an IndexedDB request, and
 * awaiting it lets the transaction commit. The head would then have to be read in one transaction
 * and written in another, and two captures (the popup and the service worker, two tabs) could both
 * link to the same head and fork the chain. With the link computed synchronously, reading the head,
 * linking and writing happen in one readwrite transaction, which IndexedDB serialises against every
 * other one on the same stores, in every context of the extension, with no lock to hold or release.
 *
 * The input is a few dozen bytes (two digests in canonical JSON), so speed does not matter; every
 * other digest, and every link the verifier recomputes, still comes from WebCrypto
 * (utils/protocol/digest.ts), so an error here would show as a chain that does not verify.
 */

/** floor(value^(1/degree)) by Newton's method on integers, starting above the root. */
function integerRoot(value: bigint, degree: bigint): bigint {
  let root = 1n << (BigInt(value.toString(2).length) / degree + 1n);
  for (;;) {
    const next = ((degree - 1n) * root + value / root ** (degree - 1n)) / degree;
    if (next >= root) return root;
    root = next;
  }
}

function firstPrimes(count: number): number[] {
  const primes: number[] = [];
  for (let candidate = 2; primes.length < count; candidate++) {
    if (primes.every((prime) => candidate % prime !== 0)) primes.push(candidate);
  }
  return primes;
}

/**
 * The standard's constants are the first 32 bits of the fractional parts of the square roots
 * (initial hash) and cube roots (round constants) of the first primes. Derived here exactly, in
 * integers, rather than typed in: a typo in one of 72 hex numbers would be hard to see.
 */
const fractionBits = (prime: number, degree: bigint) => Number(integerRoot(BigInt(prime) << (32n * degree), degree) & 0xffffffffn);
const primes = firstPrimes(64);
const initialHash = Uint32Array.from(primes.slice(0, 8), (prime) => fractionBits(prime, 2n));
const roundConstants = Uint32Array.from(primes, (prime) => fractionBits(prime, 3n));

const rotateRight = (word: number, bits: number) => (word >>> bits) | (word << (32 - bits));

/** The eight working variables a…h. */
type Words = [number, number, number, number, number, number, number, number];

/** The SHA-256 of `message`, in lower-case hex. */
export function sha256HexSync(message: Uint8Array): string {
  // The message, a 1 bit, zeros, and its length in bits as 64 bits: a whole number of 64-byte blocks.
  const padded = new Uint8Array(Math.ceil((message.length + 9) / 64) * 64);
  padded.set(message);
  padded[message.length] = 0x80;
  const view = new DataView(padded.buffer);
  const bitLength = message.length * 8;
  view.setUint32(padded.length - 8, Math.floor(bitLength / 2 ** 32));
  view.setUint32(padded.length - 4, bitLength >>> 0);

  const hash = Uint32Array.from(initialHash);
  const schedule = new Uint32Array(64);
  for (let block = 0; block < padded.length; block += 64) {
    for (let t = 0; t < 16; t++) schedule[t] = view.getUint32(block + 4 * t);
    for (let t = 16; t < 64; t++) {
      const back15 = schedule[t - 15]!;
      const back2 = schedule[t - 2]!;
      const sigma0 = rotateRight(back15, 7) ^ rotateRight(back15, 18) ^ (back15 >>> 3);
      const sigma1 = rotateRight(back2, 17) ^ rotateRight(back2, 19) ^ (back2 >>> 10);
      schedule[t] = schedule[t - 16]! + sigma0 + schedule[t - 7]! + sigma1;
    }
    let [a, b, c, d, e, f, g, h] = Array.from(hash) as Words;
    for (let t = 0; t < 64; t++) {
      const choose = (e & f) ^ (~e & g);
      const temp1 = (h + (rotateRight(e, 6) ^ rotateRight(e, 11) ^ rotateRight(e, 25)) + choose + roundConstants[t]! + schedule[t]!) | 0;
      const majority = (a & b) ^ (a & c) ^ (b & c);
      const temp2 = ((rotateRight(a, 2) ^ rotateRight(a, 13) ^ rotateRight(a, 22)) + majority) | 0;
      [h, g, f, e, d, c, b, a] = [g, f, e, (d + temp1) | 0, c, b, a, (temp1 + temp2) | 0];
    }
    [a, b, c, d, e, f, g, h].forEach((word, index) => (hash[index] = hash[index]! + word));
  }
  return Array.from(hash, (word) => word.toString(16).padStart(8, '0')).join('');
}
