/**
 * What "exactly once in effect" means for the outbox, checked after a sync that was killed and
 * restarted: read from the installation's evidence database on a connection of the checker's own,
 * and from the reference intake's own SQL store and blob store, never from what the runs answered.
 *
 * Locally: every entry stored with a receipt the extension accepts, the chain whole, the bytes as
 * captured. At the intake: each item once and complete, one receipt (the one the extension kept),
 * every artifact whole with the captured bytes, and no other item: nothing uploaded twice under
 * another id, nothing stray. And what the intake says of other members' reports of the same
 * listing is what the extension kept, as after a sync nothing stopped.
 */
import { canonicalJson } from '@/utils/protocol/canonical-json';
import type { EvidenceItem } from '@/utils/protocol/evidence';
import { createIntakeClient, type IntakeClient } from '@/utils/sync/intake-client';
import type { OutboxEntry } from '@/utils/sync/outbox-state';
import { artifactBlob, openEvidenceDatabase, verifyChain, artifactId } from '@/utils/evidence/store';
import { outboxEntry } from '@/utils/sync/outbox-store';
import { checkItemReceipt } from '@/utils/sync/receipt-check';
import type { CrashWorld, Installation } from './crash-world';

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.byteLength === b.byteLength && a.every((byte, index) => byte === b[index]);

async function allOf(pieces: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const piece of pieces) parts.push(piece);
  return new Uint8Array(Buffer.concat(parts));
}

/** Every way the installation's items fall short of exactly once; empty when none does. */
export async function exactlyOnceProblems(world: CrashWorld, installation: Installation): Promise<string[]> {
  const problems: string[] = [];
  const keys = (await world.intake.store.serverKeys()).keys;
  const ring = { keys: async () => keys, refresh: async () => keys };
  const client = createIntakeClient({ url: world.intake.url, token: world.token });
  const db = await openEvidenceDatabase(installation.name);
  try {
    for (const item of installation.items) {
      const local = await localProblems(db, item, world.captured.get(item.id)!.bytes, ring);
      problems.push(...local.problems.map((problem) => `item ${item.sequence} (${item.id.slice(0, 12)}), here: ${problem}`));
      const remote = [...(await intakeProblems(world, item, local.receiptId)), ...(await noticeProblems(client, item, local.entry))];
      problems.push(...remote.map((problem) => `item ${item.sequence} (${item.id.slice(0, 12)}), at the intake: ${problem}`));
    }
    const chain = await verifyChain(db);
    if (!chain.ok) problems.push(`the evidence chain is broken: ${chain.firstBreak.message}`);
    else if (chain.records !== installation.items.length) problems.push(`the chain holds ${chain.records} records for ${installation.items.length} items`);
  } finally {
    db.close();
  }
  problems.push(...(await strayProblems(world)));
  return problems;
}

type Ring = Parameters<typeof checkItemReceipt>[2];
type Database = Awaited<ReturnType<typeof openEvidenceDatabase>>;

async function localProblems(db: Database, item: EvidenceItem, captured: Uint8Array[], ring: Ring): Promise<{ problems: string[]; receiptId: string | null; entry?: OutboxEntry }> {
  const problems: string[] = [];
  const entry = await outboxEntry(db, item.id);
  let receiptId: string | null = null;
  if (!entry) problems.push('the outbox entry is gone');
  else if (entry.state !== 'stored') problems.push(`the outbox entry is ${entry.state} (${entry.lastError?.code ?? 'no error'}), not stored`);
  else {
    const check = await checkItemReceipt(entry.receipt, item, ring);
    if (!check.ok) problems.push(`the receipt kept does not check out (${check.reason})`);
    else receiptId = check.receipt.receiptId;
  }
  for (const [index, bytes] of captured.entries()) {
    const blob = await artifactBlob(db, artifactId(item.id, index));
    if (!blob || !sameBytes(new Uint8Array(await blob.arrayBuffer()), bytes)) problems.push(`artifact ${index} is not the bytes captured`);
  }
  return { problems, receiptId, entry };
}

/** The duplicate notice, as the extension asks for it: what the intake answers about the item now. */
async function noticeProblems(client: IntakeClient, item: EvidenceItem, entry: OutboxEntry | undefined): Promise<string[]> {
  if (entry?.state !== 'stored') return [];
  const { duplicate } = await client.itemStatus(item.id);
  return canonicalJson(entry.duplicate) === canonicalJson(duplicate) ? [] : [`the duplicate notice kept is ${JSON.stringify(entry.duplicate)}, the intake's ${JSON.stringify(duplicate)}`];
}

async function intakeProblems(world: CrashWorld, item: EvidenceItem, receiptId: string | null): Promise<string[]> {
  const { sql, storage } = world.intake.store;
  const problems: string[] = [];
  const held = await sql.query<{ complete: number }>('SELECT complete FROM items WHERE organisation_id = $1 AND item_id = $2', [world.organisation, item.id]);
  if (held.length !== 1) return [`held ${held.length} times`];
  if (Number(held[0]!.complete) !== 1) problems.push('held incomplete');
  const receipts = await sql.query<{ receipt_id: string }>('SELECT receipt_id FROM receipts WHERE organisation_id = $1 AND item_id = $2', [world.organisation, item.id]);
  if (receipts.length !== 1) problems.push(`${receipts.length} receipts`);
  else if (receiptId !== null && receipts[0]!.receipt_id !== receiptId) problems.push('its receipt is not the one the extension kept');
  const artifacts = await sql.query<{ artifact_index: number; size: number; sha256: string; received: number; promoted: number }>(
    'SELECT artifact_index, size, sha256, received, promoted FROM artifacts WHERE organisation_id = $1 AND item_id = $2 ORDER BY artifact_index',
    [world.organisation, item.id],
  );
  if (artifacts.length !== item.artifacts.length) problems.push(`${artifacts.length} artifacts for ${item.artifacts.length}`);
  const captured = world.captured.get(item.id)!.bytes;
  for (const row of artifacts) {
    const index = Number(row.artifact_index);
    if (Number(row.received) !== Number(row.size) || Number(row.promoted) !== 1) problems.push(`artifact ${index} holds ${row.received} of ${row.size} bytes (promoted: ${row.promoted})`);
    else if (row.sha256 !== item.artifacts[index]?.sha256 || !sameBytes(await allOf(storage.blobs.read(row.sha256)), captured[index]!)) {
      problems.push(`artifact ${index} is not the bytes captured`);
    }
  }
  return problems;
}

/** Items at the intake that are not exactly the ones captured: extra ids, or one listing held twice. */
async function strayProblems(world: CrashWorld): Promise<string[]> {
  const { sql } = world.intake.store;
  const problems: string[] = [];
  const [{ n } = { n: 0 }] = await sql.query<{ n: number }>('SELECT COUNT(*) AS n FROM items WHERE organisation_id = $1', [world.organisation]);
  if (Number(n) !== world.captured.size) problems.push(`the intake holds ${n} items; ${world.captured.size} were captured`);
  const twice = await sql.query<{ listing_id: string; n: number }>(
    'SELECT listing_id, COUNT(*) AS n FROM items WHERE organisation_id = $1 GROUP BY listing_id HAVING COUNT(*) > 1',
    [world.organisation],
  );
  for (const row of twice) problems.push(`listing ${row.listing_id} is held as ${row.n} items`);
  return problems;
}
