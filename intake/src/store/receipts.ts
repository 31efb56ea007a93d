/**
 * Receipts: issued once, in the transaction that makes an item whole, and
 * signed with the key in use at that moment. What a receipt states comes from what the server
 * verified: the record whose digests it recomputed, and the artifact digests it recomputed over
 * the bytes it stored (each equal to the one the record declared, or the artifact was refused).
 */
import { randomBytes } from 'node:crypto';
import { Receipt, receiptFactsOf, receiptFormat, signReceipt, type EvidenceItem } from '../../../utils/protocol/intake';
import type { SqlClient } from '../storage/sql';
import { requiredArtifactKind } from './item-record';
import type { Caller } from './members';
import { currentSigningKey } from './server-keys';

const newReceiptId = (): string => `rcpt_${randomBytes(16).toString('base64url')}`;

/**
 * Issues the item's receipt if every artifact is whole and it has none yet; answers whether the
 * item is complete. Run inside the transaction that committed the last bytes.
 */
export async function completeIfWhole(tx: SqlClient, caller: Caller, itemId: string, now: Date): Promise<boolean> {
  const organisation = caller.organisation.id;
  const [{ missing } = { missing: 0 }] = await tx.query<{ missing: number }>(
    'SELECT COUNT(*) AS missing FROM artifacts WHERE organisation_id = $1 AND item_id = $2 AND received < size',
    [organisation, itemId],
  );
  if (Number(missing) > 0) return false;
  const [held] = await tx.query('SELECT receipt_id FROM receipts WHERE organisation_id = $1 AND item_id = $2', [organisation, itemId]);
  if (held) return true;

  const [row] = await tx.query<{ record: string }>('SELECT record FROM items WHERE organisation_id = $1 AND item_id = $2', [organisation, itemId]);
  if (!row) throw new Error(`no item ${itemId} of ${organisation} to complete`);
  const item = JSON.parse(row.record) as EvidenceItem;
  const key = await currentSigningKey(tx);
  // Clocks of several intake processes may differ a little: a receipt never predates its key.
  const at = now.toISOString();
  const receivedAt = at < key.validFrom ? key.validFrom : at;
  const receipt = await signReceipt(key.privateKey, {
    format: receiptFormat,
    formatVersion: 1,
    receiptId: newReceiptId(),
    receivedAt,
    organisation,
    representative: caller.representative.id,
    ...receiptFactsOf(item),
    keyId: key.keyId,
  });
  await tx.run('INSERT INTO receipts (organisation_id, item_id, receipt_id, receipt) VALUES ($1, $2, $3, $4)', [
    organisation,
    itemId,
    receipt.receiptId,
    JSON.stringify(receipt),
  ]);
  await tx.run(`UPDATE items SET complete = 1, verified = ${verifiedWhenWhole} WHERE organisation_id = $1 AND item_id = $2`, [organisation, itemId]);
  return true;
}

/**
 * Whether a whole item counts for other members' duplicate notices: the server received and hashed
 * bytes for every artifact (none was empty) and one is a visible-area screenshot. Items stored
 * today always are (checkItemRecord); one stored before that rule, still arriving, may not be.
 */
const verifiedWhenWhole = `CASE WHEN
  NOT EXISTS (SELECT 1 FROM artifacts a WHERE a.organisation_id = items.organisation_id AND a.item_id = items.item_id AND a.size = 0)
  AND EXISTS (SELECT 1 FROM artifacts a WHERE a.organisation_id = items.organisation_id AND a.item_id = items.item_id AND a.kind = '${requiredArtifactKind}')
  THEN 1 ELSE 0 END`;

export async function receiptOf(sql: SqlClient, organisation: string, itemId: string): Promise<Receipt | null> {
  const [row] = await sql.query<{ receipt: string }>('SELECT receipt FROM receipts WHERE organisation_id = $1 AND item_id = $2', [organisation, itemId]);
  return row ? Receipt.parse(JSON.parse(row.receipt)) : null;
}
