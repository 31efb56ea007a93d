/**
 * Turns the tokeniser's events into one small element tree per <Product>, in either ONIX tag
 * style, keeping only the elements a catalogue entry is made of: a 500 MB feed is mostly prices,
 * territories and marketing copy, and none of that is ever held. Products come out one by one,
 * as each closes; the tree of a finished product is dropped once it has been read.
 */
import { englishOf, issueText, type IssueText } from './issue-text';
import type { XmlAttributes, XmlHandler } from './xml-stream';

export interface OnixNode {
  /** The reference name ("ProductIdentifier"), whichever tag style the file uses. */
  name: string;
  /** As the file writes it ("productidentifier" in short tags), for paths the user can search for. */
  tag: string;
  line: number;
  attributes: XmlAttributes;
  children: OnixNode[];
  text: string;
}

/** A file that is well-formed XML but not ONIX 3.0: the import stops at once. */
export class NotOnixError extends Error {
  constructor(
    readonly line: number,
    readonly text: IssueText,
  ) {
    super(englishOf(text));
    this.name = 'NotOnixError';
  }
}

export const onixNamespaces = ['http://ns.editeur.org/onix/3.0/reference', 'http://ns.editeur.org/onix/3.0/short'];

/**
 * The composites we read: in short-tag files their names are the reference names in lower case
 * (<ProductIdentifier> is <productidentifier>). Anything not listed here or in `shortTags` is
 * skipped with everything inside it, which is also why <Collection> titles never pass for the
 * product's own title.
 */
const composites = [
  'ONIXMessage', 'Product', 'ProductIdentifier', 'DescriptiveDetail', 'TitleDetail', 'TitleElement', 'Contributor', 'Language',
  'PublishingDetail', 'Imprint', 'Publisher', 'PublishingDate', 'CollateralDetail', 'SupportingResource', 'ResourceVersion',
  'RelatedMaterial', 'RelatedProduct',
];

/** The data elements we read, short tag → reference name (ONIX 3.0 short tags, EDITEUR). */
const shortTags: Record<string, string> = {
  a001: 'RecordReference', a002: 'NotificationType', b221: 'ProductIDType', b244: 'IDValue',
  b202: 'TitleType', x409: 'TitleElementLevel', b203: 'TitleText', b030: 'TitlePrefix', b031: 'TitleWithoutPrefix', b029: 'Subtitle',
  b035: 'ContributorRole', b036: 'PersonName', b039: 'NamesBeforeKey', b247: 'PrefixToKey', b040: 'KeyNames', b047: 'CorporateName',
  b057: 'EditionNumber', b058: 'EditionStatement', b253: 'LanguageRole', b252: 'LanguageCode',
  b079: 'ImprintName', b291: 'PublishingRole', b081: 'PublisherName', x448: 'PublishingDateRole', b306: 'Date',
  x436: 'ResourceContentType', x435: 'ResourceLink', x455: 'ProductRelationCode',
};

const maxText = 64 * 1024;
const compositeNames = new Set(composites);

const referenceNames = new Map<string, string>();
for (const name of [...composites, ...Object.values(shortTags)]) referenceNames.set(name.toLowerCase(), name);
for (const [short, name] of Object.entries(shortTags)) referenceNames.set(short, name);

/** The reference name of a tag in either style, or undefined for an element we do not read. */
export function referenceName(localName: string): string | undefined {
  return referenceNames.get(localName.toLowerCase());
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

/** Reads <ONIXMessage>'s products; `take()` hands over those finished since the last call. */
export class OnixProductReader implements XmlHandler {
  private depth = 0;
  /** The open elements of the product being read; empty between products. */
  private readonly stack: OnixNode[] = [];
  /** How deep inside an element we skip we are (0: not skipping). */
  private skipping = 0;
  private finished: OnixNode[] = [];

  open(name: string, attributes: XmlAttributes, line: number): void {
    const depth = this.depth++;
    if (depth === 0) return checkRoot(name, attributes, line);
    if (this.skipping > 0) {
      this.skipping++;
      return;
    }
    const local = localName(name);
    const reference = referenceName(local);
    if (depth === 1 ? reference !== 'Product' : reference === undefined) {
      this.skipping = 1; // the <Header>, and what a catalogue entry does not need
      return;
    }
    const node: OnixNode = { name: reference!, tag: local, line, attributes, children: [], text: '' };
    this.stack.at(-1)?.children.push(node);
    this.stack.push(node);
  }

  close(): void {
    this.depth--;
    if (this.skipping > 0) {
      this.skipping--;
      return;
    }
    const node = this.stack.pop();
    if (node && this.stack.length === 0) this.finished.push(node);
  }

  text(text: string): void {
    if (this.skipping > 0) return;
    const node = this.stack.at(-1);
    // Composites hold only the white space between their children. Entry fields are at most 2 000
    // characters (schema.ts): a runaway text node must not grow without bound.
    if (node && !compositeNames.has(node.name) && node.text.length < maxText) node.text += text;
  }

  take(): OnixNode[] {
    const products = this.finished;
    if (products.length > 0) this.finished = [];
    return products;
  }

  /** The product being read when the input stopped (its start line and tag), if any. */
  get unfinished(): OnixNode | undefined {
    return this.stack[0];
  }
}

function checkRoot(name: string, attributes: XmlAttributes, line: number): void {
  const colon = name.indexOf(':');
  const namespace = attributes[colon === -1 ? 'xmlns' : `xmlns:${name.slice(0, colon)}`];
  if (referenceName(localName(name)) !== 'ONIXMessage') {
    throw new NotOnixError(line, issueText('onixWrongRoot', name));
  }
  const release = attributes.release;
  if (release !== undefined && !release.trim().startsWith('3')) {
    throw new NotOnixError(line, issueText('onixOldRelease', release));
  }
  // ONIX 3.0 requires release="3.x"; a file with neither it nor the 3.0 namespace is most likely 2.1.
  if (release === undefined && !onixNamespaces.includes(namespace ?? '')) {
    throw new NotOnixError(line, issueText('onixNoRelease', name));
  }
}
