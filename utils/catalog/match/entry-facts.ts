/**
 * What kind of book each catalogue entry is, beyond its title and authors: its edition number,
 * its form (a translation, a revised edition, an English reprint, a named edition) and its
 * publisher. Catalogues repeat editions ("2nd ed. 2015") and publishers: each string is read once.
 */
import type { CatalogueEntry } from '../schema';
import { packStrings, U32Vec, type StringTable } from './codec';
import { editionNumber, yearEdition } from './edition';
import { bindingOf, namedEditionBits, revisionOf, saysOriginal, volumesOf } from './forms';
import { entryForms, noKey } from './match-index';
import { publisherKey } from './publishers';
import { matchText } from './tokens';

const cjk = /[\u3400-\u9fff]/;
/** A title that may say its edition, binding, revision or volumes: most do not, and need no reading. */
const saysEditionKind = /[版装修册卷上]/;

/** A translation into Chinese: a translator credited, with a Chinese name or a Chinese title ("C++ Primer Plus", 张海龙 译). */
function chineseTranslation(entry: CatalogueEntry): boolean {
  const translators = entry.contributors.filter((c) => c.role === 'translator');
  return translators.length > 0 && (cjk.test(entry.title) || translators.some((c) => cjk.test(c.name)));
}

export class EntryFacts {
  /** Each entry's `entryForms` bits, in the order added. */
  readonly forms = new U32Vec();
  /** Each entry's house (into `publisherTable()`), or `noKey`. */
  readonly publishers = new U32Vec();
  /** Each edition string's normalised text and its number or year-edition code. */
  private readonly editions = new Map<string, { text: string; edition: number | null }>();
  private readonly publisherOfName = new Map<string, number>();
  private readonly publisherIds = new Map<string, number>();

  /** Records the entry's form and publisher; returns its edition number or year-edition code (edition.ts; 0 when unknown). */
  add(entry: CatalogueEntry): number {
    const { text: editionText, edition } = entry.edition ? this.editionOf(entry.edition) : { text: '', edition: null };
    this.publishers.push(entry.publisher ? this.publisherOf(entry.publisher) : noKey);
    // Only a Chinese title can name its edition, binding, revision or volumes, and only one with a
    // word that could say one is read for them (most have none).
    const chinese = cjk.test(entry.title);
    const said = chinese && saysEditionKind.test(entry.title) ? `${editionText} ${matchText(entry.title)}` : editionText;
    this.forms.push(
      ((chineseTranslation(entry) ? entryForms.translation : 0) |
        (/修订/.test(editionText) ? entryForms.revised : 0) |
        (saysOriginal(editionText) ? entryForms.original : 0) |
        (namedEditionBits(said) << entryForms.namedShift) |
        (chinese ? (bindingOf(said) << entryForms.bindingShift) | (revisionOf(said) << entryForms.revisionShift) | (volumesOf(said) << entryForms.volumesShift) : 0)) >>>
        0,
    );
    return edition ?? 0;
  }

  publisherTable(): StringTable {
    return packStrings([...this.publisherIds.keys()]);
  }

  private editionOf(edition: string): { text: string; edition: number | null } {
    let read = this.editions.get(edition);
    if (!read) {
      const text = matchText(edition);
      this.editions.set(edition, (read = { text, edition: editionNumber(text) ?? yearEdition(text) }));
    }
    return read;
  }

  private publisherOf(name: string): number {
    let id = this.publisherOfName.get(name);
    if (id === undefined) {
      const key = publisherKey(name);
      if (key !== null && !this.publisherIds.has(key)) this.publisherIds.set(key, this.publisherIds.size);
      this.publisherOfName.set(name, (id = key === null ? noKey : this.publisherIds.get(key)!));
    }
    return id;
  }
}
