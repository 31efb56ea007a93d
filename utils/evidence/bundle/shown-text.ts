/**
 * How the verifier shows text that comes from a bundle: entry names, manifest fields, anything a
 * message quotes. A bundle is hostile input and its reader is a person at a terminal, so such text
 * must not be able to act on the screen (ANSI escapes that erase a line, move the cursor up or hide
 * what follows, enough to repaint FAILED as OK) nor to look other than it is (bidi overrides that
 * reverse "gnp.exe" into "exe.png", zero-width characters that make two names look the same).
 *
 * `escapeText` is the one function every such piece of text goes through: each character that a
 * terminal acts on or does not show is written as `\u{…}`, and the backslash itself as `\\`, so what
 * is printed reads back unambiguously. Messages are built with the `shown` tagged template, which
 * passes every interpolated value through it, so no message can quote bundle text unescaped by
 * accident. `hiddenCharacters` lets the verifier flag the names that hold any such character.
 */

/**
 * What is escaped: controls (C0, DEL, C1: the escape sequences), format characters (bidi embeddings,
 * overrides and isolates, zero-width spaces and joiners, the byte order mark, soft hyphen, tags),
 * the other characters Unicode says to ignore when rendering (fillers, variation selectors), line
 * and paragraph separators, spaces other than the plain one, lone surrogates, private-use and
 * unassigned code points: none of them has a glyph a reader could tell apart.
 */
const hidden = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Co}\p{Cn}\p{Default_Ignorable_Code_Point}]|(?! )\p{White_Space}/gu;

const codePoint = (character: string) => `\\u{${character.codePointAt(0)!.toString(16).toUpperCase().padStart(2, '0')}}`;

/** The text with every character a terminal acts on or does not show written as `\u{…}`. */
export function escapeText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(hidden, codePoint);
}

/** The escaped text between double quotes, a quote inside it escaped too. */
export const quoted = (text: string): string => `"${escapeText(text).replace(/"/g, '\\"')}"`;

const anyHidden = new RegExp(hidden.source, 'u');

/** The characters `escapeText` would escape, each once, as `\u{…}`; empty for a name that shows as it is. */
export function hiddenCharacters(text: string): string[] {
  if (!anyHidden.test(text)) return [];
  return [...new Set(Array.from(text.matchAll(hidden), (match) => codePoint(match[0])))];
}

/**
 * JSON.stringify's output with every hidden character inside its strings written as a `\uXXXX`
 * escape: the same JSON to a program, safe on a screen. A raw line feed can only be the layout
 * between members, since JSON.stringify already escapes the controls inside strings.
 */
export function escapeJson(json: string): string {
  return json.replace(hidden, (character) =>
    character === '\n' ? character : Array.from({ length: character.length }, (_, i) => `\\u${character.charCodeAt(i).toString(16).padStart(4, '0')}`).join(''),
  );
}

/** Text fit to print: made by `shown`, `plain` or `joinShown`, never straight from a bundle. */
export class ShownText {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/** Bundle text to show without quotes (an id, a kind), escaped all the same. */
export const plain = (text: string): ShownText => new ShownText(escapeText(text));

/**
 * Tagged template for the verifier's messages: strings are shown quoted and escaped, numbers as
 * they are, and ShownText (a label built the same way) as it is; the literal parts are the message.
 */
export function shown(strings: TemplateStringsArray, ...values: readonly (string | number | ShownText)[]): ShownText {
  let out = strings[0]!;
  values.forEach((value, index) => {
    const text = value instanceof ShownText ? value.text : typeof value === 'number' ? String(value) : quoted(value);
    out += text + strings[index + 1]!;
  });
  return new ShownText(out);
}

export const joinShown = (parts: readonly ShownText[], separator: string): ShownText => new ShownText(parts.map((part) => part.text).join(separator));
