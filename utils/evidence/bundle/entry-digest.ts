/**
 * The SHA-256 of a file in a bundle being verified, and whether its bytes still match the ZIP's own
 * CRC-32. A file up to one read (1 MiB) is read in one piece, and one of a few kilobytes hashed by
 * our own SHA-256 (../sha256.ts) rather than WebCrypto: a bundle may hold tens of thousands of small files, and a stream or a WebCrypto call
 * for each costs more than its hashing. Larger files are read a chunk at a
 * time; up to wholeReadLimit they are hashed by WebCrypto once read, beyond it through the
 * incremental SHA-256, so a bundle of any size verifies in flat memory.
 */
import { sha256Hex } from '@/utils/protocol/digest';
import { incrementalSha256, synchronousSha256 } from '../sha256';
import { wholeReadLimit } from './artifact-stream';
import { crc32 } from './crc32';
import type { RandomAccessSource } from './random-access';
import { entryBytes, openEntry, type ZipDirectoryEntry } from './zip-reader';

export interface EntryDigest {
  sha256: string;
  /** False when the bytes do not give the CRC-32 the archive records for them. */
  crcMatches: boolean;
}

const oneRead = 1024 * 1024;

/** Throws a ZipEntryError naming the entry when its bytes cannot be read. */
export async function entryDigest(source: RandomAccessSource, entry: ZipDirectoryEntry): Promise<EntryDigest> {
  if (entry.size <= oneRead) {
    const bytes = await entryBytes(source, entry, oneRead, { verifyCrc: false });
    // WebCrypto's fixed cost per call (about 40 µs in Node) is that of hashing 4 KiB here.
    const sha256 = bytes.length <= 4096 ? (await synchronousSha256())(bytes) : await sha256Hex(bytes);
    return { sha256, crcMatches: crc32(bytes) === entry.crc32 };
  }
  const whole = entry.size <= wholeReadLimit;
  const parts: Uint8Array[] = [];
  const hash = whole ? null : await incrementalSha256();
  let crc = 0;
  const reader = openEntry(source, entry, { verifyCrc: false }).getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    crc = crc32(next.value, crc);
    if (hash) hash.update(next.value);
    else parts.push(next.value);
  }
  const sha256 = hash ? hash.digestHex() : await sha256Hex(joined(parts));
  return { sha256, crcMatches: crc === entry.crc32 };
}

function joined(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
