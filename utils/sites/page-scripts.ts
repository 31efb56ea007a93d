/**
 * Structured data that marketplaces inline into their pages, read from the script text (which the
 * content script's isolated world can read, though it cannot see the page's variables).
 */
import { literalAfter, type JsValue } from './js-literal';

/** The reading under way, whose inline scripts are taken from the page at most once. */
let reading: { document: Document; texts: string[] | null } | null = null;

/**
 * Runs one reading of a page. Every extraction layer looks through the page's inline scripts, and
 * each look would otherwise copy their text out of the page again: megabytes, on some pages.
 */
export function inOneReading<T>(document: Document, read: () => T): T {
  const outer = reading;
  reading = { document, texts: null };
  try {
    return read();
  } finally {
    reading = outer;
  }
}

/** The text of every inline script, in document order. */
export function inlineScripts(document: Document): string[] {
  if (reading?.document === document) return (reading.texts ??= readInlineScripts(document));
  return readInlineScripts(document);
}

function readInlineScripts(document: Document): string[] {
  const texts: string[] = [];
  for (const script of Array.from(document.scripts)) {
    if (script.src) continue;
    const type = script.type.toLowerCase();
    if (type && !/javascript|ecmascript|module|json/.test(type)) continue;
    const text = script.textContent;
    if (text) texts.push(text);
  }
  return texts;
}

/**
 * Literals already read, by anchor and script text. Colophon reads the page again after every
 * change to it (late cards, infinite scroll), and its inline scripts rarely change in between.
 * Strings this long are told apart by their length and then compared, not hashed character by
 * character, so a lookup costs far less than a reading.
 */
const readLiterals = new Map<string, Map<string, JsValue | undefined>>();
/** Script texts remembered per anchor: a page's own, and the one before a single-page navigation. */
const rememberedTexts = 8;

function literalOf(text: string, anchor: RegExp): JsValue | undefined {
  // By the anchor's text: a regular expression literal is a new object each time it is evaluated.
  let read = readLiterals.get(anchor.source);
  if (!read) readLiterals.set(anchor.source, (read = new Map()));
  if (read.has(text)) return read.get(text);
  const value = literalAfter(text, anchor);
  if (read.size >= rememberedTexts) read.delete(read.keys().next().value!);
  read.set(text, value);
  return value;
}

/**
 * The first literal assigned after `anchor` in any inline script that contains `hint` (a cheap
 * substring test, so the regular expression only runs on the few scripts that can match).
 */
export function scriptLiteral(document: Document, hint: string, anchor: RegExp): JsValue | undefined {
  for (const text of inlineScripts(document)) {
    if (!text.includes(hint)) continue;
    const value = literalOf(text, anchor);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** Follows a dotted path through parsed data: `at(data, 'root.fields.mods')`. */
export function at(value: JsValue | undefined, path: string): JsValue | undefined {
  let current: JsValue | undefined = value;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = Array.isArray(current) ? current[Number(key)] : current[key];
  }
  return current;
}

export function asObject(value: JsValue | undefined): { [key: string]: JsValue } | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
}

export function asArray(value: JsValue | undefined): JsValue[] {
  return Array.isArray(value) ? value : [];
}

/** A meta tag's content by name or property. */
export function meta(document: Document, key: string): string | null {
  // In the head, where pages put them: a page without the tag is not walked whole for it.
  const element = (document.head ?? document).querySelector(`meta[property="${key}"], meta[name="${key}"]`);
  const content = element?.getAttribute('content')?.trim();
  return content ? content : null;
}
