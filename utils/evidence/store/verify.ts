/**
 * Checking the whole store against its chain, so that a break in it is
 * detected. Every record is read in one snapshot, then every digest and link is recomputed
 * with WebCrypto, in chain order, and the first break is reported with the item it concerns: an
 * edited metadata or screenshot, a record removed, inserted or moved, a head that does not end the
 * chain, an artifact slipped in, an item state that its events do not produce.
 *
 * What a local chain cannot catch: someone who rewrites every record from the edit onwards, links
 * included. The head's link, once it has left the machine (in a signed bundle, in an intake
 * receipt), is what makes that detectable too.
 */
import { canonicalJson } from '@/utils/protocol/canonical-json';
import type { EvidenceEvent, EvidenceItem } from '@/utils/protocol/evidence';
import { artifactId } from './capture';
import type { EvidenceDatabase } from './database';
import { replayState } from './state';
import { checkEvent, checkItem, type ChainProblem } from './verify-records';

export type { ChainProblem } from './verify-records';

export interface ChainBreak {
  problem: ChainProblem;
  /** The record's place in the chain, when the break is at one. */
  sequence: number | null;
  /** The evidence item the broken record is, or is about, when it can be told. */
  itemId: string | null;
  message: string;
}

export type ChainVerification = { ok: true; records: number; headLink: string | null } | { ok: false; records: number; firstBreak: ChainBreak };

type ChainRecord = { kind: 'item'; record: EvidenceItem; itemId: string } | { kind: 'event'; record: EvidenceEvent; itemId: string };

export async function verifyChain(db: EvidenceDatabase): Promise<ChainVerification> {
  const tx = db.transaction(['items', 'events', 'artifacts', 'states', 'chain']);
  const [items, events, artifacts, states, head] = await Promise.all([
    tx.objectStore('items').getAll(),
    tx.objectStore('events').getAll(),
    tx.objectStore('artifacts').getAll(),
    tx.objectStore('states').getAll(),
    tx.objectStore('chain').get('head'),
  ]);
  const chain: ChainRecord[] = [
    ...items.map((record) => ({ kind: 'item' as const, record, itemId: record.id })),
    ...events.map((record) => ({ kind: 'event' as const, record, itemId: record.itemId })),
  ].sort((a, b) => a.record.sequence - b.record.sequence);
  const records = chain.length;
  const broken = (problem: ChainProblem, sequence: number | null, itemId: string | null, message: string): ChainVerification => ({
    ok: false,
    records,
    firstBreak: { problem, sequence, itemId, message },
  });
  // A removed item record leaves its state behind, which still says which item it was.
  const itemAt = (sequence: number) => states.find((state) => state.sequence === sequence)?.itemId ?? null;

  const deleted = new Set(events.filter((event) => event.change?.type === 'deleted').map((event) => event.itemId));
  const artifactsById = new Map<string, unknown>(artifacts.map((artifact) => [artifact.id, artifact]));
  const itemsSoFar = new Set<string>();
  let previousLink: string | null = null;
  for (const [index, { kind, record, itemId }] of chain.entries()) {
    const expected = index + 1;
    if (record.sequence > expected) return broken('missing-record', expected, itemAt(expected), `record ${expected} of the chain is missing`);
    if (record.sequence < expected) return broken('sequence', record.sequence, itemId, `two records claim place ${record.sequence} in the chain`);
    const found =
      kind === 'item'
        ? await checkItem(record, { previousLink, artifacts: artifactsById, deleted: deleted.has(itemId) })
        : await checkEvent(record, previousLink, itemsSoFar);
    if (found) return broken(found.problem, expected, itemId, found.message);
    if (kind === 'item') itemsSoFar.add(itemId);
    previousLink = record.link;
  }

  if (head && head.sequence > records) return broken('missing-record', records + 1, itemAt(records + 1), `the chain ends at record ${records}, but its head says ${head.sequence}`);
  if ((head?.link ?? null) !== previousLink || (head?.sequence ?? 0) !== records) return broken('head', head?.sequence ?? null, null, 'the chain head does not end the chain');

  const listed = new Set(items.flatMap((item) => item.artifacts.map((_, index) => artifactId(item.id, index))));
  const stray = artifacts.find((artifact) => !listed.has(artifact.id));
  if (stray) return broken('artifact-stray', null, stray.itemId ?? null, `artifact ${stray.id} belongs to no item’s list`);

  const statesById = new Map(states.map((state) => [state.itemId, state]));
  // Not Map.groupBy: Node 20, which runs the tests, lacks it.
  const eventsOf = new Map<string, EvidenceEvent[]>();
  for (const entry of chain) if (entry.kind === 'event') eventsOf.set(entry.itemId, [...(eventsOf.get(entry.itemId) ?? []), entry.record]);
  for (const { kind, record, itemId } of chain) {
    if (kind !== 'item') continue;
    const expected = replayState(record, eventsOf.get(itemId) ?? []);
    const stored = statesById.get(itemId);
    if (!stored || canonicalJson(stored) !== canonicalJson(expected)) return broken('state', record.sequence, itemId, 'the item’s stored state is not what its events make it');
  }
  return { ok: true, records, headLink: previousLink };
}
