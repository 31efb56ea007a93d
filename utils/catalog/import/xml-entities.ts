/**
 * Character and entity references in XML text: &#233; and &#xE9;, XML's five named entities, and
 * what a caller allows beyond them.
 *
 * Beyond them, importers allow the HTML 4 named entities (&eacute;, &ndash;, &nbsp; …), which XML
 * itself does not define. ONIX 2.1's DTD declared exactly this set (the XHTML lat1, symbol and
 * special entity files), so publishers' systems wrote them for years, and many still do in ONIX 3.0
 * feeds, which have no DTD to declare them. Refusing a whole feed over &eacute; would help no one,
 * so importers read them as HTML does and warn; any other unknown name is still an error. The set
 * is HTML 4's 252, not HTML5's 2 231: those are what ONIX systems ever declared.
 */

import { englishOf, issueText, type IssueText } from './issue-text';

/** A reference that cannot be resolved; `offset` is where it starts in the text. */
export class ReferenceFault extends Error {
  constructor(
    readonly offset: number,
    readonly text: IssueText,
  ) {
    super(englishOf(text));
    this.name = 'ReferenceFault';
  }
}

const xmlEntities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const reference = /&(?:#(\d{1,7})|#x([0-9A-Fa-f]{1,6})|([A-Za-z][-.\w]{0,31}));/y;

/** `text` with its references resolved; `named` is asked about names beyond XML's five (undefined: unknown). */
export function resolveReferences(text: string, named?: (name: string, offset: number) => string | undefined): string {
  let amp = text.indexOf('&');
  let out = '';
  let last = 0;
  while (amp !== -1) {
    reference.lastIndex = amp;
    const match = reference.exec(text);
    if (!match) throw new ReferenceFault(amp, issueText('xmlStrayAmpersand', JSON.stringify(text.slice(amp, amp + 30).split('\n')[0])));
    out += text.slice(last, amp) + referenceValue(match, amp, named);
    last = reference.lastIndex;
    amp = text.indexOf('&', last);
  }
  return out + text.slice(last);
}

function referenceValue(match: RegExpExecArray, offset: number, named?: (name: string, offset: number) => string | undefined): string {
  const [written, decimal, hex, name] = match;
  if (name !== undefined) {
    const value = xmlEntities[name] ?? named?.(name, offset);
    if (value === undefined) throw new ReferenceFault(offset, issueText('xmlUnknownEntity', written));
    return value;
  }
  const code = decimal !== undefined ? Number(decimal) : parseInt(hex!, 16);
  // XML 1.0's Char production: no NUL, no other C0 controls but tab and line ends, no surrogates.
  const allowed = code === 9 || code === 10 || code === 13 || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
  if (!allowed) throw new ReferenceFault(offset, issueText('xmlForbiddenCharacter', written));
  return String.fromCodePoint(code);
}

/** Latin-1, U+00A0 to U+00FF in order (xhtml-lat1.ent). */
const latin1 =
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest ' +
  'Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig ' +
  'agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml';

/** Greek capitals from U+0391 and small letters from U+03B1 ("-" marks U+03A2, which has no letter). */
const greekUpper = 'Alpha Beta Gamma Delta Epsilon Zeta Eta Theta Iota Kappa Lambda Mu Nu Xi Omicron Pi Rho - Sigma Tau Upsilon Phi Chi Psi Omega';
const greekLower = 'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigmaf sigma tau upsilon phi chi psi omega';

/** The rest of xhtml-special.ent and xhtml-symbol.ent, as name:decimal code point. */
const scattered =
  'OElig:338 oelig:339 Scaron:352 scaron:353 Yuml:376 fnof:402 circ:710 tilde:732 thetasym:977 upsih:978 piv:982 ' +
  'ensp:8194 emsp:8195 thinsp:8201 zwnj:8204 zwj:8205 lrm:8206 rlm:8207 ndash:8211 mdash:8212 lsquo:8216 rsquo:8217 sbquo:8218 ' +
  'ldquo:8220 rdquo:8221 bdquo:8222 dagger:8224 Dagger:8225 bull:8226 hellip:8230 permil:8240 prime:8242 Prime:8243 lsaquo:8249 ' +
  'rsaquo:8250 oline:8254 frasl:8260 euro:8364 image:8465 weierp:8472 real:8476 trade:8482 alefsym:8501 larr:8592 uarr:8593 ' +
  'rarr:8594 darr:8595 harr:8596 crarr:8629 lArr:8656 uArr:8657 rArr:8658 dArr:8659 hArr:8660 forall:8704 part:8706 exist:8707 ' +
  'empty:8709 nabla:8711 isin:8712 notin:8713 ni:8715 prod:8719 sum:8721 minus:8722 lowast:8727 radic:8730 prop:8733 infin:8734 ' +
  'ang:8736 and:8743 or:8744 cap:8745 cup:8746 int:8747 there4:8756 sim:8764 cong:8773 asymp:8776 ne:8800 equiv:8801 le:8804 ' +
  'ge:8805 sub:8834 sup:8835 nsub:8836 sube:8838 supe:8839 oplus:8853 otimes:8855 perp:8869 sdot:8901 lceil:8968 rceil:8969 ' +
  'lfloor:8970 rfloor:8971 lang:9001 rang:9002 loz:9674 spades:9824 clubs:9827 hearts:9829 diams:9830';

function build(): Map<string, string> {
  const table = new Map<string, string>();
  const run = (names: string, first: number) =>
    names.split(' ').forEach((name, offset) => {
      if (name !== '-') table.set(name, String.fromCodePoint(first + offset));
    });
  run(latin1, 0xa0);
  run(greekUpper, 0x391);
  run(greekLower, 0x3b1);
  for (const pair of scattered.split(' ')) {
    const [name, code] = pair.split(':');
    table.set(name!, String.fromCodePoint(Number(code)));
  }
  return table;
}

let table: Map<string, string> | undefined;

/** The character an HTML 4 entity name stands for ("eacute" → "é"), or undefined. Case matters, as in HTML: &Eacute; is É. */
export function htmlEntity(name: string): string | undefined {
  table ??= build();
  return table.get(name);
}

