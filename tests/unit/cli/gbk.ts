/**
 * GBK bytes for the tests, without a GBK encoder: the platform only decodes GBK, so the table is
 * built by decoding every two-byte GBK sequence once and reading it backwards.
 */
let table: Map<string, [number, number]> | undefined;

function gbkTable(): Map<string, [number, number]> {
  if (table) return table;
  table = new Map();
  const decoder = new TextDecoder('gbk', { fatal: true });
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      let text: string;
      try {
        text = decoder.decode(Uint8Array.of(lead, trail));
      } catch {
        continue;
      }
      if (!table.has(text)) table.set(text, [lead, trail]);
    }
  }
  return table;
}

/** `text` as GBK bytes; throws on a character GBK cannot write. */
export function gbk(text: string): Uint8Array {
  const bytes: number[] = [];
  for (const character of text) {
    if (character.charCodeAt(0) < 0x80) {
      bytes.push(character.charCodeAt(0));
      continue;
    }
    const pair = gbkTable().get(character);
    if (!pair) throw new Error(`GBK has no ${JSON.stringify(character)}`);
    bytes.push(...pair);
  }
  return Uint8Array.from(bytes);
}
