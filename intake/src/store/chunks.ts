/**
 * A chunk of an artifact's bytes (PUT /v1/items/{itemId}/artifacts/{index}), committed whole or
 * not at all, in two steps (../storage/blobs.ts): the bytes are written durably to the artifact's
 * staged upload, then the committed offset moves in a transaction, by compare-and-set from the
 * offset the chunk started at. Bytes written but never committed lie past the offset, where the
 * next chunk overwrites them.
 *
 * The first chunk of a screenshot must begin as the image it is declared to be (PNG, JPEG or
 * WebP); anything else is 422 insufficient-evidence and keeps nothing.
 *
 * The last chunk: the whole staged artifact is hashed. A mismatch drops it (received back to 0) and
 * is 422 hash-mismatch. A match commits the artifact in one transaction with, when it was the last
 * one missing, the item's receipt; only then is the staged file promoted to its content address,
 * and a promotion cut short by a crash is finished at the next start (promotePending).
 */
import { createHash } from 'node:crypto';
import type { ItemStatus } from '../../../utils/protocol/intake';
import { refuse } from '../problem';
import type { BlobStore } from '../storage/blobs';
import type { SqlClient } from '../storage/sql';
import { beginsAsImage, imageKinds } from './image-signature';
import { artifactsOf, findItem, itemStatus } from './items';
import type { KeyedLock } from './locks';
import type { Caller } from './members';
import { completeIfWhole } from './receipts';

export interface ChunkRange {
  /** The first byte of the chunk and the last, inclusive, as Content-Range gives them. */
  first: number;
  last: number;
  /** The whole artifact's size. */
  size: number;
}

export interface ChunkContext {
  sql: SqlClient;
  blobs: BlobStore;
  locks: KeyedLock;
  now: () => Date;
}

/** The staged upload of one artifact of one organisation's item. */
export const uploadIdOf = (organisation: string, itemId: string, index: number): string => `${organisation}.${itemId}.${index}`;

const outOfOrder = (committedOffset: number) =>
  refuse('chunk-out-of-order', 'The chunk does not start where the artifact’s committed bytes end', {
    detail: `continue from byte ${committedOffset}`,
    committedOffset,
  });

/** The committed offset of an artifact, if the organisation holds it (for a truncated chunk's problem). */
export async function committedOffset(sql: SqlClient, organisation: string, itemId: string, index: number): Promise<number | undefined> {
  const row = (await artifactsOf(sql, organisation, itemId)).find((artifact) => Number(artifact.artifact_index) === index);
  return row ? Number(row.received) : undefined;
}

export function putChunk(context: ChunkContext, caller: Caller, itemId: string, index: number, range: ChunkRange, bytes: Uint8Array): Promise<ItemStatus> {
  const organisation = caller.organisation.id;
  const uploadId = uploadIdOf(organisation, itemId, index);
  return context.locks.run(uploadId, async () => {
    const { sql, blobs } = context;
    if (!(await findItem(sql, organisation, itemId))) throw refuse('unknown-item', 'This organisation holds no item of this id', { detail: 'send its record first' });
    const artifact = (await artifactsOf(sql, organisation, itemId)).find((row) => Number(row.artifact_index) === index);
    if (!artifact) throw refuse('unknown-artifact', 'The item has no artifact at this index');
    const size = Number(artifact.size);
    const received = Number(artifact.received);
    if (range.size !== size) throw refuse('bad-range', 'Content-Range does not give the artifact’s size', { detail: `artifact ${index} has ${size} bytes` });
    if (range.first !== received || received === size) throw outOfOrder(received);
    // A screenshot must begin as the image it claims to be: refused before a byte is kept.
    if (range.first === 0 && imageKinds.has(artifact.kind) && !beginsAsImage(artifact.media_type, bytes)) {
      throw refuse('insufficient-evidence', 'The item is not evidence this intake takes', {
        detail: `artifact ${index} is a ${artifact.kind} of type ${artifact.media_type}, but its bytes do not begin as one`,
        errors: [{ pointer: `/artifacts/${index}`, message: `the bytes are not a ${artifact.media_type} image` }],
      });
    }

    const end = range.last + 1;
    await blobs.writeStaged(uploadId, range.first, bytes);
    const moveOffset = async (tx: SqlClient, to: number) => {
      const { changes } = await tx.run(
        'UPDATE artifacts SET received = $1 WHERE organisation_id = $2 AND item_id = $3 AND artifact_index = $4 AND received = $5',
        [to, organisation, itemId, index, range.first],
      );
      // Another process committed this offset first: its bytes and ours were the same chunk, or the final hash will tell.
      if (changes !== 1) throw outOfOrder((await committedOffset(tx, organisation, itemId, index)) ?? 0);
    };

    if (end < size) {
      await sql.transaction((tx) => moveOffset(tx, end));
    } else {
      const hash = createHash('sha256');
      for await (const piece of blobs.readStaged(uploadId, size)) hash.update(piece);
      if (hash.digest('hex') !== artifact.sha256) {
        await sql.transaction((tx) => moveOffset(tx, 0));
        await blobs.discardStaged(uploadId);
        throw refuse('hash-mismatch', 'The artifact’s bytes do not have the SHA-256 its item declares', {
          detail: `artifact ${index} was discarded: send it again from byte 0`,
          committedOffset: 0,
          changedState: true,
        });
      }
      await sql.transaction(async (tx) => {
        await moveOffset(tx, size);
        await completeIfWhole(tx, caller, itemId, context.now());
      });
      await promote(sql, blobs, organisation, itemId, index, size, artifact.sha256);
    }
    const status = await itemStatus(sql, organisation, itemId);
    if (!status) throw new Error(`item ${itemId} vanished`);
    return status;
  });
}

async function promote(sql: SqlClient, blobs: BlobStore, organisation: string, itemId: string, index: number, size: number, sha256: string): Promise<void> {
  await blobs.promote(uploadIdOf(organisation, itemId, index), size, sha256);
  await sql.run('UPDATE artifacts SET promoted = 1 WHERE organisation_id = $1 AND item_id = $2 AND artifact_index = $3', [organisation, itemId, index]);
}

/** At start: artifacts committed whole whose staged file was not yet promoted (a crash in between). */
export async function promotePending(sql: SqlClient, blobs: BlobStore): Promise<number> {
  const pending = await sql.query<{ organisation_id: string; item_id: string; artifact_index: number; size: number; sha256: string }>(
    'SELECT organisation_id, item_id, artifact_index, size, sha256 FROM artifacts WHERE promoted = 0 AND received = size',
  );
  for (const row of pending) await promote(sql, blobs, row.organisation_id, row.item_id, Number(row.artifact_index), Number(row.size), row.sha256);
  return pending.length;
}
