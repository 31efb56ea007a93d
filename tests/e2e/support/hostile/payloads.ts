/**
 * Seller text that is also code: markup with inline handlers, a script-ending sequence, bidi
 * overrides and zero-width characters, written into a saved page wherever recognition reads a
 * listing's title, as the marketplace would write it there (escaped for JSON inside scripts,
 * escaped for HTML in attributes and text). Each payload, if anything ever ran it, marks the page
 * where both the page and a content script's world can see it. The hostile pages' CSP allows
 * exactly these handlers and scripts by hash, and nothing else inline but the attack's own script:
 * a payload that became markup would run rather than be stopped by the CSP.
 */
import { createHash } from 'node:crypto';
import { pwnedHost } from './server';

const mark = (where: string) => `window.__pwned='${where}';document.documentElement.setAttribute('data-pwned','${where}')`;
const handlers = { img: mark('img onerror'), svg: mark('svg onload'), script: mark('inline script') };
/**
 * The attack's own control (moves.ts): the same kind of handler, to show the CSP lets it run. Its
 * image fails at once, with no request (a page's many images can hold a real request back).
 */
export const controlMarkup = `<img src="data:image/png;base64,AA==" onerror="window.__payloadLive=true">`;
const controlHandler = 'window.__payloadLive=true';

export const payloadMarkup = `<img src="https://${pwnedHost}/title.png" onerror="${handlers.img}"><svg onload="${handlers.svg}"></svg></script><script>${handlers.script}</script>`;
/** Shows that a payload reached a listing's title (the popup lists titles). */
export const payloadMarker = 'HOSTILE-TITLE';

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Safe inside a JSON string and any JavaScript string literal: everything but letters, digits and spaces as \uXXXX. */
export function escapeScript(text: string): string {
  return text.replace(/[^A-Za-z0-9 ]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * The seller's text, as the page's data carries it: the markup once raw (recognition strips tags)
 * and once entity-escaped (recognition decodes entities, so this one reaches the listing's title
 * as literal markup, to be shown as text or not at all), among bidi and zero-width characters.
 */
export const sellerText = ` ${payloadMarker} \u202E\u200B${payloadMarkup} ${escapeHtml(payloadMarkup)}\u2066\u200D\u2069\uFEFF `;

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** The hostile page's policy: the attack by nonce, the payloads by hash, the marketplace's scripts not at all. */
export function hostileCsp(nonce: string): string {
  const hashes = [...Object.values(handlers), controlHandler].map(sha256).join(' ');
  return `script-src 'nonce-${nonce}' 'unsafe-hashes' ${hashes}; connect-src 'none'`;
}

/** Where each <script>…</script> body lies in the page: text there is script text, elsewhere HTML. */
function scriptBodies(html: string): Array<[number, number]> {
  const bodies: Array<[number, number]> = [];
  for (const match of html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script\s*>/gi)) {
    const start = match.index + match[0].indexOf('>') + 1;
    bodies.push([start, start + match[1]!.length]);
  }
  return bodies;
}

/**
 * The page with the seller's text written into every occurrence of each listing's title (or of
 * the longest start of it that the page holds verbatim), escaped for where it lands. Returns the
 * page and how many titles were reached.
 */
export function withSellerTitles(html: string, titles: Array<string | null>): { html: string; reached: number } {
  const inserts = new Map<number, string>();
  const bodies = scriptBodies(html);
  let reached = 0;
  for (const title of titles) {
    if (!title) continue;
    // The longest start of the title found verbatim (a start found means every shorter one is).
    let [found, missing] = [0, title.length + 1];
    while (missing - found > 1) {
      const length = (found + missing) >> 1;
      if (html.includes(title.slice(0, length))) found = length;
      else missing = length;
    }
    if (found < 12) continue;
    const needle = title.slice(0, found);
    reached++;
    for (let at = html.indexOf(needle); at >= 0; at = html.indexOf(needle, at + needle.length)) {
      const end = at + needle.length;
      const inScript = bodies.some(([start, stop]) => end > start && end < stop);
      inserts.set(end, inScript ? escapeScript(sellerText) : escapeHtml(sellerText));
    }
  }
  let out = '';
  let last = 0;
  for (const at of [...inserts.keys()].sort((a, b) => a - b)) {
    out += html.slice(last, at) + inserts.get(at)!;
    last = at;
  }
  return { html: out + html.slice(last), reached };
}
