/**
 * The checks verifyChain (./verify.ts) makes on each chain record, recomputing every digest with
 * WebCrypto from what is stored. Each returns the first problem found, or null.
 */
import { chainLink, sha256Hex, sha256OfCanonical } from '@/utils/protocol/digest';
import { ArtifactRecord, EvidenceEvent, EvidenceItem, type ArtifactDescriptor } from '@/utils/protocol/evidence';
import { eventRecordDigest, itemIdOf, itemRecordDigest } from '@/utils/protocol/record-digests';
import { artifactId } from './capture';

export type ChainProblem =
  | 'malformed'
  | 'missing-record'
  | 'sequence'
  | 'previous-link'
  | 'link'
  | 'record-digest'
  | 'metadata-digest'
  | 'item-id'
  | 'event-item'
  | 'artifact-missing'
  | 'artifact-altered'
  | 'artifact-stray'
  | 'state'
  | 'head';

export interface RecordProblem {
  problem: ChainProblem;
  message: string;
}

const problem = (kind: ChainProblem, message: string): RecordProblem => ({ problem: kind, message });

/** What checking an item needs besides the item: the chain so far and the stored artifacts. */
export interface ItemContext {
  previousLink: string | null;
  artifacts: ReadonlyMap<string, unknown>;
  /** Whether a tombstone (anywhere in the chain) dropped this item's artifacts. */
  deleted: boolean;
}

export async function checkItem(stored: unknown, context: ItemContext): Promise<RecordProblem | null> {
  const parsed = EvidenceItem.safeParse(stored);
  if (!parsed.success) return problem('malformed', `the item record does not have the stored shape: ${parsed.error.issues[0]?.message ?? ''}`);
  const item = parsed.data;
  if (item.previousLink !== context.previousLink) return problem('previous-link', 'the item does not link to the record before it');
  if ((await sha256OfCanonical(item.metadata)) !== item.metadataDigest) return problem('metadata-digest', 'the item’s metadata was changed after capture');
  if ((await itemIdOf(item.metadataDigest, item.artifacts)) !== item.id) return problem('item-id', 'the item’s id does not follow from its digests');
  if ((await itemRecordDigest(item.id, item.createdAt)) !== item.digest) return problem('record-digest', 'the item’s record digest does not follow from its id and time');
  if ((await chainLink(item.previousLink, item.digest)) !== item.link) return problem('link', 'the item’s link does not follow from the chain');
  for (const [index, descriptor] of item.artifacts.entries()) {
    const found = context.artifacts.get(artifactId(item.id, index));
    if (found === undefined) {
      if (context.deleted) continue;
      return problem('artifact-missing', `the item’s ${descriptor.kind} (artifact ${index}) is missing`);
    }
    const altered = await artifactProblem(found, item.id, descriptor);
    if (altered) return problem('artifact-altered', `the item’s ${descriptor.kind} (artifact ${index}) ${altered}`);
  }
  return null;
}

async function artifactProblem(stored: unknown, itemId: string, descriptor: ArtifactDescriptor): Promise<string | null> {
  const parsed = ArtifactRecord.safeParse(stored);
  if (!parsed.success) return 'does not have the stored shape';
  const artifact = parsed.data;
  const described = artifact.itemId === itemId && artifact.kind === descriptor.kind && artifact.mediaType === descriptor.mediaType && artifact.size === descriptor.size && artifact.sha256 === descriptor.sha256;
  if (!described) return 'is not the one the item lists';
  if (artifact.blob.size !== descriptor.size || (await sha256Hex(artifact.blob)) !== descriptor.sha256) return 'has bytes other than those captured';
  return null;
}

export async function checkEvent(stored: unknown, previousLink: string | null, itemsSoFar: ReadonlySet<string>): Promise<RecordProblem | null> {
  const parsed = EvidenceEvent.safeParse(stored);
  if (!parsed.success) return problem('malformed', `the event record does not have the stored shape: ${parsed.error.issues[0]?.message ?? ''}`);
  const event = parsed.data;
  if (event.previousLink !== previousLink) return problem('previous-link', `the ${event.change.type} event does not link to the record before it`);
  if (!itemsSoFar.has(event.itemId)) return problem('event-item', `the ${event.change.type} event is about an item not captured before it`);
  if ((await eventRecordDigest(event)) !== event.digest) return problem('record-digest', `the ${event.change.type} event was changed after it was recorded`);
  if ((await chainLink(event.previousLink, event.digest)) !== event.link) return problem('link', `the ${event.change.type} event’s link does not follow from the chain`);
  return null;
}
