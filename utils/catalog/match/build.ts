/**
 * Builds the match index from catalogue entries in two passes. The first tokenises every title
 * and name, interning tokens with provisional ids and counting how many entries use
 * each token. The second numbers tokens by frequency, writes the compact records, and
 * points each title variant's two rarest tokens at its entry: a listing can only hold a title
 * whose rarest tokens it holds, so those are where candidates come from.
 */
import type { CatalogueEntry } from '../schema';
import { namedContributors, nameKey } from './authors';
import { packStrings, U32Vec, VarintWriter } from './codec';
import { buildDictionary } from './dictionary';
import { EntryFacts } from './entry-facts';
import { internLatinTitle, Interner, type Interned } from './intern';
import { isbnFromKey, isbnKey, noKey, variantKinds, type MatchIndex } from './match-index';
import { postedTokensOf } from './postings';
import { tokenIdf } from './score';
import { titleTokens } from './segments';
import { cutAt, titleCuts } from './variants';

export interface IndexedEntry {
  catalogueId: string;
  entry: CatalogueEntry;
}

/** ISBN keys and entry numbers are sorted together as one float: key × 2²¹ + entry. */
const maxEntries = 1 << 21;
const cjk = /[\u2e80-\u9fff\uf900-\ufaff]/;
/** A bracketed note that numbers a volume, issue, part or set. */
const volumeNote = /[0-9一二三四五六七八九十]+\s*[辑集卷册部本期]|第\s*[0-9一二三四五六七八九十]/;

export function buildMatchIndex(entries: Iterable<IndexedEntry>): MatchIndex {
  const builder = matchIndexBuilder();
  for (const entry of entries) builder.add(entry);
  return builder.finish();
}

export interface MatchIndexBuilder {
  add(entry: IndexedEntry): void;
  finish(): MatchIndex;
}

/**
 * A builder fed entry by entry, so the background can stream a catalogue out of IndexedDB into it
 * in batches instead of holding 500 000 entry objects (hundreds of megabytes) at once.
 */
export function matchIndexBuilder(): MatchIndexBuilder {
  const catalogues = new Map<string, number>();
  const languages = new Map<string, number>();
  const tokens = new Interner();
  const temp = new U32Vec(1 << 20);
  const tempOffsets = new U32Vec();
  const entryCatalogue = new U32Vec();
  const entryFlags = new U32Vec();
  const entryIdKey = new U32Vec();
  const facts = new EntryFacts();
  const otherIdEntries: number[] = [];
  const otherIds: string[] = [];
  const isbnPairs: number[] = [];
  let n = 0;
  // Catalogues repeat authors: each is read once. A name's entry holds the tokens of its key (the
  // surname, or a Chinese name whole), or null when it has none.
  const nameTokens = new Map<string, number[] | null>();

  const language = (tag: string) => {
    let id = languages.get(tag);
    if (id === undefined) languages.set(tag, (id = languages.size));
    return id;
  };
  const read: Interned = { tokenIds: [], tokenStarts: [] };
  /** Tokens of `text` (a title, or a name's key), interned into `read`; whether `read.tokenStarts` holds their positions. */
  const readText = (text: string): boolean => {
    read.tokenIds.length = read.tokenStarts.length = 0;
    if (internLatinTitle(text, tokens, read)) return true;
    for (const token of titleTokens(text)) read.tokenIds.push(tokens.intern(token));
    return false;
  };
  const countBefore = (starts: number[], at: number) => {
    let k = 0;
    while (k < starts.length && starts[k]! < at) k++;
    return k;
  };
  const push = (ids: number[], interner: Interner | null, stamp: number) => {
    temp.push(ids.length);
    for (const id of ids) {
      temp.push(id);
      interner?.count(id, stamp);
    }
  };
  const allSame = (ids: number[], count: number) => {
    for (let k = 1; k < count; k++) if (ids[k] !== ids[0]) return false;
    return count > 0;
  };

  return { add, finish };

  function add({ catalogueId, entry }: IndexedEntry): void {
    const e = n++;
    if (e >= maxEntries) throw new Error(`A match index holds at most ${maxEntries} entries`);
    const stamp = e + 1;
    let catalogue = catalogues.get(catalogueId);
    if (catalogue === undefined) {
      catalogue = catalogues.size;
      if (catalogue > 0xffff) throw new Error('A match index holds at most 65 536 catalogues');
      catalogues.set(catalogueId, catalogue);
    }
    entryCatalogue.push(catalogue);
    tempOffsets.push(temp.length);

    // An id that is one of the entry's ISBNs needs no storing of its own.
    const idKey = entry.isbns.includes(entry.id) ? isbnKey(entry.id) : noKey;
    if (idKey !== noKey && isbnFromKey(idKey) === entry.id) entryIdKey.push(idKey);
    else {
      entryIdKey.push(noKey);
      otherIdEntries.push(e);
      otherIds.push(entry.id);
    }
    for (let i = 0; i < entry.isbns.length; i++) {
      const isbn = entry.isbns[i]!;
      if (entry.isbns.indexOf(isbn) === i) isbnPairs.push(isbnKey(isbn) * maxEntries + e);
    }

    let single = false;
    const variantsAt = temp.length;
    temp.push(0);
    let variants = 0;
    // The main title, then the same cut before its series note and before its subtitle (each a prefix).
    const main = entry.title.trim();
    const latin = readText(main);
    if (read.tokenIds.length > 0) {
      const mainLanguage = language(!latin && cjk.test(main) ? 'zh' : 'und');
      const mainTokenCount = read.tokenIds.length;
      temp.push(mainLanguage * 4 + variantKinds.full);
      push(read.tokenIds, tokens, stamp);
      temp.push(0);
      variants++;
      single ||= allSame(read.tokenIds, mainTokenCount);
      let lastCut = mainTokenCount;
      for (const [kind, marks] of titleCuts) {
        const at = cutAt(main, marks);
        if (at <= 0) continue;
        // "刑事审判参考（总第107集）", "亲亲科学图书馆（第1辑）": the bracket says which volume, and
        // a listing without it is of another one.
        if (!latin && kind === variantKinds.series && volumeNote.test(main.slice(at))) continue;
        const tokenCount = latin ? countBefore(read.tokenStarts, at) : titleTokens(main.slice(0, at)).length;
        if (tokenCount === 0 || tokenCount >= lastCut) continue;
        lastCut = tokenCount;
        temp.push(mainLanguage * 4 + kind);
        temp.push(tokenCount);
        variants++;
        single ||= allSame(read.tokenIds, tokenCount);
      }
    }
    entry.otherTitles.forEach((other, k) => {
      readText(other.title.trim());
      if (read.tokenIds.length === 0) return;
      temp.push(language(other.language) * 4 + variantKinds.full);
      push(read.tokenIds, tokens, stamp);
      temp.push(k + 1);
      variants++;
      single ||= allSame(read.tokenIds, read.tokenIds.length);
    });
    temp.set(variantsAt, variants);

    // Authors: the tokens a listing must hold (the surname, or a Chinese name whole), and which contributor it is.
    const authorsAt = temp.length;
    temp.push(0);
    let authors = 0;
    for (const c of namedContributors(entry.contributors)) {
      const name = entry.contributors[c]!.name;
      let keyTokens = nameTokens.get(name);
      if (keyTokens === undefined) {
        const key = nameKey(name);
        if (key) readText(key);
        keyTokens = key && read.tokenIds.length > 0 ? [...read.tokenIds] : null;
        nameTokens.set(name, keyTokens);
      }
      if (!keyTokens) continue;
      push(keyTokens, null, stamp);
      for (const id of keyTokens) tokens.countName(id, stamp);
      temp.push(c);
      authors++;
    }
    temp.set(authorsAt, authors);

    entryFlags.push(Math.min(facts.add(entry), 127) | (single ? 0x80 : 0));
  }

  function finish(): MatchIndex {
    tempOffsets.push(temp.length);
    const tokenRanking = tokens.rankByCount();
    const idf = new Float32Array(tokenRanking.names.length);
    const nameIdf = new Float32Array(tokenRanking.names.length);
    tokenRanking.rank.forEach((newId, oldId) => {
      idf[newId] = tokenIdf(tokenRanking.names[newId]!, tokens.counts[oldId]!, n);
      const names = tokens.nameCounts[oldId]!;
      if (names > 0) nameIdf[newId] = tokenIdf(tokenRanking.names[newId]!, names, n);
    });

    // Second pass: final token ids into varint records; the two rarest tokens of each variant into postings.
    const records = new VarintWriter();
    const recordOffsets = new Uint32Array(n + 1);
    const postingTokens = new U32Vec();
    const postingEntries = new U32Vec();
    let at = 0;
    const copyTokens = (into?: number[]) => {
      const count = temp.get(at++);
      records.write(count);
      for (let k = 0; k < count; k++) {
        const id = tokenRanking.rank[temp.get(at++)]!;
        records.write(id);
        into?.push(id);
      }
    };
    for (let e = 0; e < n; e++) {
      recordOffsets[e] = records.length;
      at = tempOffsets.get(e);
      const variantCount = temp.get(at++);
      records.write(variantCount);
      const postedTokens = new Set<number>();
      let mainTokens: number[] = [];
      for (let v = 0; v < variantCount; v++) {
        const code = temp.get(at++);
        records.write(code);
        let variantTokens: number[] = [];
        if (code % 4 === variantKinds.full) {
          copyTokens(variantTokens);
          records.write(temp.get(at++));
          if (v === 0) mainTokens = variantTokens;
        } else {
          const tokenCount = temp.get(at++);
          records.write(tokenCount);
          variantTokens = mainTokens.slice(0, tokenCount);
        }
        for (const token of postedTokensOf(variantTokens, idf, tokenRanking.names)) {
          if (postedTokens.has(token)) continue;
          postedTokens.add(token);
          postingTokens.push(token);
          postingEntries.push(e);
        }
      }
      const authorCount = temp.get(at++);
      records.write(authorCount);
      for (let a = 0; a < authorCount; a++) {
        copyTokens();
        records.write(temp.get(at++));
      }
    }
    recordOffsets[n] = records.length;

    // Postings grouped by token (a counting sort keeps each group in entry order).
    const postingOffsets = new Uint32Array(idf.length + 1);
    for (let i = 0; i < postingTokens.length; i++) postingOffsets[postingTokens.get(i) + 1]!++;
    for (let t = 0; t < idf.length; t++) postingOffsets[t + 1]! += postingOffsets[t]!;
    const fill = postingOffsets.slice(0, idf.length);
    const postings = new Uint32Array(postingTokens.length);
    for (let i = 0; i < postingTokens.length; i++) postings[fill[postingTokens.get(i)]!++] = postingEntries.get(i);

    const pairs = Float64Array.from(isbnPairs).sort();
    const isbnKeys = new Uint32Array(pairs.length);
    const isbnEntries = new Uint32Array(pairs.length);
    pairs.forEach((pair, i) => {
      isbnKeys[i] = Math.floor(pair / maxEntries);
      isbnEntries[i] = pair % maxEntries;
    });

    return {
      entryCount: n,
      catalogueIds: [...catalogues.keys()],
      languages: [...languages.keys()],
      entryCatalogue: Uint16Array.from(entryCatalogue.toArray()),
      entryFlags: Uint8Array.from(entryFlags.toArray()),
      entryForms: Uint32Array.from(facts.forms.toArray()),
      entryIdKey: entryIdKey.toArray(),
      entryPublisher: facts.publishers.toArray(),
      publishers: facts.publisherTable(),
      otherIdEntries: Uint32Array.from(otherIdEntries),
      otherIds: packStrings(otherIds),
      recordOffsets,
      records: records.toArray(),
      tokens: buildDictionary(tokenRanking.names),
      idf,
      nameIdf,
      postingOffsets,
      postings,
      isbnKeys,
      isbnEntries,
    };
  }
}
