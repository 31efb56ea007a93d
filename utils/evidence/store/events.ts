/**
 * Changes to evidence, recorded as new chain records: evidence is append-only. An
 * item is never rewritten: a note, tags, a status, a case membership or a deletion is an event
 * linked into the same chain as the captures, and the item's state is updated beside it in the
 * same transaction, as is whatever the participants (./participants.ts) write with the event.
 * Like a capture, an event's digest is computed before its transaction opens and its link inside
 * it (./capture.ts says why).
 */
import { EvidenceChange, EvidenceEvent } from '@/utils/protocol/evidence';
import { eventRecordDigest } from '@/utils/protocol/record-digests';
import { chainLinker } from './chain-link';
import type { EvidenceDatabase } from './database';
import { EvidenceChangeRefusedError, EvidenceNotFoundError } from './errors';
import { joinedWrites } from './participants';
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
 * The participants are told in the same transaction: the outbox drops the item's entry there,
 * unless the intake already holds the item.
 */
export async function deleteItem(db: EvidenceDatabase, itemId: string, confirmation: DeletionConfirmation): Promise<EvidenceEvent> {
  if (confirmation?.confirmed !== true) throw new EvidenceChangeRefusedError('Deleting evidence needs the user’s confirmation; nothing was deleted.');
  return appendEvent(db, itemId, EvidenceChange.parse({ type: 'deleted', reason: confirmation.reason }), confirmation.by ?? '');
}

async function appendEvent(db: EvidenceDatabase, itemId: string, change: EvidenceChange, by: string): Promise<EvidenceEvent> {
  const at = new Date().toISOString();
  const who = EvidenceEvent.shape.by.parse(by);
  const digest = await eventRecordDigest({ itemId, at, by: who, change });
  const link = await chainLinker();

  const participants = joinedWrites(['states', 'events', 'artifacts', 'cases', 'chain']);
  return writeEvidence(db, participants.stores, async (tx) => {
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
      link: link(head.link, digest),
      itemId,
      at,
      by: who,
      change,
    };
    await tx.objectStore('events').add(event);
    if (change.type === 'deleted') {
      for (const key of await tx.objectStore('artifacts').index('itemId').getAllKeys(itemId)) await tx.objectStore('artifacts').delete(key);
    }
    await participants.recorded(tx, event);
    await tx.objectStore('states').put(applyEvent(state, event));
    await tx.objectStore('chain').put({ schemaVersion: 1, key: 'head', sequence: event.sequence, link: event.link });
    return event;
  });
}
