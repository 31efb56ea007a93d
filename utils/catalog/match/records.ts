/** Reading an entry's record in the index (match-index.ts draws its layout). */
import type { VarintReader } from './codec';
import { variantKinds, type MatchIndex } from './match-index';

export function readIds(reader: VarintReader): number[] {
  const count = reader.read();
  const ids = new Array<number>(count);
  for (let k = 0; k < count; k++) ids[k] = reader.read();
  return ids;
}

export interface Variant {
  kind: number;
  language: string;
  tokens: number[];
  /** 0 the main title, k + 1 the entry's k-th other title. */
  origin: number;
}

export function readVariants(index: MatchIndex, reader: VarintReader): Variant[] {
  const variants: Variant[] = [];
  const count = reader.read();
  for (let v = 0; v < count; v++) {
    const code = reader.read();
    const kind = code & 3;
    const language = index.languages[code >>> 2]!;
    if (kind === variantKinds.full) {
      const tokens = readIds(reader);
      variants.push({ kind, language, tokens, origin: reader.read() });
    } else {
      const main = variants[0]!;
      variants.push({ kind, language, tokens: main.tokens.slice(0, reader.read()), origin: main.origin });
    }
  }
  return variants;
}

