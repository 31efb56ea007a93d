/**
 * Evidence as Colophon stores it. Every stored shape carries `schemaVersion`;
 * a change of shape is a new version with a migration tested against a frozen example of the old
 * one (utils/evidence/store/migrations.ts, tests/unit/evidence/frozen/), never an edit of v1.
 *
 * What is hashed, and how the records hang together (all digests are SHA-256, lower-case hex):
 * - `metadataDigest` = SHA-256 of the metadata's RFC 8785 canonical JSON;
 * - an artifact's `sha256` = SHA-256 of its exact bytes;
 * - an item's `id` = SHA-256 of canonical {"artifacts": [{kind, mediaType, size, sha256}…],
 *   "metadataDigest": …}: derived from content alone, so the same capture stored twice is the same
 *   item, and the outbox can upload it idempotently under this id;
 * - chain records. Items and events form ONE chain, numbered by `sequence` from 1: one head, one
 *   walk to verify, and an event's place among the captures is as tamper-evident as the capture.
 *   Each record has a `digest` (an item's: canonical {"createdAt", "id", "record": "item"}; an
 *   event's: canonical {"at", "by", "change", "itemId", "record": "event"}) and
 *   `link` = chainLink(previousLink, digest) (utils/protocol/digest.ts); the first record's
 *   `previousLink` is null.
 *
 * Items and events are never changed once written. The current status, tags, note and cases of
 * an item are an `ItemState`: a projection of the item and its events, kept beside them for the
 * indexes that listing filters on, and recomputable from the chain at any time.
 */
import { z } from 'zod';
import { Match } from './match';
import { Listing, PageKind } from './listing';
import { Sha256Hex } from './digest';

/**
 * Where the page was captured. Listings call aliexpress.ru's products 'aliexpress' (they are the
 * global catalogue under the global ids), but evidence keeps the platform apart: aliexpress.ru
 * is run separately and takes its own complaints.
 */
export const evidenceMarketplaces = ['aliexpress', 'aliexpress-ru', 'taobao', 'tmall'] as const;
export const EvidenceMarketplace = z.enum(evidenceMarketplaces);
export type EvidenceMarketplace = z.infer<typeof EvidenceMarketplace>;

/** A wall (captcha, login) is not evidence of anything, so it cannot be captured. */
export const CapturedPageKind = PageKind.exclude(['blocked']);
export type CapturedPageKind = z.infer<typeof CapturedPageKind>;

/**
 * UTC with milliseconds, exactly as Date.prototype.toISOString writes it: one format, so the
 * strings sort as the instants do and range queries on the capturedAt index are right.
 */
export const IsoInstant = z.iso.datetime({ precision: 3 });

export const Tag = z.string().trim().min(1).max(100);
export const Tags = z
  .array(Tag)
  .max(50)
  .refine((tags) => new Set(tags).size === tags.length, { message: 'tags repeat' });

const pageUrl = z.url({ protocol: /^https?$/ }).max(4000);

export const EvidenceMetadataV1 = z.object({
  schemaVersion: z.literal(1),
  /** The address of the page as captured, query included. */
  url: pageUrl,
  /** The canonical listing URL (utils/sites/listing.ts): what a complaint form asks for. */
  canonicalUrl: pageUrl,
  marketplace: EvidenceMarketplace,
  pageKind: CapturedPageKind,
  /** The listing the evidence is about, as the site adapter read it from the page. */
  listing: Listing.omit({ marketplace: true, url: true }),
  /** The catalogue entry it was matched to, or null for a capture without a match. */
  match: Match.nullable(),
  capturedAt: IsoInstant,
  /** Where capturedAt came from: the computer's clock, with what the user knows about it. */
  clock: z.object({ source: z.literal('system'), note: z.string().max(500).optional() }),
  browser: z.object({ name: z.string().min(1).max(100), version: z.string().max(100) }),
  extensionVersion: z.string().min(1).max(50),
  viewport: z.object({ width: z.number().int().positive(), height: z.number().int().positive() }),
  devicePixelRatio: z.number().positive().finite(),
  /** The page's declared language (BCP 47), or null when it declares none. */
  pageLanguage: z.string().min(1).max(35).nullable(),
  /** The name the user set in the options page; empty when they set none. */
  capturedBy: z.string().max(200),
  note: z.string().max(10_000),
  tags: Tags,
});
export type EvidenceMetadataV1 = z.infer<typeof EvidenceMetadataV1>;
export const EvidenceMetadata = EvidenceMetadataV1;
export type EvidenceMetadata = EvidenceMetadataV1;

export const artifactKinds = ['visible-screenshot', 'full-page-screenshot', 'page-html'] as const;
export const ArtifactKind = z.enum(artifactKinds);
export type ArtifactKind = z.infer<typeof ArtifactKind>;

/** Screenshots are images; the page is HTML or, as Chrome's pageCapture saves it, MHTML. */
const mediaTypesOf: Record<ArtifactKind, RegExp> = {
  'visible-screenshot': /^image\/(png|jpeg|webp)$/,
  'full-page-screenshot': /^image\/(png|jpeg|webp)$/,
  'page-html': /^(text\/html(;\s*charset=[\w-]+)?|multipart\/related)$/,
};

/** An artifact as its item lists it: enough to check the bytes without loading them. */
export const ArtifactDescriptor = z
  .object({
    kind: ArtifactKind,
    mediaType: z.string().max(100),
    size: z.number().int().nonnegative(),
    sha256: Sha256Hex,
  })
  .refine((artifact) => mediaTypesOf[artifact.kind].test(artifact.mediaType), { message: 'media type does not fit the artifact kind' });
export type ArtifactDescriptor = z.infer<typeof ArtifactDescriptor>;

/** Blobs from another realm (a frame, a test environment) are Blobs too: checked by shape. */
const BlobValue = z.custom<Blob>(
  (value) => typeof value === 'object' && value !== null && typeof (value as Blob).arrayBuffer === 'function' && typeof (value as Blob).size === 'number',
  { message: 'not a Blob' },
);

/** The bytes, in a store of their own so that listing items never loads a screenshot. */
export const ArtifactRecordV1 = z.object({
  schemaVersion: z.literal(1),
  /** `${itemId}/${index in the item's artifacts}`: artifactId() in the store. */
  id: z.string().max(200),
  itemId: Sha256Hex,
  kind: ArtifactKind,
  mediaType: z.string().max(100),
  size: z.number().int().nonnegative(),
  sha256: Sha256Hex,
  blob: BlobValue,
});
export type ArtifactRecordV1 = z.infer<typeof ArtifactRecordV1>;
export const ArtifactRecord = ArtifactRecordV1;
export type ArtifactRecord = ArtifactRecordV1;

const chained = {
  /** The record's place in the chain: 1, 2, 3… across items and events. */
  sequence: z.number().int().positive(),
  digest: Sha256Hex,
  previousLink: Sha256Hex.nullable(),
  link: Sha256Hex,
};

export const EvidenceItemV1 = z.object({
  schemaVersion: z.literal(1),
  id: Sha256Hex,
  ...chained,
  metadataDigest: Sha256Hex,
  metadata: EvidenceMetadataV1,
  artifacts: z.array(ArtifactDescriptor).min(1).max(10),
  /** When the item was stored (capturedAt is when the page was captured). */
  createdAt: IsoInstant,
});
export type EvidenceItemV1 = z.infer<typeof EvidenceItemV1>;
export const EvidenceItem = EvidenceItemV1;
export type EvidenceItem = EvidenceItemV1;

/**
 * A takedown's course: captured (new), complaint filed (reported), then the platform removes the
 * listing (taken-down) or refuses (rejected); dismissed is the representative deciding not to
 * pursue it (a false match, a licensed seller).
 */
export const evidenceStatuses = ['new', 'reported', 'taken-down', 'rejected', 'dismissed'] as const;
export const EvidenceStatus = z.enum(evidenceStatuses);
export type EvidenceStatus = z.infer<typeof EvidenceStatus>;

const CaseId = z.string().min(1).max(100);

/** What an event changes. Each carries the new value whole, so an item's state is a replay. */
export const EvidenceChange = z.discriminatedUnion('type', [
  z.object({ type: z.literal('note'), note: z.string().max(10_000) }),
  z.object({ type: z.literal('tags'), tags: Tags }),
  z.object({ type: z.literal('status'), status: EvidenceStatus, comment: z.string().max(2000).optional() }),
  z.object({ type: z.literal('case-added'), caseId: CaseId }),
  z.object({ type: z.literal('case-removed'), caseId: CaseId }),
  /**
   * The tombstone. The item's record (metadata, digests, link) stays, so the chain still verifies
   * and shows what was deleted, when, by whom and why; the artifacts' bytes are dropped, which is
   * what a user deleting a capture (a wrong page, someone's personal data) means to happen.
   */
  z.object({ type: z.literal('deleted'), reason: z.string().trim().min(1).max(2000) }),
]);
export type EvidenceChange = z.infer<typeof EvidenceChange>;

export const EvidenceEventV1 = z.object({
  schemaVersion: z.literal(1),
  ...chained,
  itemId: Sha256Hex,
  at: IsoInstant,
  /** Who made the change: the name set in the options page, as capturedBy. */
  by: z.string().max(200),
  change: EvidenceChange,
});
export type EvidenceEventV1 = z.infer<typeof EvidenceEventV1>;
export const EvidenceEvent = EvidenceEventV1;
export type EvidenceEvent = EvidenceEventV1;

/** A group of items pursued together (one seller, one complaint); membership is events. */
export const CaseV1 = z.object({
  schemaVersion: z.literal(1),
  id: CaseId,
  name: z.string().trim().min(1).max(200),
  description: z.string().max(2000),
  createdAt: IsoInstant,
});
export type CaseV1 = z.infer<typeof CaseV1>;
export const Case = CaseV1;
export type Case = CaseV1;

/**
 * An item as it stands now: the projection the listing indexes run on. Index fields that do not
 * apply are null, which IndexedDB leaves out of the index.
 */
export const ItemStateV1 = z.object({
  schemaVersion: z.literal(1),
  itemId: Sha256Hex,
  sequence: z.number().int().positive(),
  marketplace: EvidenceMarketplace,
  capturedAt: IsoInstant,
  /** [catalogueId, entryId] of the match. */
  catalogueEntry: z.tuple([z.string(), z.string()]).nullable(),
  /** [marketplace, shop id]: shop ids are only unique within a marketplace. */
  shop: z.tuple([EvidenceMarketplace, z.string()]).nullable(),
  status: EvidenceStatus,
  tags: Tags,
  note: z.string().max(10_000),
  caseIds: z.array(CaseId),
  deleted: z.object({ at: IsoInstant, by: z.string().max(200), reason: z.string() }).nullable(),
  /** When the item or its last event was recorded. */
  updatedAt: IsoInstant,
});
export type ItemStateV1 = z.infer<typeof ItemStateV1>;
export const ItemState = ItemStateV1;
export type ItemState = ItemStateV1;

/** The last record of the chain: where the next one links to. */
export const ChainHeadV1 = z.object({
  schemaVersion: z.literal(1),
  key: z.literal('head'),
  sequence: z.number().int().nonnegative(),
  link: Sha256Hex,
});
export type ChainHeadV1 = z.infer<typeof ChainHeadV1>;
export const ChainHead = ChainHeadV1;
export type ChainHead = ChainHeadV1;
