/**
 * Escaping for the bundle's index.html. Listing titles, shop names and notes come from marketplace
 * pages and their sellers: hostile text. Every piece of it goes through here before it touches the
 * markup, in text and in double-quoted attribute values alike, so no title can close a tag, open a
 * script or end an attribute. All five characters with a meaning in HTML are escaped, the quotes
 * included, so one function is right in both places.
 */

const entities: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => entities[character]!);
}

/** Tagged template: every interpolated value is escaped; the literal parts are the markup. */
export function html(strings: TemplateStringsArray, ...values: readonly (string | number | SafeHtml)[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((value, index) => {
    out += (value instanceof SafeHtml ? value.markup : escapeHtml(String(value))) + strings[index + 1]!;
  });
  return new SafeHtml(out);
}

/** Markup built by `html`, so that it is not escaped a second time when nested. */
export class SafeHtml {
  constructor(readonly markup: string) {}
  toString(): string {
    return this.markup;
  }
}

/** Joins fragments built by `html`. */
export const joinHtml = (parts: readonly SafeHtml[], separator = ''): SafeHtml => new SafeHtml(parts.map((part) => part.markup).join(separator));
