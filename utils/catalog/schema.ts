/**
 * A publisher's catalogue as Colophon holds it: the books a representative protects. Stored
 * shapes carry a version; a change of shape means a new version and a tested migration (an
 * upgrade step of its own in openCatalogueDb, utils/catalog/store.ts), never an edit of an old one.
 */
import { z } from 'zod';
import { isbn13 } from './isbn';

/** ISBN-13 digits, checksum valid (ISBN-10s are converted on import: utils/catalog/isbn.ts). */
export const Isbn13 = z
  .string()
  .regex(/^97[89]\d{10}$/)
  .refine((value) => isbn13(value) === value, { message: 'fails its checksum' });

export const contributorRoles = ['author', 'editor', 'translator', 'other'] as const;

export const Contributor = z.object({
  name: z.string().min(1).max(300),
  role: z.enum(contributorRoles),
});
export type Contributor = z.infer<typeof Contributor>;

/** A title in another language, e.g. the Chinese title of an English textbook. */
export const OtherTitle = z.object({
  /** BCP 47 tag ("zh", "zh-Hans", "en"), or "und" when the file does not say. */
  language: z.string().min(2).max(20),
  title: z.string().min(1).max(1000),
});
export type OtherTitle = z.infer<typeof OtherTitle>;

export const CatalogueEntryV1 = z.object({
  version: z.literal(1),
  /** Stable within its catalogue: the first ISBN-13, or the file's record reference. */
  id: z.string().min(1).max(200),
  /** Print, e-book and other editions' ISBN-13s; the first is the entry's main ISBN. */
  isbns: z.array(Isbn13).max(50),
  title: z.string().min(1).max(1000),
  subtitle: z.string().max(1000).nullable(),
  otherTitles: z.array(OtherTitle).max(20),
  contributors: z.array(Contributor).max(100),
  /** As the publisher writes it ("2nd ed. 2001", "3"); the number is read from it when matching. */
  edition: z.string().max(200).nullable(),
  publisher: z.string().max(300).nullable(),
  imprint: z.string().max(300).nullable(),
  year: z.number().int().min(1400).max(2200).nullable(),
  coverUrl: z.url({ protocol: /^https?$/ }).max(2000).nullable(),
});
export type CatalogueEntryV1 = z.infer<typeof CatalogueEntryV1>;

export const CatalogueEntry = CatalogueEntryV1;
export type CatalogueEntry = CatalogueEntryV1;

export const catalogueFormats = ['csv', 'onix', 'json'] as const;

/** A catalogue the user imported (one per imprint or client), which they can switch on or off. */
export const CatalogueV1 = z.object({
  version: z.literal(1),
  id: z.string().min(1).max(100),
  name: z.string().min(1).max(200),
  enabled: z.boolean(),
  /** Where it came from, for the user: the file name and format. */
  source: z.object({ fileName: z.string().max(500), format: z.enum(catalogueFormats) }),
  /**
   * `importing` while a file's entries are being written: such a catalogue is invisible to
   * matching, and one left behind by a browser that closed mid-import is removed at start-up.
   */
  state: z.enum(['importing', 'ready']),
  entryCount: z.number().int().nonnegative(),
  importedAt: z.number().int().nonnegative(),
});
export type CatalogueV1 = z.infer<typeof CatalogueV1>;

export const Catalogue = CatalogueV1;
export type Catalogue = CatalogueV1;

/**
 * Colophon's own catalogue file (what the catalogue exports to, and one of the formats it imports).
 * `format` and `version` make a file recognisable and let later versions read older files.
 */
export const CatalogueFileV1 = z.object({
  format: z.literal('colophon-catalogue'),
  version: z.literal(1),
  name: z.string().min(1).max(200),
  entries: z.array(CatalogueEntryV1),
});
export type CatalogueFileV1 = z.infer<typeof CatalogueFileV1>;
