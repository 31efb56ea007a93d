/**
 * The match index: every enabled catalogue's entries, reduced to what matching needs, in typed
 * arrays. It is built once per catalogue change and stored (IndexedDB keeps ArrayBuffers as they
 * are), so a service worker that wakes up loads it in milliseconds instead of rebuilding it:
 * the index survives the service worker being stopped and restarted.
 *
 * Entries are numbered 0…n-1. Each has a record, a run of varints in `records`:
 *
 *   variantCount, { language × 4 + kind, tokenCount, [token…, origin] } × variantCount,
 *   authorCount,  { keyTokenCount, keyToken…, contributor } × authorCount
 *
 * Variant 0 is the main title; then the main title cut before its series note or subtitle
 * (kinds `series` and `subtitle`, stored as a count of the main title's tokens, nothing else),
 * and the titles in other languages. A full variant's origin says which title it is (0 the main
 * title, k + 1 the entry's k-th other title); an author's contributor is its position in the
 * entry's contributors. Tokens are ids in `tokens`, numbered by frequency, so common ones take one
 * byte. The index holds no text to show: a match names its entry, and the words shown to the user
 * come from the entry as stored (describe.ts).
 */
import { lowerBound, type StringTable } from './codec';
import type { TokenDictionary } from './dictionary';

export interface MatchIndex {
  entryCount: number;
  /** The catalogues' ids; `entryCatalogue` points into it. */
  catalogueIds: string[];
  /** BCP 47 tags of variant titles; a variant's language points into it. */
  languages: string[];
  entryCatalogue: Uint16Array;
  /** Bits 0–6: the entry's edition number (0 unknown); bit 7: a variant has a single token. */
  entryFlags: Uint8Array;
  /** What kind of book each entry is (`entryForms` bits): a translation is not its original. */
  entryForms: Uint32Array;
  /** The ISBN key (see `isbnKey`) when the entry's id is its first ISBN, else `noKey`. */
  entryIdKey: Uint32Array;
  /** The house that publishes each entry (into `publishers`: publishers.ts keys), or `noKey` when unknown or not named in Chinese. */
  entryPublisher: Uint32Array;
  publishers: StringTable;
  /** Entries whose id is not an ISBN: their numbers (ascending) and ids. */
  otherIdEntries: Uint32Array;
  otherIds: StringTable;
  /** `entryCount + 1` byte offsets into `records`. */
  recordOffsets: Uint32Array;
  records: Uint8Array;
  tokens: TokenDictionary;
  /** Inverse document frequency of each token over the entries' titles, in nats. */
  idf: Float32Array;
  /** The same over the entries' contributors' name keys ("Martin" is common, "Krakauer" rare); 0 for tokens no name holds. */
  nameIdf: Float32Array;
  /** Entries by token: for each title variant, its two rarest tokens point to the entry. */
  postingOffsets: Uint32Array;
  postings: Uint32Array;
  /** ISBN keys in ascending order, and the entry each belongs to (several when catalogues share a book). */
  isbnKeys: Uint32Array;
  isbnEntries: Uint32Array;
}

export const noKey = 0xffffffff;

/** Bits of `entryForms`. */
export const entryForms = {
  /** The entry is a Chinese translation (a translator credited, and a Chinese title or translator): a listing of the original-language edition ("英文原版", "影印版") is another book. */
  translation: 1,
  /** The entry's edition says "修订版" (revised): a listing saying so agrees, one of the same title without it may be the unrevised book. */
  revised: 2,
  /** The entry's edition is the original-language one ("英文版", "影印版"): a Chinese listing that does not say so sells the translation. */
  original: 4,
  /** Bits 3 to 17: the named editions the entry is (forms.ts `namedEditions`: "纪念版", "典藏版"…). */
  namedShift: 3,
  namedMask: 0x7fff,
  /** Bits 18 to 20: its binding (forms.ts bindingOf); 21 and 22: its revision (revisionOf); 23 to 29: its volumes (volumesOf). */
  bindingShift: 18,
  revisionShift: 21,
  volumesShift: 23,
} as const;

/** The exclusive kinds of an entry's edition, from its `entryForms` bits. */
export function editionKinds(forms: number): { binding: number; revision: number; volumes: number } {
  return { binding: (forms >>> entryForms.bindingShift) & 7, revision: (forms >>> entryForms.revisionShift) & 3, volumes: (forms >>> entryForms.volumesShift) & 127 };
}

/** How a title variant relates to the main title; see the record layout above. */
export const variantKinds = { full: 0, series: 1, subtitle: 2 } as const;

/**
 * An ISBN-13 as a 32-bit number: 978/979 as one bit plus the nine digits after it; the check
 * digit follows from those, so nothing is lost.
 */
export function isbnKey(isbn13: string): number {
  return (isbn13.startsWith('979') ? 1_000_000_000 : 0) + Number(isbn13.slice(3, 12));
}

export function isbnFromKey(key: number): string {
  const body = `${key >= 1_000_000_000 ? '979' : '978'}${String(key % 1_000_000_000).padStart(9, '0')}`;
  let sum = 0;
  for (let k = 0; k < 12; k++) sum += (body.charCodeAt(k) - 48) * (k % 2 === 0 ? 1 : 3);
  return body + ((10 - (sum % 10)) % 10);
}

/** The entries holding this ISBN key: a binary search in the sorted keys. */
export function entriesWithIsbn(index: MatchIndex, key: number): number[] {
  const keys = index.isbnKeys;
  const found: number[] = [];
  for (let i = lowerBound(keys, key); i < keys.length && keys[i] === key; i++) found.push(index.isbnEntries[i]!);
  return found;
}
