/**
 * What an export reads from the evidence store, all in one read-only transaction so that the items,
 * their events, their artifacts and the chain are one consistent moment: a capture or a change made
 * while the bundle streams is simply not in it. Artifact records carry Blob handles, not bytes; the
 * bytes are read later, one artifact at a time, as the archive is pulled.
 *
 * The whole chain's digests and links are read too (not the records' content: a cursor, one record
 * at a time), for the manifest's chain context, and their links are recomputed before anything is
 * written: a store whose chain does not hold is not exported as if it did.
 */
import { chainLink } from '@/utils/protocol/digest';
import type { ArtifactRecord, Case, EvidenceEvent } from '@/utils/protocol/evidence';
import { artifactId, EvidenceNotFoundError, type EvidenceDatabase } from '../store';
import { BundleExportError } from './export-errors';
import type { BundleChain } from './manifest';
import { planItem, type PlannedItem } from './layout';

export type BundleSelectionRequest = { caseId: string } | { itemIds: readonly string[] };

export interface EvidenceSnapshot {
  items: PlannedItem[];
  /** The case exported, or null for a hand-picked selection. */
  case: Case | null;
  chain: BundleChain;
}

interface ChainRecordLinks {
  sequence: number;
  digest: string;
  link: string;
}

export async function snapshotSelection(db: EvidenceDatabase, selection: BundleSelectionRequest): Promise<EvidenceSnapshot> {
  const tx = db.transaction(['items', 'events', 'artifacts', 'states', 'cases', 'chain']);
  let exportedCase: Case | null = null;
  let itemIds: string[];
  if ('caseId' in selection) {
    exportedCase = (await tx.objectStore('cases').get(selection.caseId)) ?? null;
    if (!exportedCase) throw new BundleExportError(`There is no case ${selection.caseId} to export.`);
    // Deleted items stay in their cases: the bundle shows their records and tombstones.
    itemIds = await tx.objectStore('states').index('caseIds').getAllKeys(selection.caseId);
  } else {
    itemIds = [...new Set(selection.itemIds)];
  }

  const items: PlannedItem[] = [];
  for (const itemId of itemIds) {
    const item = await tx.objectStore('items').get(itemId);
    if (!item) throw new EvidenceNotFoundError(itemId);
    const events: EvidenceEvent[] = await tx.objectStore('events').index('itemId').getAll(itemId);
    const artifacts: (ArtifactRecord | undefined)[] = [];
    for (const index of item.artifacts.keys()) artifacts.push(await tx.objectStore('artifacts').get(artifactId(item.id, index)));
    items.push(planItem(item, events, artifacts));
  }
  if (items.length === 0) throw new BundleExportError(exportedCase ? `The case “${exportedCase.name}” holds no evidence to export.` : 'No evidence was selected to export.');
  items.sort((a, b) => a.item.sequence - b.item.sequence);

  const records: ChainRecordLinks[] = [];
  for (let cursor = await tx.objectStore('items').index('sequence').openCursor(); cursor; cursor = await cursor.continue()) {
    records.push({ sequence: cursor.value.sequence, digest: cursor.value.digest, link: cursor.value.link });
  }
  for (let cursor = await tx.objectStore('events').openCursor(); cursor; cursor = await cursor.continue()) {
    records.push({ sequence: cursor.value.sequence, digest: cursor.value.digest, link: cursor.value.link });
  }
  const head = await tx.objectStore('chain').get('head');
  await tx.done;

  for (const planned of items) {
    const missing = planned.artifacts.findIndex((artifact) => artifact.file !== null && artifact.blob === null);
    if (missing >= 0) {
      throw new BundleExportError(`The ${planned.item.artifacts[missing]!.kind} of evidence item ${planned.item.sequence} is missing from the store, though the item was never deleted; nothing was exported.`);
    }
  }
  records.sort((a, b) => a.sequence - b.sequence);
  return { items, case: exportedCase, chain: await checkedChain(records, head ?? null) };
}

/** The chain context for the manifest, once every link is recomputed and found to follow. */
async function checkedChain(records: readonly ChainRecordLinks[], head: { sequence: number; link: string } | null): Promise<BundleChain> {
  let previous: string | null = null;
  for (const [index, record] of records.entries()) {
    const broken = record.sequence !== index + 1 || (await chainLink(previous, record.digest)) !== record.link;
    if (broken) throw new BundleExportError(`The evidence chain is broken at record ${index + 1}; check the evidence store before exporting. Nothing was exported.`);
    previous = record.link;
  }
  if ((head?.sequence ?? 0) !== records.length || (head?.link ?? null) !== previous) {
    throw new BundleExportError('The evidence chain does not end at its recorded head; check the evidence store before exporting. Nothing was exported.');
  }
  return { headSequence: records.length, headLink: previous, recordDigests: records.map((record) => record.digest) };
}
