/**
 * Splitting an author, editor or translator cell into people, as catalogue exports write them:
 * "Robert W. Erickson, Dragan Maksimovic" (Springer), "Benchimol, Jaime Larry (org.); Sá, Magali"
 * (DOAB), "Kurt, Jr. Vonnegut" (Book-Crossing), "[美] 张三 主编; 李四 译" (Chinese catalogues).
 */
import type { Contributor } from '../schema';
import { cleanText } from './csv-cells';

type Role = Contributor['role'];

/**
 * How a column writes lists of people, learnt from its own cells: "Surname, Given; Surname,
 * Given" (DOAB) or "Given Surname, Given Surname" (Springer, goodbooks). "Plato, Desmond Lee"
 * (two people) and "Cardoso, Fernando Henrique" (one) have the same shape; only the file's
 * other cells tell them apart.
 */
export class PeopleConvention {
  private surnameFirst = 0;
  private lists = 0;

  /** `fixed`: a convention known beforehand, which cells do not change. */
  constructor(private readonly fixed: boolean | null = null) {}

  /** For a cell that could be read either way: true when it is "Surname, Given" pairs. */
  pairs(): boolean | null {
    if (this.fixed !== null) return this.fixed;
    if (this.surnameFirst === this.lists) return null;
    return this.surnameFirst > this.lists;
  }

  saw(evidence: 'surname-first' | 'list') {
    if (evidence === 'surname-first') this.surnameFirst++;
    else this.lists++;
  }
}

/** The convention of a cell that uses semicolons between people. */
const surnameFirst = new PeopleConvention(true);

/**
 * The people of an author (or editor, translator) cell. Lists come as "A; B", "A、B", "A, B",
 * "A, B and C"; a name may itself hold a comma ("Benchimol, Jaime Larry", "Kurt, Jr. Vonnegut").
 * Semicolons, when present, separate people. Otherwise commas do, unless the parts pair up as
 * "surname, given names": by the column's convention when it has shown one, else by shape (a
 * one-word part, or a "van der …" surname, before a given name or initials). Names are kept in
 * the order written; a role written after one ("(org.)", "(eds.)", "主编", "译") replaces the
 * column's role.
 */
export function splitPeople(cell: string, role: Role, convention = new PeopleConvention()): Contributor[] {
  const text = cleanText(cell);
  if (!text) return [];
  let parts: string[];
  if (/[;；、|]/.test(text)) {
    const listed = text.split(/[;；、|]/);
    if (listed.some((part) => /,/.test(part))) convention.saw('surname-first');
    // Within a semicolon list a comma is "Surname, Given", unless a part is itself a list
    // ("…; Milena Sotirova-Kohli, Klaus Opwis, Christian Roesler; …", as DOAB has it).
    parts = listed.flatMap((part) => splitCommaList(part.trim(), surnameFirst));
  } else {
    parts = splitCommaList(text, convention);
  }
  const people: Contributor[] = [];
  for (const part of parts) {
    const person = withRole(part, role);
    if (person) people.push(person);
  }
  return people;
}

const suffix = /^(?:jr|sr|ii|iii|iv|dr|sir|dame|prof|md|m\.d|phd|ph\.d|esq)\.?(?:\s|$)/i;
const particle = /^(?:van|von|de|da|del|della|der|di|du|la|le|dos|das|ten|ter|af|al|el|bin|ibn)$/i;
const organisation = new RegExp(
  `\\b(?:${[
    'press', 'society', 'association', 'institute', 'university', 'college', 'company', 'co', 'inc', 'ltd',
    'group', 'council', 'foundation', 'project', 'gardens', 'museum', 'department', 'staff', 'publishing',
    'books', 'library', 'magazine', 'committee', 'centre', 'center',
  ].join('|')})\\b`,
  'i',
);

function splitCommaList(text: string, convention: PeopleConvention): string[] {
  if (!/[,，]/.test(text)) {
    // "A and B" is two people only when both sides look like full names and no organisation
    // ("Better Homes and Gardens", "Mary-Kate & Ashley Olsen" stay whole).
    const sides = text.split(/\s+(?:and|&|und|et)\s+/i);
    const fullNames = sides.every((side) => side.trim().split(/\s+/).length >= 2);
    return sides.length === 2 && fullNames && !organisation.test(text) ? sides : [text];
  }
  // The last "and" of a list is one more comma: "A, B and C", "A, B, & C".
  const listed = text.replace(/,?\s+(?:and|&|und|et)\s+(?=[^,，]*$)/i, ', ');
  const parts: string[] = [];
  for (const raw of listed.split(/\s*[,，]\s*/)) {
    const part = raw.trim();
    if (part === '') continue;
    // "Kurt, Jr. Vonnegut", "Rush H., III Limbaugh": a suffix or title belongs to the name before.
    if (parts.length > 0 && suffix.test(part)) parts[parts.length - 1] += `, ${part}`;
    else parts.push(part);
  }
  if (parts.length < 2 || parts.some((part) => /\p{sc=Han}/u.test(part))) return parts;
  let shaped = parts.length % 2 === 0;
  for (let i = 0; shaped && i < parts.length; i += 2) shaped = isSurname(parts[i]!) || isGivenName(parts[i + 1]!);
  if (!shaped) {
    if (parts.every((part) => part.split(/\s+/).length >= 2)) convention.saw('list');
    return parts;
  }
  if (!(convention.pairs() ?? true)) return parts;
  const people: string[] = [];
  for (let i = 0; i < parts.length; i += 2) people.push(`${parts[i]}, ${parts[i + 1]}`);
  return people;
}

function isSurname(part: string): boolean {
  const words = part.split(/\s+/);
  return words.length === 1 || (words.length <= 4 && particle.test(words[0]!));
}

/** "Maria", "Robert W.", "R. W.": a first name followed only by initials. */
function isGivenName(part: string): boolean {
  const words = part.split(/\s+/);
  return words.length <= 3 && words.slice(1).every((word) => /^(?:\p{Lu}\.)+$|^\p{Lu}$/u.test(word));
}

const roleMarks: Array<[RegExp, Role]> = [
  [/\s*[([]\s*(?:orgs?|dirs?|eds?|editors?|hrsg|hgg?|coords?|comps?|compiler|a cura di)\.?\s*[)\]]$/i, 'editor'],
  [/\s*[([]\s*(?:trans|transl|tr|translators?|trad|übers)\.?\s*[)\]]$/i, 'translator'],
  [/\s*[([]\s*(?:ill|illus|illustrators?|photographers?|foreword|introduction|narrator)\.?\s*[)\]]$/i, 'other'],
  [/\s*[([]\s*(?:authors?|aut)\.?\s*[)\]]$/i, 'author'],
  [/\s*(?:主编|编)$/u, 'editor'],
  [/\s*(?:翻译|译)$/u, 'translator'],
  [/\s*(?:编著|著)$/u, 'author'],
  [/\s*绘$/u, 'other'],
];

function withRole(part: string, role: Role): Contributor | null {
  // "[美]", "（英）": the nationality Chinese catalogues put before a foreign author's name.
  let name = part.trim();
  if (/^[[【(（〔]/.test(name)) name = name.replace(/^[[【(（〔]\s*\p{sc=Han}{1,4}\s*[\]】)）〕]\s*/u, '');
  let found = role;
  // Role marks end in a bracket or a Chinese character; most names end in neither.
  if (/[)\]\p{sc=Han}]$/u.test(name)) {
    for (const [mark, markRole] of roleMarks) {
      if (mark.test(name)) {
        name = name.replace(mark, '');
        found = markRole;
        break;
      }
    }
  }
  if (name.includes(',')) name = name.replace(/\s+,/g, ',').replace(/,(?=\S)/g, ', ').trim();
  return name === '' ? null : { name, role: found };
}
