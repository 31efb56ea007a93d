/**
 * Cases: items grouped to be pursued together (one seller's listings, one complaint to a
 * platform). A case record is only a name; which items are in it is recorded as chained events
 * on the items (recordEvent with 'case-added' / 'case-removed'), so membership is as
 * tamper-evident as the evidence itself.
 */
import { Case } from '@/utils/protocol/evidence';
import type { EvidenceDatabase } from './database';
import { listItems, type EvidenceFilter, type ListedItem } from './query';
import { writeEvidence } from './transaction';

export async function createCase(db: EvidenceDatabase, fields: { name: string; description?: string }): Promise<Case> {
  const created = Case.parse({ schemaVersion: 1, id: crypto.randomUUID(), name: fields.name, description: fields.description ?? '', createdAt: new Date().toISOString() });
  await writeEvidence(db, ['cases'], (tx) => tx.objectStore('cases').add(created));
  return created;
}

/** Oldest first. */
export async function listCases(db: EvidenceDatabase): Promise<Case[]> {
  return (await db.getAll('cases')).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.name.localeCompare(b.name));
}

/** The items now in the case, narrowed by any further criteria. */
export function caseItems(db: EvidenceDatabase, caseId: string, filter: Omit<EvidenceFilter, 'caseId'> = {}): Promise<ListedItem[]> {
  return listItems(db, { ...filter, caseId });
}
