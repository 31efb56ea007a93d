/**
 * Changes to evidence, recorded as new chain records: evidence is append-only. An
 * item is never rewritten: a note, tags, a status, a case membership or a deletion is an event
 * linked into the same chain as the captures, and the item's state is updated beside it in the
 * same transaction. Like a capture, an event's digest is computed before its transaction opens
 * and its link inside it (./capture.ts says why).
 */
import { OutboxEntryV1 } from '@/utils/sync/outbox-state';
import { EvidenceChange, EvidenceEvent } from '../schema';
import type { EvidenceDatabase } from './database';
import { chainLinkNow, eventRecordDigest } from './digests';
import { EvidenceChangeRefusedError, EvidenceNotFoundError } from './errors';
import { applyEvent, refusal } from './state';
import { writeEvidence } from './transaction';

/** Every change but a deletion, which goes through deleteItem and its confirmation. */
export type ItemChange = Exclude<EvidenceChange, { type: 'deleted' }>;

export interface ChangeOptions {
  /** Who makes the change: the name set in the options page. */
  by?: string;
}

/** Records `change` on the item and returns the event; throws EvidenceChangeRefusedError if it does not apply. */
export async function recordEvent(db: EvidenceDatabase, itemId: string, change: ItemChange, options: ChangeOptions = {}): Promise<EvidenceEvent> {
  const parsed = EvidenceChange.parse(change);
  if (parsed.type === 'deleted') throw new EvidenceChangeRefusedError('Evidence is deleted with deleteItem, which asks for the user’s confirmation.');
  return appendEvent(db, itemId, parsed, options.by ?? '');
}

export interface DeletionConfirmation extends ChangeOptions {
  /** The user confirmed, having been told the screenshots and page are dropped for good. */
  confirmed: true;
  /** Why, for the record: a court may ask. */
  reason: string;
}

/**
 * Deletes an item: records a tombstone event and drops its artifacts' bytes. The item's record,
 * digests and link stay, so the chain still verifies and shows what was deleted, when and why.
 * An item not yet at the intake leaves the outbox with its bytes (intake/README.md, "Not in v1");
 * one already stored keeps its entry, which holds the intake's receipt.
 */
export async function deleteItem(db: EvidenceDatabase, itemId: string, confirmation: DeletionConfirmation): Promise<EvidenceEvent> {
  if (confirmation?.confirmed !== true) throw new EvidenceChangeRefusedError('Deleting evidence needs the user’s confirmation; nothing was deleted.');
  return appendEvent(db, itemId, EvidenceChange.parse({ type: 'deleted', reason: confirmation.reason }), confirmation.by ?? '');
}

async function appendEvent(db: EvidenceDatabase, itemId: string, change: EvidenceChange, by: string): Promise<EvidenceEvent> {
  const at = new Date().toISOString();
  const who = EvidenceEvent.shape.by.parse(by);
  const digest = await eventRecordDigest({ itemId, at, by: who, change });

  return writeEvidence(db, ['states', 'events', 'artifacts', 'cases', 'chain', 'outbox'], async (tx) => {
    const state = await tx.objectStore('states').get(itemId);
    const head = await tx.objectStore('chain').get('head');
    if (!state || !head) throw new EvidenceNotFoundError(itemId);
    const refused = refusal(state, change);
    if (refused) throw new EvidenceChangeRefusedError(refused);
    if (change.type === 'case-added' && !(await tx.objectStore('cases').get(change.caseId))) {
      throw new EvidenceChangeRefusedError(`There is no case ${change.caseId}.`);
    }
    const event: EvidenceEvent = {
      schemaVersion: 1,
      sequence: head.sequence + 1,
      digest,
      previousLink: head.link,
      link: chainLinkNow(head.link, digest),
      itemId,
      at,
      by: who,
      change,
    };
    await tx.objectStore('events').add(event);
    if (change.type === 'deleted') {
      for (const key of await tx.objectStore('artifacts').index('itemId').getAllKeys(itemId)) await tx.objectStore('artifacts').delete(key);
      const entry = OutboxEntryV1.safeParse(await tx.objectStore('outbox').get(itemId));
      if (!entry.success || entry.data.state !== 'stored') await tx.objectStore('outbox').delete(itemId);
    }
    await tx.objectStore('states').put(applyEvent(state, event));
    await tx.objectStore('chain').put({ schemaVersion: 1, key: 'head', sequence: event.sequence, link: event.link });
    return event;
  });
}
