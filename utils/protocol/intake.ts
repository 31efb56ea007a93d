/**
 * The intake protocol v1 on the client's side: the zod schemas of every body the
 * extension sends or reads, named after the components of intake/openapi.json, which is the
 * single source of truth. tests/unit/sync/intake-protocol.test.ts converts each schema here to
 * JSON Schema and compares it with its component, so the two cannot drift apart. The flow, and
 * what the client does with each answer, is in intake/README.md.
 *
 * Every object is strict: the server refuses an unknown member (422 `schema`), and the client
 * refuses one in an answer rather than guess what it means. The evidence item travels as it is
 * stored (utils/protocol/evidence.ts), made strict, so the server can recompute each digest of it.
 */
import { z } from 'zod';
import { Sha256Hex } from './digest';
import { EvidenceItemV1, EvidenceMetadataV1, IsoInstant } from './evidence';
import { FieldError, Problem, ProblemCode } from './intake-problems';
import { ArtifactDescriptor, OrganisationId, PublicJwk, Receipt, ReceiptId, RepresentativeId, ServerKey, ServerKeys, Signature } from './intake-receipt';
import { strictDeep } from './strict';

export * from './intake-problems';
export * from './intake-receipt';

export const intakePaths = {
  session: '/v1/session',
  serverKeys: '/v1/server-keys',
  reconcile: '/v1/reconcile',
  item: (itemId: string) => `/v1/items/${itemId}`,
  receipt: (itemId: string) => `/v1/items/${itemId}/receipt`,
  artifact: (itemId: string, index: number) => `/v1/items/${itemId}/artifacts/${index}`,
} as const;

export const intakeHeaders = {
  authorization: 'Authorization',
  idempotencyKey: 'Idempotency-Key',
  contentRange: 'Content-Range',
  retryAfter: 'Retry-After',
} as const;

export const intakeMediaTypes = { json: 'application/json', problem: 'application/problem+json', bytes: 'application/octet-stream' } as const;

/**
 * The limits of v1. A server may announce lower ones in its session answer; the client keeps to
 * the lower of the two. An item's JSON is small (a listing may list 100 image URLs of 2,000
 * characters, hence 1 MiB); a chunk is what one request may lose to a dropped connection.
 */
export const intakeLimits = {
  maxItemBytes: 1024 * 1024,
  maxChunkBytes: 8 * 1024 * 1024,
  maxArtifactBytes: 256 * 1024 * 1024,
  maxReconcileItems: 1000,
} as const;

/** Chosen by the client per request and reused for each retry of that request: a UUID will do. */
export const IdempotencyKey = z.string().regex(/^[A-Za-z0-9_-]{16,128}$/);

/** `bytes <first>-<last>/<artifact size>`, both ends inclusive, as in RFC 9110 section 14.4. */
export const ContentRange = z.string().regex(/^bytes (0|[1-9][0-9]{0,11})-(0|[1-9][0-9]{0,11})\/(0|[1-9][0-9]{0,11})$/);

/** The Content-Range header of the chunk [start, end) of an artifact of `size` bytes. */
export const contentRange = (start: number, end: number, size: number): string => `bytes ${start}-${end - 1}/${size}`;

export const Limits = z.strictObject({
  maxItemBytes: z.number().int().positive(),
  maxChunkBytes: z.number().int().positive(),
  maxArtifactBytes: z.number().int().positive(),
  maxReconcileItems: z.number().int().positive(),
});
export type Limits = z.infer<typeof Limits>;

export const Organisation = z.strictObject({ id: OrganisationId, name: z.string().min(1).max(200) });
export const Representative = z.strictObject({ id: RepresentativeId, name: z.string().min(1).max(200) });

/** Who the token belongs to: what "test connection" shows. */
export const Session = z.strictObject({
  organisation: Organisation,
  representative: Representative,
  limits: Limits,
  serverTime: IsoInstant,
});
export type Session = z.infer<typeof Session>;

export const EvidenceMetadata = strictDeep(EvidenceMetadataV1);
export const CapturedListing = strictDeep(EvidenceMetadataV1.shape.listing);
export const Match = strictDeep(EvidenceMetadataV1.shape.match.unwrap());
/** The body of PUT /v1/items/{itemId}: the item's record exactly as stored. */
export const EvidenceItem = strictDeep(EvidenceItemV1);
export type EvidenceItem = z.infer<typeof EvidenceItem>;

/** How much of one artifact the server holds: `received` bytes, committed, from the start. */
export const ArtifactProgress = z.strictObject({
  index: z.number().int().min(0).max(9),
  size: z.number().int().nonnegative(),
  sha256: Sha256Hex,
  received: z.number().int().nonnegative(),
});
export type ArtifactProgress = z.infer<typeof ArtifactProgress>;

/**
 * Whether other members already hold an item about the same listing (marketplace and listing id):
 * how many organisations, never which, nor anything of their evidence.
 */
export const DuplicateNotice = z.strictObject({
  reportedByOtherMembers: z.boolean(),
  otherMembers: z.number().int().nonnegative(),
});
export type DuplicateNotice = z.infer<typeof DuplicateNotice>;

export const UploadState = z.enum(['incomplete', 'complete']);

/** An item at the intake: what is still missing, or the receipt once nothing is. */
export const ItemStatus = z.strictObject({
  itemId: Sha256Hex,
  state: UploadState,
  artifacts: z.array(ArtifactProgress).min(1).max(10),
  /** Null while incomplete; the signed receipt once complete. */
  receipt: Receipt.nullable(),
  duplicate: DuplicateNotice,
});
export type ItemStatus = z.infer<typeof ItemStatus>;

export const ReconcileRequest = z.strictObject({
  itemIds: z.array(Sha256Hex).min(1).max(intakeLimits.maxReconcileItems),
});
export type ReconcileRequest = z.infer<typeof ReconcileRequest>;

/** `absent` also for an id another organisation holds: reconciling reveals only one's own items. */
export const ReconcileEntry = z.strictObject({
  itemId: Sha256Hex,
  state: z.enum(['absent', 'incomplete', 'complete']),
  receipt: Receipt.nullable(),
});
export type ReconcileEntry = z.infer<typeof ReconcileEntry>;

/** One entry per id asked, in the order asked. */
export const ReconcileResponse = z.strictObject({
  items: z.array(ReconcileEntry).max(intakeLimits.maxReconcileItems),
});
export type ReconcileResponse = z.infer<typeof ReconcileResponse>;

/** Every schema of intake/openapi.json's components, by component name. */
export const intakeComponents = {
  Sha256Hex,
  IsoInstant,
  OrganisationId,
  RepresentativeId,
  ReceiptId,
  Signature,
  IdempotencyKey,
  ContentRange,
  Limits,
  Organisation,
  Representative,
  Session,
  CapturedListing,
  Match,
  EvidenceMetadata,
  ArtifactDescriptor,
  EvidenceItem,
  ArtifactProgress,
  DuplicateNotice,
  UploadState,
  ItemStatus,
  Receipt,
  PublicJwk,
  ServerKey,
  ServerKeys,
  ReconcileRequest,
  ReconcileEntry,
  ReconcileResponse,
  ProblemCode,
  FieldError,
  Problem,
} as const satisfies Record<string, z.ZodType>;

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Whether the extension may send a token to this intake URL: https anywhere, plain http only to
 * this machine (a reference server under test). Anything else would put the token on the wire.
 */
export function isAcceptableIntakeUrl(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const { protocol, hostname, username, password } = new URL(url);
  if (username !== '' || password !== '') return false;
  return protocol === 'https:' || (protocol === 'http:' && loopbackHosts.has(hostname));
}
