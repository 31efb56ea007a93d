/**
 * One attempt to bring one outbox entry's item to the intake (intake/README.md, "Uploading an
 * item"): the record, then each artifact in chunks from the offset the intake holds, then the
 * receipt checked and stored with the entry.
 *
 * Every step is stored before the request it prepares is sent: the attempt itself, then each
 * request's Idempotency-Key. A worker stopped anywhere leaves an entry that the next start resumes
 * with the same keys (recoverAfterRestart), so nothing the intake already took is applied twice.
 * Bytes are read a chunk at a time from the stored Blob, never an artifact whole.
 *
 * The entry is replaced only while it is the one this attempt last stored; the user unparking or
 * deleting it meanwhile ends the attempt, and their change stands.
 */
import type { EvidenceItem } from '@/utils/protocol/evidence';
import { artifactId } from '@/utils/evidence/store/capture';
import type { EvidenceDatabase } from '@/utils/evidence/store/database';
import { artifactBlob, getItem } from '@/utils/evidence/store/query';
import { attemptFailure, isServerWide } from './attempt-failure';
import { IntakeError, type IntakeClient } from './intake-client';
import type { ItemStatus } from '../protocol/intake';
import { parkFor } from './outbox-holds';
import { chunkRequest, fail, idempotencyKeyFor, itemRequest, startAttempt, succeed, type OutboxEntry, type OutboxRequest } from './outbox-state';
import { replaceOutboxEntry } from './outbox-store';
import { checkItemReceipt, type ServerKeyRing } from './receipt-check';

export interface UploadContext {
  db: EvidenceDatabase;
  client: IntakeClient;
  keys: ServerKeyRing;
  now: () => number;
  random: () => number;
  newKey: () => string;
  /** The largest chunk to send: the intake's limit, at most v1's 8 MiB. */
  chunkBytes: number;
  /** Called after each change stored, so open pages can refresh. */
  changed: () => void;
}

export type UploadOutcome =
  | { kind: 'stored' }
  | { kind: 'parked'; reason: string }
  /** Failed, to be tried again; `serverWide` when the intake as a whole is unreachable or busy. */
  | { kind: 'queued'; serverWide: boolean; error: unknown }
  /** The item's bytes are gone (deleted): the entry was removed. */
  | { kind: 'removed' }
  /** The entry changed underneath (unparked, deleted): the attempt stopped and left it be. */
  | { kind: 'changed' };

class EntryChanged extends Error {}

/** A chunk that does not start where the intake's committed offset is may be moved there this often per artifact. */
const maxOffsetCorrections = 3;

export async function uploadEntry(context: UploadContext, queued: OutboxEntry): Promise<UploadOutcome> {
  const { db, client, now } = context;
  let entry = queued;
  const store = async (next: OutboxEntry | null) => {
    if (!(await replaceOutboxEntry(db, entry, next))) throw new EntryChanged();
    if (next) entry = next;
    context.changed();
  };
  const keyFor = async (request: OutboxRequest) => {
    const { entry: next, key } = idempotencyKeyFor(entry, request, context.newKey, now());
    if (next !== entry) await store(next);
    return key;
  };

  try {
    // After a lost answer, or any failed attempt, the intake is asked what it holds rather than
    // replaying every earlier request's first answer one by one.
    const asked = queued.resume || queued.attempts > 0;
    await store(startAttempt(entry, now()));
    const item = await getItem(db, entry.itemId);
    const state = await db.get('states', entry.itemId);
    if (!item || !state || state.deleted !== null) return await removed(store);

    let status: ItemStatus | null = asked ? await statusOrNull(client, item.id) : null;
    status ??= await client.putItem(item, await keyFor(itemRequest));
    checkStatus(status, item);

    for (const [index, artifact] of item.artifacts.entries()) {
      let received = status.artifacts[index]!.received;
      if (received >= artifact.size) continue;
      const blob = await artifactBlob(db, artifactId(item.id, index));
      if (!blob || blob.size !== artifact.size) return await removed(store);
      let corrections = 0;
      while (received < artifact.size) {
        const end = Math.min(received + context.chunkBytes, artifact.size);
        const key = await keyFor(chunkRequest(index, received));
        try {
          status = await client.putChunk(item.id, index, blob.slice(received, end), received, artifact.size, key);
        } catch (error) {
          const offset = error instanceof IntakeError && error.problem?.code === 'chunk-out-of-order' ? error.problem.committedOffset : undefined;
          if (offset === undefined || offset === received || offset > artifact.size || ++corrections > maxOffsetCorrections) throw error;
          received = offset;
          continue;
        }
        checkStatus(status, item);
        const held = status.artifacts[index]!.received;
        if (held <= received) throw new IntakeError('invalid-answer', `the intake took a chunk of artifact ${index} and holds no more of it`, { status: 200 });
        received = held;
      }
    }

    if (status.state !== 'complete') throw new IntakeError('invalid-answer', 'every byte was sent but the intake says the item is incomplete', { status: 200 });
    const receipt = status.receipt ?? (await client.receipt(item.id));
    const check = await checkItemReceipt(receipt, item, context.keys);
    if (!check.ok) {
      await store(parkFor(entry, 'bad-receipt', `the intake's receipt does not check out (${check.reason})`, now()));
      return { kind: 'parked', reason: 'bad-receipt' };
    }
    await store(succeed(entry, check.receipt, now(), status.duplicate));
    return { kind: 'stored' };
  } catch (error) {
    if (error instanceof EntryChanged) return { kind: 'changed' };
    // An entry that never started (changed before startAttempt) has nothing to fail.
    if (entry.state !== 'uploading') return { kind: 'changed' };
    const failed = fail(entry, attemptFailure(error), now(), context.random);
    try {
      await store(failed);
    } catch (failure) {
      if (failure instanceof EntryChanged) return { kind: 'changed' };
      throw failure;
    }
    if (failed.state === 'parked') return { kind: 'parked', reason: failed.parkedReason! };
    return { kind: 'queued', serverWide: isServerWide(error), error };
  }
}

async function removed(store: (next: null) => Promise<void>): Promise<UploadOutcome> {
  await store(null);
  return { kind: 'removed' };
}

/** The item's status, or null when the intake does not know it (404 unknown-item: send the record). */
async function statusOrNull(client: IntakeClient, itemId: string): Promise<ItemStatus | null> {
  try {
    return await client.itemStatus(itemId);
  } catch (error) {
    if (error instanceof IntakeError && error.problem?.code === 'unknown-item') return null;
    throw error;
  }
}

/** The status must be of this item's artifacts, in order, with no more bytes than each has. */
function checkStatus(status: ItemStatus, item: EvidenceItem): void {
  const fits =
    status.artifacts.length === item.artifacts.length &&
    status.artifacts.every((progress, index) => {
      const artifact = item.artifacts[index]!;
      return progress.index === index && progress.size === artifact.size && progress.sha256 === artifact.sha256 && progress.received <= progress.size;
    }) &&
    (status.state !== 'complete' || status.artifacts.every((progress) => progress.received === progress.size));
  if (!fits) throw new IntakeError('invalid-answer', 'the intake answered with the status of other artifacts', { status: 200 });
}
