/**
 * Records kept beside the evidence that must change in the same transaction as it, though the
 * evidence store does not know what they are. A participant names the stores it writes and is
 * handed the transaction that stores each new item and each event, to add its own writes before
 * the commit: a crash then leaves both or neither. The outbox joins this way (it queues each item
 * captured and drops a pending entry when its item is deleted), so the evidence store holds no
 * knowledge of sending items anywhere.
 *
 * Participants join for the whole context (the service worker, a page), not per database or per
 * call: a capture stored by the background and a deletion made in the evidence manager must both
 * include them, and no caller of addCapture or deleteItem should have to remember to pass them.
 */
import type { IDBPTransaction } from 'idb';
import type { EvidenceEvent, EvidenceItem } from '@/utils/protocol/evidence';
import type { EvidenceDb } from './database';
import type { EvidenceStoreName } from './transaction';

export type ParticipantTransaction = IDBPTransaction<EvidenceDb, EvidenceStoreName[], 'readwrite'>;

/**
 * Like all work in an evidence transaction, a participant may await requests of `tx` only:
 * awaiting anything else lets the transaction commit half-done. Throwing aborts the whole of it.
 */
export interface EvidenceWriteParticipant {
  /** The stores it writes, added to the scope of every transaction it joins. */
  readonly stores: readonly EvidenceStoreName[];
  /** A new item was written with its artifacts, state and chain head; a retry that finds it stored is not told. */
  captured?(tx: ParticipantTransaction, item: EvidenceItem): Promise<void>;
  /** An event was written on an item; for a deletion, after the item's artifacts were dropped. */
  recorded?(tx: ParticipantTransaction, event: EvidenceEvent): Promise<void>;
}

const participants = new Set<EvidenceWriteParticipant>();

/** Takes part in every capture and event transaction from now on; returns how to leave. */
export function joinEvidenceWrites(participant: EvidenceWriteParticipant): () => void {
  participants.add(participant);
  return () => void participants.delete(participant);
}

export interface JoinedWrites {
  /** The transaction's scope: its own stores and every participant's, each once. */
  stores: EvidenceStoreName[];
  captured(tx: ParticipantTransaction, item: EvidenceItem): Promise<void>;
  recorded(tx: ParticipantTransaction, event: EvidenceEvent): Promise<void>;
}

/**
 * The participants as they stand when a transaction on `stores` opens. Taken once, so that one
 * joining while the transaction runs is not told of writes its stores are not in the scope of.
 * They are told one at a time, in the order they joined: should one throw, no later one is left
 * with a request nobody awaits.
 */
export function joinedWrites(stores: readonly EvidenceStoreName[]): JoinedWrites {
  const joined = [...participants];
  return {
    stores: [...new Set([...stores, ...joined.flatMap((participant) => participant.stores)])],
    async captured(tx, item) {
      for (const participant of joined) await participant.captured?.(tx, item);
    },
    async recorded(tx, event) {
      for (const participant of joined) await participant.recorded?.(tx, event);
    },
  };
}
