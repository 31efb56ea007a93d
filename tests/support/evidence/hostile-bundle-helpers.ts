/**
 * Making hostile bundles as an attacker would: with Colophon's own record builders
 * (utils/evidence/bundle/zip-records.ts), so every record is exactly what the writer makes, but
 * without the writer's refusals and its fixed layout. Pieces are laid one after the other: an entry
 * (local header, data, data descriptor) or raw bytes where no entry should be; the central
 * directory and the end records can then be given by the test, so each hostile bundle differs
 * from a real one by the single defect it is meant to carry. `assemble` of a real bundle's entries
 * gives back that bundle byte for byte (tests/unit/evidence/hostile-bundle-zip.test.ts checks).
 */
import { crc32 } from '@/utils/evidence/bundle/crc32';
import type { BundleVerification, FindingCode } from '@/utils/evidence/bundle/verify';
import { centralFileHeader, dataDescriptor, dosDateTime, endOfArchive, localFileHeader, type DirectoryPlacement, type WrittenEntry } from '@/utils/evidence/bundle/zip-records';
import { exportTime, type BundleEntry } from './bundle-helpers';
import { utf8 } from './zip-helpers';

export interface RawEntry {
  name: string | Uint8Array;
  data: Uint8Array;
  /** A ZIP64 extra field in the local header, as the writer gives files declared to reach 4 GiB. */
  zip64Local?: boolean;
  /** Edits the local header the writer would make. */
  local?: (header: Uint8Array) => Uint8Array;
  /** Replaces the data descriptor the writer would make. */
  descriptor?: Uint8Array;
}

/** An entry, or bytes that belong to no entry. */
export type Piece = RawEntry | Uint8Array;

/** Where an entry was laid, and what the writer's central directory says of it. */
export interface Placed {
  written: WrittenEntry;
  offset: number;
  dataOffset: number;
  descriptorOffset: number;
  end: number;
}

export interface AssembleOptions {
  /** The central directory's headers; by default the writer's, for every entry in order. */
  directory?: (placed: Placed[]) => Uint8Array[];
  /** The records closing the archive, given the directory's place and headers; by default the writer's. */
  end?: (placement: DirectoryPlacement, directory: readonly Uint8Array[]) => Uint8Array;
  /** Bytes after the end records. */
  after?: Uint8Array;
}

/** The modification time every entry of an exported bundle carries: the export's. */
export const bundleTime = dosDateTime(exportTime);

export function assemble(pieces: readonly Piece[], options: AssembleOptions = {}): Uint8Array<ArrayBuffer> {
  const parts: Uint8Array[] = [];
  const placed: Placed[] = [];
  let offset = 0;
  for (const piece of pieces) {
    if (piece instanceof Uint8Array) {
      parts.push(piece);
      offset += piece.length;
      continue;
    }
    const name = typeof piece.name === 'string' ? utf8(piece.name) : piece.name;
    const written: WrittenEntry = { name, modified: bundleTime, crc: crc32(piece.data), size: piece.data.length, offset, zip64Local: piece.zip64Local ?? false };
    const header = (piece.local ?? ((bytes) => bytes))(localFileHeader(name, bundleTime, written.zip64Local));
    const descriptor = piece.descriptor ?? dataDescriptor(written.crc, written.size, written.zip64Local);
    parts.push(header, piece.data, descriptor);
    const dataOffset = offset + header.length;
    placed.push({ written, offset, dataOffset, descriptorOffset: dataOffset + piece.data.length, end: dataOffset + piece.data.length + descriptor.length });
    offset = placed.at(-1)!.end;
  }
  const directory = (options.directory ?? ((all) => all.map((entry) => centralFileHeader(entry.written))))(placed);
  const size = directory.reduce((sum, header) => sum + header.length, 0);
  const end = (options.end ?? endOfArchive)({ entryCount: directory.length, offset, size }, directory);
  return join([...parts, ...directory, end, options.after ?? new Uint8Array()]);
}

export function join(parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** A copy of `bytes` with the little-endian `value` written over `width` bytes at `at`. */
export function patch(bytes: Uint8Array, at: number, value: number | bigint, width: 2 | 4 | 8): Uint8Array<ArrayBuffer> {
  const copy = bytes.slice();
  const view = new DataView(copy.buffer);
  if (width === 2) view.setUint16(at, Number(value), true);
  else if (width === 4) view.setUint32(at, Number(value), true);
  else view.setBigUint64(at, BigInt(value), true);
  return copy;
}

export const u32 = (bytes: Uint8Array, at: number) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(at, true);

/** A complete local record (header, data, descriptor) of a file, as bytes to hide somewhere. */
export function localRecord(name: string, data: Uint8Array): Uint8Array<ArrayBuffer> {
  return join([localFileHeader(utf8(name), bundleTime, false), data, dataDescriptor(crc32(data), data.length, false)]);
}

/** The entries as pieces, with `edit` applied to the one named `name`. */
export function editing(entries: readonly BundleEntry[], name: string, edit: (entry: RawEntry) => Piece | Piece[]): Piece[] {
  if (!entries.some((entry) => entry.name === name)) throw new Error(`no ${name} among the entries`);
  return entries.flatMap((entry) => (entry.name === name ? edit({ ...entry }) : [{ ...entry }]));
}

/** What a verification found, as code and file, in order (for readable assertions). */
export const findingsOf = (verification: BundleVerification): { code: FindingCode; file: string | null }[] => verification.failures.map(({ code, file }) => ({ code, file }));

/** The distinct finding codes of a verification, in order of first appearance. */
export const codesOf = (verification: BundleVerification): FindingCode[] => [...new Set(verification.failures.map((failure) => failure.code))];
