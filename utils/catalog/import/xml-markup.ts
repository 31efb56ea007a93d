/**
 * Where a piece of markup ends, in text that may stop half-way through it (the rest is in the next
 * chunk): the part of the XML tokeniser (xml-stream.ts) that looks ahead.
 */
import { issueText, type IssueText } from './issue-text';

/** What can follow "<" in a tag: a name, or the "/" of an end tag. */
const nameStart = /[/A-Za-z_:\u00C0-\uFFFF]/y;
/** The rest of a tag without quotes, from just after its "<": "Product>", "/Product>", "NoPrefix />". */
const simpleTag = /[/A-Za-z_:\u00C0-\uFFFF][^<>"']*>/y;

/**
 * Where the markup starting at `buffer[start]` ("<") ends, just past its ">"; -1 when the buffer
 * stops before it does; what is wrong when it can never be well-formed. `final`: no more text comes.
 */
export function markupEnd(buffer: string, start: number, final: boolean): number | IssueText {
  // Enough characters to tell "<!--", "<![CDATA[" and "<!DOCTYPE" apart.
  if (!final && buffer.length - start < 9) return -1;
  const second = buffer.charCodeAt(start + 1);
  if (second === 33 /* ! */ || second === 63 /* ? */) return declarationEnd(buffer, start);
  // Most ONIX tags have no attributes: one regex step finds their end.
  simpleTag.lastIndex = start + 1;
  if (simpleTag.test(buffer)) return simpleTag.lastIndex;
  nameStart.lastIndex = start + 1;
  if (!nameStart.test(buffer)) return issueText('xmlStrayLessThan', excerpt(buffer, start));
  // A start tag with attributes: ">" ends it unless inside a quoted value.
  let quote = 0;
  for (let i = start + 1; i < buffer.length; i++) {
    const c = buffer.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) quote = c;
    else if (c === 62) return i + 1;
    else if (c === 60) return issueText('xmlLessThanInTag', excerpt(buffer, start));
  }
  return -1;
}

/** The end of a comment, CDATA section, processing instruction or DOCTYPE. */
function declarationEnd(buffer: string, start: number): number | IssueText {
  const closing = (token: string, from: number) => {
    const at = buffer.indexOf(token, from);
    return at === -1 ? -1 : at + token.length;
  };
  if (buffer.startsWith('<!--', start)) return closing('-->', start + 4);
  if (buffer.startsWith('<![CDATA[', start)) return closing(']]>', start + 9);
  if (buffer.startsWith('<?', start)) return closing('?>', start + 2);
  if (!buffer.startsWith('<!DOCTYPE', start)) return issueText('xmlUnexpectedMarkup', excerpt(buffer, start));
  const bracket = buffer.indexOf('[', start);
  const gt = buffer.indexOf('>', start);
  // An internal subset ("[ … ]") may hold ">" itself: the declaration ends at "]" then ">".
  if (bracket !== -1 && (gt === -1 || bracket < gt)) {
    const close = /\]\s*>/g;
    close.lastIndex = bracket;
    const match = close.exec(buffer);
    return match ? match.index + match[0].length : -1;
  }
  return gt === -1 ? -1 : gt + 1;
}

/** Up to 30 characters from `at`, on one line, quoted: enough to find the spot in an editor. */
export function excerpt(text: string, at: number): string {
  return JSON.stringify(text.slice(at, at + 30).split('\n')[0]);
}
