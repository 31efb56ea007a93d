/**
 * The stored form of the match index: a version, a few small arrays and one ArrayBuffer per typed
 * array. IndexedDB stores it by structured clone and gives the buffers back as they were, so
 * loading is wrapping them in views (no parsing, no per-entry objects): milliseconds for 500 000
 * entries when the service worker wakes.
 */
import { noKey, type MatchIndex } from './match-index';

/**
 * Version 1 also held the titles' words for display; version 2 read them from the stored entries;
 * version 3 reads Chinese titles whole across the spaces beside their characters, without
 * version numbers, and keeps each entry's form (a translation or not); version 4 reads "C++" and
 * "C#" as words of their own, knows more named editions ("经典版", "双语版", "插图版"), an English
 * reprint's form, and each entry's publisher; version 5 knows picture-book editions ("绘本版"),
 * year editions ("2020版", kept among edition numbers from 100 up), a translation as one into
 * Chinese, and points each volume of a set to the set's name ("Java核心技术" of "… 卷I 基础知识");
 * version 6 keeps each entry's binding, revision and count of volumes ("精装", "新修版", "全三册"),
 * and knows one more named edition ("精编版").
 */
export interface SerialisedMatchIndexV6 {
  version: 6;
  entryCount: number;
  catalogueIds: string[];
  languages: string[];
  buffers: Record<BufferName, ArrayBuffer>;
}
export type SerialisedMatchIndex = SerialisedMatchIndexV6;

const bufferNames = [
  'entryCatalogue', 'entryFlags', 'entryForms', 'entryIdKey', 'entryPublisher', 'publisherChars', 'publisherOffsets', 'otherIdEntries', 'otherIdChars', 'otherIdOffsets',
  'recordOffsets', 'records', 'tokenChars', 'tokenOffsets', 'tokenSlots', 'idf', 'nameIdf', 'postingOffsets',
  'postings', 'isbnKeys', 'isbnEntries',
] as const;
type BufferName = (typeof bufferNames)[number];

/** A typed array's own bytes: a view into a larger buffer would store the whole buffer. */
function own(array: ArrayBufferView): ArrayBuffer {
  const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
  return bytes.slice().buffer;
}

export function serialiseMatchIndex(index: MatchIndex): SerialisedMatchIndex {
  const arrays: Record<BufferName, ArrayBufferView> = {
    entryCatalogue: index.entryCatalogue,
    entryFlags: index.entryFlags,
    entryForms: index.entryForms,
    entryIdKey: index.entryIdKey,
    entryPublisher: index.entryPublisher,
    publisherChars: index.publishers.chars,
    publisherOffsets: index.publishers.offsets,
    otherIdEntries: index.otherIdEntries,
    otherIdChars: index.otherIds.chars,
    otherIdOffsets: index.otherIds.offsets,
    recordOffsets: index.recordOffsets,
    records: index.records,
    tokenChars: index.tokens.chars,
    tokenOffsets: index.tokens.offsets,
    tokenSlots: index.tokens.slots,
    idf: index.idf,
    nameIdf: index.nameIdf,
    postingOffsets: index.postingOffsets,
    postings: index.postings,
    isbnKeys: index.isbnKeys,
    isbnEntries: index.isbnEntries,
  };
  const buffers = {} as Record<BufferName, ArrayBuffer>;
  for (const name of bufferNames) buffers[name] = own(arrays[name]);
  return {
    version: 6,
    entryCount: index.entryCount,
    catalogueIds: [...index.catalogueIds],
    languages: [...index.languages],
    buffers,
  };
}

/**
 * The index back from its stored form. Refuses (throws) a version it does not know or a shape
 * that does not hold together: the caller then rebuilds the index from the catalogues.
 */
export function loadMatchIndex(serialised: unknown): MatchIndex {
  const stored = serialised as Partial<SerialisedMatchIndex> | null;
  if (!stored || typeof stored !== 'object' || stored.version !== 6) {
    throw new Error(`Unknown match index version: ${String(stored?.version)}`);
  }
  const { entryCount, catalogueIds, languages, buffers } = stored;
  if (!Number.isInteger(entryCount) || !Array.isArray(catalogueIds) || !Array.isArray(languages) || !buffers) {
    throw new Error('Malformed match index');
  }
  for (const name of bufferNames) {
    // Not instanceof: a buffer read back from IndexedDB may come from another realm.
    if (Object.prototype.toString.call(buffers[name]) !== '[object ArrayBuffer]') throw new Error(`Malformed match index: no ${name}`);
  }
  const b = buffers;
  const index: MatchIndex = {
    entryCount: entryCount!,
    catalogueIds,
    languages,
    entryCatalogue: new Uint16Array(b.entryCatalogue),
    entryFlags: new Uint8Array(b.entryFlags),
    entryForms: new Uint32Array(b.entryForms),
    entryIdKey: new Uint32Array(b.entryIdKey),
    entryPublisher: new Uint32Array(b.entryPublisher),
    publishers: { chars: new Uint16Array(b.publisherChars), offsets: new Uint32Array(b.publisherOffsets) },
    otherIdEntries: new Uint32Array(b.otherIdEntries),
    otherIds: { chars: new Uint16Array(b.otherIdChars), offsets: new Uint32Array(b.otherIdOffsets) },
    recordOffsets: new Uint32Array(b.recordOffsets),
    records: new Uint8Array(b.records),
    tokens: { chars: new Uint16Array(b.tokenChars), offsets: new Uint32Array(b.tokenOffsets), slots: new Int32Array(b.tokenSlots) },
    idf: new Float32Array(b.idf),
    nameIdf: new Float32Array(b.nameIdf),
    postingOffsets: new Uint32Array(b.postingOffsets),
    postings: new Uint32Array(b.postings),
    isbnKeys: new Uint32Array(b.isbnKeys),
    isbnEntries: new Uint32Array(b.isbnEntries),
  };
  const n = index.entryCount;
  const consistent =
    index.entryCatalogue.length === n &&
    index.entryFlags.length === n &&
    index.entryForms.length === n &&
    index.entryIdKey.length === n &&
    index.entryPublisher.length === n &&
    index.entryPublisher.every((p) => p === noKey || p < index.publishers.offsets.length - 1) &&
    index.recordOffsets.length === n + 1 &&
    index.recordOffsets[n] === index.records.length &&
    index.postingOffsets.length === index.idf.length + 1 &&
    index.nameIdf.length === index.idf.length &&
    index.postingOffsets[index.idf.length] === index.postings.length &&
    index.tokens.offsets.length === index.idf.length + 1 &&
    index.isbnKeys.length === index.isbnEntries.length &&
    index.otherIds.offsets.length === index.otherIdEntries.length + 1;
  if (!consistent) throw new Error('Malformed match index: its arrays do not agree');
  return index;
}
