/**
 * What the intake checks in an item's record beyond its schema: the server
 * recomputes every hash. Each digest is recomputed with the evidence store's own functions, so
 * the server and the extension cannot disagree on how an item is identified or chained:
 *
 * - metadataDigest = SHA-256 of the metadata's canonical JSON;
 * - id = SHA-256 of canonical {metadataDigest, artifacts}: the path's id must be the body's;
 * - digest = SHA-256 of canonical {record: "item", id, createdAt};
 * - link = chainLink(previousLink, digest).
 *
 * And what makes a new item evidence at all (checkEvidence): every artifact has bytes, so the server
 * receives and hashes each one before the item is complete, and one of them is the visible-area
 * screenshot, which the extension takes at every capture (utils/evidence/capture). An item of empty
 * artifacts would be complete on arrival, receipted, and counted in other members' duplicate
 * notices without a byte of evidence behind it.
 */
import { chainLink, sha256OfCanonical } from '../../../utils/protocol/digest';
import { itemIdOf, itemRecordDigest } from '../../../utils/protocol/record-digests';
import type { EvidenceItem, FieldError, Limits } from '../../../utils/protocol/intake';
import { refuse } from '../problem';

/** The artifact every item must have: what a reader of the evidence sees first. */
export const requiredArtifactKind = 'visible-screenshot';

const mismatch = (pointer: string, message: string) =>
  refuse('hash-mismatch', 'A digest of the item does not match its content', { detail: message, errors: [{ pointer, message }] });

/** Throws the IntakeProblem the record deserves; resolves when every check holds. */
export async function checkItemRecord(item: EvidenceItem, pathItemId: string, limits: Limits): Promise<void> {
  if (item.id !== pathItemId) {
    const message = 'the body’s id is not the id in the path';
    throw refuse('schema', 'The item does not fit the schema', { errors: [{ pointer: '/id', message }] });
  }
  // The evidence store links the first record of a chain to null, and every later one to its predecessor.
  if ((item.sequence === 1) !== (item.previousLink === null)) {
    const message = 'previousLink is null exactly for the first record of a chain (sequence 1)';
    throw refuse('schema', 'The item does not fit the schema', { errors: [{ pointer: '/previousLink', message }] });
  }
  for (const [index, artifact] of item.artifacts.entries()) {
    if (artifact.size > limits.maxArtifactBytes) {
      throw refuse('too-large', 'An artifact is larger than this intake accepts', {
        detail: `artifact ${index} has ${artifact.size} bytes; the limit is ${limits.maxArtifactBytes}`,
      });
    }
  }
  const metadataDigest = await sha256OfCanonical(item.metadata);
  if (metadataDigest !== item.metadataDigest) throw mismatch('/metadataDigest', 'metadataDigest is not the SHA-256 of the metadata’s canonical JSON');
  if ((await itemIdOf(metadataDigest, item.artifacts)) !== item.id) throw mismatch('/id', 'id is not the SHA-256 of the metadata digest and the artifacts');
  const digest = await itemRecordDigest(item.id, item.createdAt);
  if (digest !== item.digest) throw mismatch('/digest', 'digest is not the SHA-256 of the record {record, id, createdAt}');
  if ((await chainLink(item.previousLink, digest)) !== item.link) throw mismatch('/link', 'link does not follow from previousLink and digest');
}

/**
 * Checked when an item is first stored (./items.ts), not for one already held: an item stored
 * before this rule is still answered as held, and its upload can still be finished.
 */
export function checkEvidence(item: EvidenceItem): void {
  const errors: FieldError[] = item.artifacts.flatMap((artifact, index) =>
    artifact.size === 0 ? [{ pointer: `/artifacts/${index}/size`, message: 'an artifact must have bytes: this one is empty' }] : [],
  );
  if (!item.artifacts.some((artifact) => artifact.kind === requiredArtifactKind)) {
    errors.push({ pointer: '/artifacts', message: `an item needs a ${requiredArtifactKind} among its artifacts` });
  }
  if (errors.length > 0) {
    throw refuse('insufficient-evidence', 'The item is not evidence this intake takes', {
      detail: `every artifact must have bytes, and one must be a ${requiredArtifactKind}`,
      errors,
    });
  }
}
