/**
 * What the reference intake holds for one organisation, read from its own database: each item's
 * artifact digests and receipt, and its blob store's bytes hashed anew. The sync tests compare it
 * with what the browser captured.
 */
import { createHash } from 'node:crypto';
import type { RunningIntake } from '../../../intake/src/intake';

export interface HeldItem {
  complete: boolean;
  /** SHA-256 of each artifact, in order, as the intake recorded them. */
  artifacts: string[];
  /** SHA-256 of each artifact's bytes as the intake's blob store returns them. */
  bytes: string[];
  receiptId: string | null;
}

export async function heldItems(intake: RunningIntake, organisation: string): Promise<Map<string, HeldItem>> {
  const sql = intake.store.sql;
  const items = await sql.query<{ item_id: string; complete: number }>('SELECT item_id, complete FROM items WHERE organisation_id = $1', [organisation]);
  const artifacts = await sql.query<{ item_id: string; artifact_index: number; sha256: string }>(
    'SELECT item_id, artifact_index, sha256 FROM artifacts WHERE organisation_id = $1 ORDER BY item_id, artifact_index',
    [organisation],
  );
  const receipts = await sql.query<{ item_id: string; receipt_id: string }>('SELECT item_id, receipt_id FROM receipts WHERE organisation_id = $1', [organisation]);
  const held = new Map<string, HeldItem>();
  for (const item of items) held.set(item.item_id, { complete: item.complete === 1, artifacts: [], bytes: [], receiptId: null });
  for (const artifact of artifacts) {
    const item = held.get(artifact.item_id)!;
    item.artifacts.push(artifact.sha256);
    const hash = createHash('sha256');
    for await (const piece of intake.store.storage.blobs.read(artifact.sha256)) hash.update(piece);
    item.bytes.push(hash.digest('hex'));
  }
  for (const receipt of receipts) held.get(receipt.item_id)!.receiptId = receipt.receipt_id;
  return held;
}
