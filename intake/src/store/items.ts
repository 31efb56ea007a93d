/**
 * Evidence items at the intake, each held by one organisation under its content-derived id. Every
 * read is by (organisation, id): a representative sees their organisation's items and nothing of
 * anyone else's, except the duplicate notice's count. Ids are unique per organisation only: two
 * members who captured the same bytes hold an item each, and neither learns of the other's.
 */
import { canonicalJson } from '../../../utils/protocol/canonical-json';
import type { DuplicateNotice, EvidenceItem, ItemStatus, ReconcileEntry } from '../../../utils/protocol/intake';
import { refuse } from '../problem';
import type { SqlClient } from '../storage/sql';
import { checkEvidence } from './item-record';
import type { Caller } from './members';
import { reserveStorage, type StorageQuotas } from './quotas';
import { receiptOf } from './receipts';

type ItemRow = {
  record: string;
  marketplace: string;
  listing_id: string;
  complete: number;
};

export type ArtifactRow = {
  artifact_index: number;
  kind: string;
  media_type: string;
  size: number;
  sha256: string;
  received: number;
};

export function findItem(sql: SqlClient, organisation: string, itemId: string): Promise<ItemRow | undefined> {
  return sql
    .query<ItemRow>('SELECT record, marketplace, listing_id, complete FROM items WHERE organisation_id = $1 AND item_id = $2', [organisation, itemId])
    .then(([row]) => row);
}

export function artifactsOf(sql: SqlClient, organisation: string, itemId: string): Promise<ArtifactRow[]> {
  return sql.query<ArtifactRow>(
    'SELECT artifact_index, kind, media_type, size, sha256, received FROM artifacts WHERE organisation_id = $1 AND item_id = $2 ORDER BY artifact_index',
    [organisation, itemId],
  );
}

/**
 * Stores a new item, or answers that it is already held. Refuses another record under an id this
 * organisation holds (409), a new item that is not evidence (422 insufficient-evidence), and one
 * its organisation's storage quota cannot take (507). A new item arrives with every artifact
 * still to come, since none may be empty, so it is never whole here.
 */
export async function storeItem(sql: SqlClient, caller: Caller, item: EvidenceItem, now: Date, quotas: StorageQuotas): Promise<{ created: boolean }> {
  const organisation = caller.organisation.id;
  const record = canonicalJson(item);
  const declared = item.artifacts.reduce((sum, artifact) => sum + artifact.size, 0);
  return sql.transaction(async (tx) => {
    const held = await findItem(tx, organisation, item.id);
    if (held) {
      if (held.record === record) return { created: false };
      throw refuse('item-conflict', 'This organisation holds another record under this item id', {
        detail: 'the same content with a different createdAt or chain position: it was stored from another chain',
      });
    }
    checkEvidence(item);
    await reserveStorage(tx, organisation, declared, now, quotas);
    await tx.run(
      `INSERT INTO items (organisation_id, item_id, record, marketplace, listing_id, representative_id, stored_at, complete, declared_bytes, verified)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8, 0)`,
      [organisation, item.id, record, item.metadata.marketplace, item.metadata.listing.id, caller.representative.id, now.toISOString(), declared],
    );
    for (const [index, artifact] of item.artifacts.entries()) {
      await tx.run(
        `INSERT INTO artifacts (organisation_id, item_id, artifact_index, kind, media_type, size, sha256, received, promoted)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 0, 0)`,
        [organisation, item.id, index, artifact.kind, artifact.mediaType, artifact.size, artifact.sha256],
      );
    }
    return { created: true };
  });
}

/**
 * How many other organisations hold verified evidence of the same listing: a count, never who.
 * Verified (receipts.ts) is complete with every artifact's bytes received and hashed here and a
 * visible-area screenshot among them; a receipt alone is not enough, since items stored before the
 * intake refused empty artifacts had receipts without a byte behind them.
 */
export async function duplicateNotice(sql: SqlClient, organisation: string, marketplace: string, listingId: string): Promise<DuplicateNotice> {
  const [{ n } = { n: 0 }] = await sql.query<{ n: number }>(
    'SELECT COUNT(DISTINCT organisation_id) AS n FROM items WHERE marketplace = $1 AND listing_id = $2 AND verified = 1 AND organisation_id <> $3',
    [marketplace, listingId, organisation],
  );
  const otherMembers = Number(n);
  return { reportedByOtherMembers: otherMembers > 0, otherMembers };
}

/** The item's status for its organisation, or null when the organisation does not hold it. */
export async function itemStatus(sql: SqlClient, organisation: string, itemId: string): Promise<ItemStatus | null> {
  const item = await findItem(sql, organisation, itemId);
  if (!item) return null;
  const artifacts = await artifactsOf(sql, organisation, itemId);
  const receipt = item.complete === 1 ? await receiptOf(sql, organisation, itemId) : null;
  return {
    itemId,
    state: receipt ? 'complete' : 'incomplete',
    artifacts: artifacts.map((row) => ({ index: Number(row.artifact_index), size: Number(row.size), sha256: row.sha256, received: Number(row.received) })),
    receipt,
    duplicate: await duplicateNotice(sql, organisation, item.marketplace, item.listing_id),
  };
}

/** Each id asked, in order: absent (also when only another organisation holds it), incomplete or complete. */
export async function reconcile(sql: SqlClient, organisation: string, itemIds: readonly string[]): Promise<ReconcileEntry[]> {
  const held = new Map<string, boolean>();
  const receipts = new Map<string, string>();
  const unique = [...new Set(itemIds)];
  // A few hundred placeholders per statement keeps within every back end's limits.
  for (let start = 0; start < unique.length; start += 500) {
    const batch = unique.slice(start, start + 500);
    const list = batch.map((_, index) => `$${index + 2}`).join(', ');
    const items = await sql.query<{ item_id: string; complete: number }>(`SELECT item_id, complete FROM items WHERE organisation_id = $1 AND item_id IN (${list})`, [
      organisation,
      ...batch,
    ]);
    for (const row of items) held.set(row.item_id, Number(row.complete) === 1);
    const signed = await sql.query<{ item_id: string; receipt: string }>(`SELECT item_id, receipt FROM receipts WHERE organisation_id = $1 AND item_id IN (${list})`, [
      organisation,
      ...batch,
    ]);
    for (const row of signed) receipts.set(row.item_id, row.receipt);
  }
  return itemIds.map((itemId) => {
    const receipt = receipts.get(itemId);
    if (held.get(itemId) && receipt) return { itemId, state: 'complete', receipt: JSON.parse(receipt) };
    return { itemId, state: held.has(itemId) ? 'incomplete' : 'absent', receipt: null };
  });
}
