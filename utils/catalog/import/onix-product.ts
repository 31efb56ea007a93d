/**
 * One ONIX 3.0 <Product> (as onix-tree.ts keeps it) → one catalogue entry, with the problems found
 * on the way. Code lists are EDITEUR's: List 1 (notification types), 5 (product ID types), 15
 * (title types), 17 (contributor roles), 51 (product relations), 55 (date formats), 158 (resource
 * content types).
 */
import { checkIsbn } from '../isbn';
import { CatalogueEntry, CatalogueEntryV1, type Contributor, type OtherTitle } from '../schema';
import { isbnReasonText, schemaProblemText } from './issue-reasons';
import { importIssue, issueText, type IssueText } from './issue-text';
import type { ImportIssue } from './types';
import type { OnixNode } from './onix-tree';

export interface ProductReading {
  entry: CatalogueEntry | null;
  issues: ImportIssue[];
}

/** List 5: ISBN-13 first (the entry's main ISBN), then GTIN-13 (an ISBN when 978/979), then ISBN-10. */
const isbnIdTypes = ['15', '03', '02'];
/** List 51: 06 alternative format, 13 e-publication based on (print product), 27 electronic version available as. */
const sameWorkRelations = new Set(['06', '13', '27']);
/** List 15: 03 title in original language, 06 title in other language. */
const otherLanguageTitleTypes = new Set(['03', '06']);
/** List 17: A01 by (author), B01 edited by, B06 translated by. */
const contributorRoles: Record<string, Contributor['role']> = { A01: 'author', B01: 'editor', B06: 'translator' };
/** ONIX languages are ISO 639-2/B; the entry wants BCP 47, which prefers the two-letter code. */
const bcp47: Record<string, string> = {
  chi: 'zh', zho: 'zh', eng: 'en', jpn: 'ja', kor: 'ko', fre: 'fr', fra: 'fr', ger: 'de', deu: 'de', spa: 'es', ita: 'it',
  por: 'pt', rus: 'ru', dut: 'nl', nld: 'nl', swe: 'sv', ara: 'ar', vie: 'vi', tha: 'th', ind: 'id', may: 'ms', msa: 'ms',
};

const children = (node: OnixNode | undefined, name: string) => node?.children.filter((child) => child.name === name) ?? [];
const child = (node: OnixNode | undefined, name: string) => node?.children.find((c) => c.name === name);
/** An element's text with runs of white space made one space (ONIX files are often indented inside values). */
const textOf = (node: OnixNode | undefined) => node?.text.replace(/\s+/g, ' ').trim() || null;
const textIn = (node: OnixNode | undefined, name: string) => textOf(child(node, name));

export function readProduct(product: OnixNode, path: string): ProductReading {
  const issues: ImportIssue[] = [];
  const issue: Report = (severity, node, where, text) => issues.push(importIssue(severity, node.line, text, where));
  const reference = textIn(product, 'RecordReference');
  // The same issue, naming the record when it has a reference.
  const named = (plain: NamedCode, withReference: `${NamedCode}Named`) => (reference ? issueText(withReference, reference) : issueText(plain));

  if (textIn(product, 'NotificationType') === '05') {
    issue('warning', product, path, named('onixDeletion', 'onixDeletionNamed'));
    return { entry: null, issues };
  }
  const descriptive = child(product, 'DescriptiveDetail');
  const publishing = child(product, 'PublishingDetail');
  const isbns = readIsbns(product, path, issue);

  const titles = children(descriptive, 'TitleDetail');
  const main = titles.find((detail) => textIn(detail, 'TitleType') === '01');
  const mainTitle = main ? readTitle(main) : undefined;
  if (!main || !mainTitle?.title) {
    // A partial update (NotificationType 04) may leave the unchanged DescriptiveDetail out.
    if (textIn(product, 'NotificationType') === '04' && !descriptive) {
      issue('warning', product, path, named('onixBlockUpdate', 'onixBlockUpdateNamed'));
    } else {
      issue('error', descriptive ?? product, descriptive ? `${path}/${descriptive.tag}` : path, named('onixNoTitle', 'onixNoTitleNamed'));
    }
    return { entry: null, issues };
  }
  const otherTitles = readOtherTitles(descriptive, main, mainTitle);

  const id = reference ?? [...isbns][0];
  if (!id) {
    issue('error', product, path, issueText('onixNoRecordReference'));
    return { entry: null, issues };
  }
  // A record in error is left out whole (when the user chose to skip such records at all).
  if (issues.some((found) => found.severity === 'error')) return { entry: null, issues };
  if (isbns.size === 0) issue('warning', product, path, issueText('onixNoIsbn', id));

  const publishers = children(publishing, 'Publisher');
  const publisher = publishers.find((p) => textIn(p, 'PublishingRole') === '01') ?? publishers[0];
  const candidate = {
    version: 1,
    id,
    isbns: [...isbns].slice(0, 50),
    title: mainTitle.title,
    subtitle: mainTitle.subtitle,
    otherTitles,
    contributors: readContributors(descriptive),
    edition: textIn(descriptive, 'EditionStatement') ?? textIn(descriptive, 'EditionNumber'),
    publisher: textIn(publisher, 'PublisherName'),
    imprint: textIn(child(publishing, 'Imprint'), 'ImprintName'),
    year: readYear(children(publishing, 'PublishingDate').find((date) => textIn(date, 'PublishingDateRole') === '01')),
    coverUrl: readCover(child(product, 'CollateralDetail')),
  };
  // A copy, because the strings read so far are slices of the 64 KiB text chunk they came from, and
  // V8 keeps a whole chunk alive for any slice of it: a sink holding ids would hold the whole feed.
  const parsed = CatalogueEntry.safeParse(structuredClone(candidate));
  if (!parsed.success) {
    for (const problem of parsed.error.issues.slice(0, 3)) {
      issue('error', product, path, issueText('onixSchemaProblem', problem.path.join('.'), schemaProblemText(problem.message)));
    }
    return { entry: null, issues };
  }
  return { entry: parsed.data, issues };
}

type Report = (severity: ImportIssue['severity'], node: OnixNode, where: string, text: IssueText) => void;
type NamedCode = 'onixDeletion' | 'onixBlockUpdate' | 'onixNoTitle';

/** The product's own ISBNs (ISBN-13 first), then those of other formats of the same work. */
function readIsbns(product: OnixNode, path: string, issue: Report): Set<string> {
  const isbns = new Set<string>();
  const collect = (holder: OnixNode, where: string, severity: ImportIssue['severity']) => {
    for (const type of isbnIdTypes) {
      for (const identifier of children(holder, 'ProductIdentifier')) {
        if (textIn(identifier, 'ProductIDType') !== type) continue;
        const isbn = readIsbn(identifier, type, `${where}/${identifier.tag}`, severity, issue);
        if (isbn) isbns.add(isbn);
      }
    }
  };
  collect(product, path, 'error');
  // Other formats of the same work (the e-book of a paperback): a pirate copy of either is a match.
  // Another product's data: a bad ISBN there is dropped with a warning, not held against this one.
  for (const material of children(product, 'RelatedMaterial')) {
    for (const related of children(material, 'RelatedProduct')) {
      if (children(related, 'ProductRelationCode').some((code) => sameWorkRelations.has(textOf(code) ?? ''))) {
        collect(related, `${path}/${material.tag}/${related.tag}`, 'warning');
      }
    }
  }
  return isbns;
}

/** Titles in other languages: TitleType 03 and 06, and any other TitleDetail whose language differs from the main title's. */
function readOtherTitles(descriptive: OnixNode | undefined, main: OnixNode, mainTitle: Title): OtherTitle[] {
  const textLanguage = children(descriptive, 'Language').find((language) => textIn(language, 'LanguageRole') === '01');
  const mainLanguage = mainTitle.language ?? language(textIn(textLanguage, 'LanguageCode'));
  const otherTitles: OtherTitle[] = [];
  for (const detail of children(descriptive, 'TitleDetail')) {
    if (detail === main) continue;
    const other = readTitle(detail);
    if (!other.title || other.title === mainTitle.title) continue;
    const inOtherLanguage = otherLanguageTitleTypes.has(textIn(detail, 'TitleType') ?? '') || (other.language !== null && other.language !== mainLanguage);
    if (!inOtherLanguage || otherTitles.some((known) => known.title === other.title) || otherTitles.length === 20) continue;
    otherTitles.push({ language: other.language ?? 'und', title: other.title });
  }
  return otherTitles;
}

function readIsbn(identifier: OnixNode, type: string, where: string, severity: ImportIssue['severity'], issue: Report): string | null {
  const value = textIn(identifier, 'IDValue');
  if (!value) {
    issue(severity, identifier, where, issueText('onixIdentifierWithoutValue', type));
    return null;
  }
  // A GTIN-13 is an ISBN only in the "Bookland" 978/979 ranges; other GTINs are not our business.
  if (type === '03' && !/^97[89]/.test(value.replace(/[\s-]/g, ''))) return null;
  const check = checkIsbn(value);
  if (check.ok) return check.isbn13;
  issue(severity, identifier, where, issueText(severity === 'warning' ? 'isbnInvalidLeftOut' : 'isbnInvalid', value, isbnReasonText(check.reason)));
  return null;
}

interface Title {
  title: string | null;
  subtitle: string | null;
  language: string | null;
}

/** The title of a TitleDetail: its product-level element (TitleElementLevel 01), else its first element with a title. */
function readTitle(detail: OnixNode): Title {
  const elements = children(detail, 'TitleElement');
  const product = elements.find((element) => textIn(element, 'TitleElementLevel') === '01');
  const named = [product, ...elements].find((element) => element && titleText(element));
  if (!named) return { title: null, subtitle: null, language: null };
  const parts = ['TitleText', 'TitleWithoutPrefix', 'TitlePrefix', 'Subtitle'].map((name) => child(named, name));
  const code = [...parts, named, detail].map((node) => node?.attributes.language).find(Boolean);
  return { title: titleText(named), subtitle: textIn(named, 'Subtitle'), language: language(code ?? null) };
}

function titleText(element: OnixNode): string | null {
  const prefixed = [textIn(element, 'TitlePrefix'), textIn(element, 'TitleWithoutPrefix')].filter(Boolean).join(' ');
  return textIn(element, 'TitleText') ?? (prefixed || null);
}

function language(code: string | null): string | null {
  if (!code) return null;
  const lower = code.trim().toLowerCase();
  return bcp47[lower] ?? (/^[a-z]{2,3}$/.test(lower) ? lower : null);
}

function readContributors(descriptive: OnixNode | undefined): Contributor[] {
  const contributors: Contributor[] = [];
  for (const contributor of children(descriptive, 'Contributor')) {
    const keyNames = [textIn(contributor, 'NamesBeforeKey'), textIn(contributor, 'PrefixToKey'), textIn(contributor, 'KeyNames')].filter(Boolean).join(' ');
    const name = textIn(contributor, 'PersonName') ?? (keyNames || textIn(contributor, 'CorporateName'));
    if (!name) continue; // "UnnamedPersons" (anonymous, various): nothing to match on
    // A contributor can have several roles; the first one we distinguish decides.
    const codes = children(contributor, 'ContributorRole').map((role) => textOf(role) ?? '');
    const role = codes.map((code) => contributorRoles[code.toUpperCase()]).find(Boolean) ?? 'other';
    if (contributors.some((known) => known.name === name && known.role === role)) continue;
    if (contributors.length < 100) contributors.push({ name: name.slice(0, 300), role });
  }
  return contributors;
}

/** The year of a PublishingDate; List 55 date formats 00–16 all begin with the Gregorian year (20+ are Hijri). */
function readYear(date: OnixNode | undefined): number | null {
  const value = child(date, 'Date');
  const text = textOf(value);
  if (!text || (value!.attributes.dateformat ?? '00').startsWith('2')) return null;
  const year = Number(/^\d{4}/.exec(text)?.[0] ?? /\b(1[4-9]|2[01])\d\d\b/.exec(text)?.[0]);
  return year >= 1400 && year <= 2200 ? year : null;
}

/** List 158: 01 front cover. The first version with a usable http(s) link wins; a bad link loses the cover, not the entry. */
function readCover(collateral: OnixNode | undefined): string | null {
  for (const resource of children(collateral, 'SupportingResource')) {
    if (textIn(resource, 'ResourceContentType') !== '01') continue;
    for (const version of children(resource, 'ResourceVersion')) {
      const link = textIn(version, 'ResourceLink');
      if (link && CatalogueEntryV1.shape.coverUrl.safeParse(link).success) return link;
    }
  }
  return null;
}
