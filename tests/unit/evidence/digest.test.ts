/**
 * SHA-256 digests and the evidence chain: FIPS 180-2 vectors, the same digest whatever holds the
 * bytes (view, buffer, Blob), and chain links checked against node:crypto over the exact bytes the
 * module comment documents, since the verifier and the intake server rebuild them from that text.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '@/utils/protocol/canonical-json';
import { type ChainEntry, chainLink, findChainBreak, Sha256Hex, sha256Hex, sha256OfCanonical } from '@/utils/protocol/digest';

const utf8 = (text: string) => new TextEncoder().encode(text);
const nodeSha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('sha256Hex', () => {
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
  ])('hashes %j to the FIPS 180-2 vector', async (text, expected) => {
    expect(await sha256Hex(utf8(text))).toBe(expected);
  });

  it('gives the same digest for bytes, their ArrayBuffer and a Blob of them', async () => {
    const bytes = new Uint8Array(70_000).map((_, index) => (index * 31) % 256);
    const expected = createHash('sha256').update(bytes).digest('hex');
    expect(await sha256Hex(bytes)).toBe(expected);
    expect(await sha256Hex(bytes.buffer)).toBe(expected);
    expect(await sha256Hex(new Blob([bytes], { type: 'image/png' }))).toBe(expected);
    expect(await sha256Hex(new Blob([bytes.slice(0, 1000), bytes.slice(1000)]))).toBe(expected);
  });

  it('hashes only the window of a view, not its whole buffer', async () => {
    const buffer = utf8('xxabcxx');
    expect(await sha256Hex(buffer.subarray(2, 5))).toBe(nodeSha256('abc'));
    expect(await sha256Hex(Buffer.from('abc'))).toBe(nodeSha256('abc'));
  });

  it('hashes a view of a SharedArrayBuffer', async () => {
    const shared = new Uint8Array(new SharedArrayBuffer(3));
    shared.set(utf8('abc'));
    expect(await sha256Hex(shared)).toBe(nodeSha256('abc'));
  });

  it('writes lower-case hex that the Sha256Hex schema accepts', async () => {
    const digest = await sha256Hex(utf8('Colophon'));
    expect(Sha256Hex.safeParse(digest).success).toBe(true);
    expect(digest).toBe(nodeSha256('Colophon'));
  });
});

describe('sha256OfCanonical', () => {
  it('hashes the canonical JSON, so member order does not matter', async () => {
    const digest = await sha256OfCanonical({ b: [1, 2], a: '€' });
    expect(digest).toBe(nodeSha256('{"a":"€","b":[1,2]}'));
    expect(await sha256OfCanonical({ a: '€', b: [1, 2] })).toBe(digest);
    expect(await sha256OfCanonical({ a: '€', b: [2, 1] })).not.toBe(digest);
  });

  it('refuses what canonical JSON refuses', async () => {
    await expect(sha256OfCanonical({ capturedAt: new Date(0) })).rejects.toThrow(TypeError);
    await expect(sha256OfCanonical({ price: Number.NaN })).rejects.toThrow('$.price');
  });
});

describe('Sha256Hex', () => {
  const digest = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
  it.each([
    [digest, true],
    [digest.toUpperCase(), false],
    [digest.slice(1), false],
    [`${digest}0`, false],
    [`${digest.slice(1)}g`, false],
    [` ${digest.slice(1)}`, false],
    ['', false],
  ])('%j is a digest: %s', (value, valid) => {
    expect(Sha256Hex.safeParse(value).success).toBe(valid);
  });
});

describe('chainLink', () => {
  const item = nodeSha256('item one');
  const previous = nodeSha256('link before');

  it('starts a chain from previous: null, over the documented bytes', async () => {
    expect(await chainLink(null, item)).toBe(nodeSha256(`{"item":"${item}","previous":null}`));
  });

  it('links to the previous link over the documented bytes', async () => {
    const link = await chainLink(previous, item);
    expect(link).toBe(nodeSha256(`{"item":"${item}","previous":"${previous}"}`));
    expect(link).toBe(await sha256OfCanonical({ previous, item }));
    expect(canonicalJson({ previous, item })).toBe(`{"item":"${item}","previous":"${previous}"}`);
  });

  it('changes when the previous link or the item changes by one digit', async () => {
    const link = await chainLink(previous, item);
    const flip = (hex: string) => `${hex.slice(0, 10)}${hex[10] === '0' ? '1' : '0'}${hex.slice(11)}`;
    expect(await chainLink(flip(previous), item)).not.toBe(link);
    expect(await chainLink(previous, flip(item))).not.toBe(link);
    expect(await chainLink(null, item)).not.toBe(link);
    expect(await chainLink(item, previous)).not.toBe(link);
  });

  it('refuses inputs that are not digests', async () => {
    await expect(chainLink(previous.toUpperCase(), item)).rejects.toThrow(TypeError);
    await expect(chainLink(null, 'not a digest')).rejects.toThrow('itemDigest');
    await expect(chainLink('', item)).rejects.toThrow('previousLink');
  });
});

describe('findChainBreak', () => {
  async function chainOf(count: number, start: string | null = null): Promise<ChainEntry[]> {
    const entries: ChainEntry[] = [];
    let previous = start;
    for (let index = 0; index < count; index++) {
      const itemDigest = await sha256OfCanonical({ listing: `https://item.taobao.com/item.htm?id=${index}` });
      previous = await chainLink(previous, itemDigest);
      entries.push({ itemDigest, link: previous });
    }
    return entries;
  }

  it('finds no break in an intact chain', async () => {
    expect(await findChainBreak(await chainOf(6))).toBeNull();
    expect(await findChainBreak([])).toBeNull();
  });

  it('finds an altered item where it is', async () => {
    const chain = await chainOf(6);
    chain[3] = { ...chain[3]!, itemDigest: await sha256OfCanonical({ listing: 'altered' }) };
    expect(await findChainBreak(chain)).toBe(3);
  });

  it('finds a removed, a reordered and an inserted item', async () => {
    const chain = await chainOf(6);
    expect(await findChainBreak([...chain.slice(0, 2), ...chain.slice(3)])).toBe(2);
    expect(await findChainBreak([chain[0]!, chain[2]!, chain[1]!, ...chain.slice(3)])).toBe(1);
    const intruder = { itemDigest: chain[0]!.itemDigest, link: await chainLink(chain[1]!.link, chain[0]!.itemDigest) };
    expect(await findChainBreak([...chain.slice(0, 2), intruder, ...chain.slice(2)])).toBe(3);
  });

  it('finds a chain that does not start where it claims to', async () => {
    const chain = await chainOf(3);
    expect(await findChainBreak(chain.slice(1))).toBe(0);
    expect(await findChainBreak(chain.slice(1), chain[0]!.link)).toBeNull();
  });

  it('reports malformed digests as breaks rather than throwing', async () => {
    const chain = await chainOf(3);
    chain[1] = { ...chain[1]!, link: chain[1]!.link.toUpperCase() };
    expect(await findChainBreak(chain)).toBe(1);
    expect(await findChainBreak(await chainOf(2), 'garbage')).toBe(0);
  });
});
