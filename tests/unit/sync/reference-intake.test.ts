// @vitest-environment node
// (real captures in fake-indexeddb need Node's Blob, store-helpers.ts; the reference intake runs in Node.)
/**
 * The outbox against the reference intake (intake/src, SQLite and files in a temporary folder),
 * not the double: items arrive whole in several chunks with receipts the extension accepts, a lost
 * answer is reconciled without a duplicate, a rotated server key is fetched again, and a revoked
 * token parks what is left with the reason, losing nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startIntake, type RunningIntake } from '@/intake/src/intake';
import { addCapture, type EvidenceDatabase } from '@/utils/evidence/store';
import type { EvidenceItem } from '@/utils/protocol/evidence';
import { checkReceipt, intakePaths } from '@/utils/protocol/intake';
import { runOutbox, type OutboxRunDeps } from '@/utils/sync/outbox-runner';
import { unpark } from '@/utils/sync/outbox-state';
import { changeOutboxEntries, outboxEntries, outboxEntry } from '@/utils/sync/outbox-store';
import { captureOf, freshDatabase } from '../../support/evidence/store-helpers';

const chunkBytes = 16;
let folder: string;
let intake: RunningIntake;
let token: string;
let db: EvidenceDatabase;
let items: EvidenceItem[];
let offset = 0;
const now = () => Date.now() + offset;

beforeEach(async () => {
  folder = mkdtempSync(join(tmpdir(), 'colophon-intake-'));
  intake = await startIntake({ data: folder, port: 0, limits: { maxChunkBytes: chunkBytes }, log: () => undefined });
  await intake.admin.createOrganisation('springer-nature', 'Springer Nature');
  ({ token } = await intake.admin.createRepresentative('j.smith', { organisation: 'springer-nature', name: 'J. Smith' }));
  db = await freshDatabase();
  items = [];
  for (let n = 1; n <= 3; n++) items.push(await addCapture(db, captureOf(n)));
  offset = 0;
});
afterEach(async () => {
  await intake.close();
  rmSync(folder, { recursive: true, force: true });
});

const deps = (overrides: Partial<OutboxRunDeps> = {}): OutboxRunDeps => ({
  database: async () => db,
  connection: async () => ({ url: intake.url, token }),
  now,
  random: () => 0.5,
  ...overrides,
});

/** What the intake says it holds, asked as the extension would. */
async function reconciled(): Promise<string[]> {
  const response = await fetch(`${intake.url}${intakePaths.reconcile}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ itemIds: items.map((item) => item.id) }),
  });
  return ((await response.json()) as { items: { state: string }[] }).items.map((entry) => entry.state);
}

describe('the outbox and the reference intake', () => {
  it("keep the intake's duplicate notice: another member's report of the same listing, not theirs", async () => {
    await intake.admin.createOrganisation('wiley', 'Wiley');
    const other = await intake.admin.createRepresentative('a.chen', { organisation: 'wiley', name: 'A. Chen' });
    const theirs = await freshDatabase();
    // The same listing captured on another member's machine, by someone else: another item, the same listing id.
    await addCapture(theirs, captureOf(1, { capturedBy: 'A. Chen' }));
    await runOutbox(deps({ database: async () => theirs, connection: async () => ({ url: intake.url, token: other.token }) }));
    await runOutbox(deps());
    const listingOf = (item: EvidenceItem) => item.metadata.listing.id;
    for (const item of items) {
      const expected = listingOf(item) === listingOf(items[0]!) ? { reportedByOtherMembers: true, otherMembers: 1 } : { reportedByOtherMembers: false, otherMembers: 0 };
      expect((await outboxEntry(db, item.id))!.duplicate).toEqual(expected);
    }
  });

  it('bring every item over in chunks, with receipts the extension checks', async () => {
    const chunkSizes: number[] = [];
    const counting: typeof fetch = async (input, init) => {
      if (init?.body instanceof Blob) chunkSizes.push(init.body.size);
      return fetch(input, init);
    };
    const run = await runOutbox(deps({ fetch: counting }));
    expect(run).toMatchObject({ outcome: 'done', summary: { stored: 3, queued: 0, parked: 0 }, stoppedBy: null });
    expect(await reconciled()).toEqual(['complete', 'complete', 'complete']);
    const keys = (await (await fetch(`${intake.url}${intakePaths.serverKeys}`)).json()) as { keys: never[] };
    for (const item of items) {
      const entry = (await outboxEntry(db, item.id))!;
      expect(await checkReceipt(entry.receipt, keys.keys)).toMatchObject({ ok: true });
      expect(entry.receipt).toMatchObject({ itemId: item.id, link: item.link, organisation: 'springer-nature', representative: 'j.smith' });
      expect(entry.duplicate).toEqual({ reportedByOtherMembers: false, otherMembers: 0 });
    }
    expect(chunkSizes.length).toBeGreaterThan(items.length * 2);
    expect(Math.max(...chunkSizes)).toBeLessThanOrEqual(chunkBytes);
  });

  it('reconcile a lost answer to the last chunk without sending the item again', async () => {
    expect(items[0]!.artifacts[1]!.size).toBeGreaterThan(32);
    let lost = false;
    const losing: typeof fetch = async (input, init) => {
      const answer = await fetch(input, init);
      const lastChunk = new Headers(init?.headers).get('Content-Range')?.endsWith(`/${items[0]!.artifacts[1]!.size}`) && new Headers(init?.headers).get('Content-Range')?.startsWith('bytes 32-');
      if (!lost && String(input).endsWith(`/v1/items/${items[0]!.id}/artifacts/1`) && lastChunk) {
        await answer.arrayBuffer();
        lost = true;
        throw new TypeError('fetch failed: the connection was cut');
      }
      return answer;
    };
    await runOutbox(deps({ fetch: losing }));
    const waiting = (await outboxEntry(db, items[0]!.id))!;
    expect(waiting).toMatchObject({ state: 'queued', resume: true });
    offset = waiting.nextAttemptAt - Date.now();
    const sent: string[] = [];
    const recording: typeof fetch = async (input, init) => (sent.push(`${init?.method} ${new URL(String(input)).pathname}`), fetch(input, init));
    expect((await runOutbox(deps({ fetch: recording }))).summary).toMatchObject({ stored: 3 });
    expect(sent.filter((request) => request.startsWith('PUT') && request.includes(items[0]!.id))).toEqual([]);
  });

  it('park what is left with the reason when the token is revoked, and lose nothing', async () => {
    const revoking: typeof fetch = async (input, init) => {
      if (String(input).endsWith(`/v1/items/${items[1]!.id}`) && init?.method === 'PUT') await intake.admin.revoke('j.smith');
      return fetch(input, init);
    };
    const run = await runOutbox(deps({ fetch: revoking }));
    expect(run.summary).toMatchObject({ stored: 1, parked: 2 });
    for (const entry of (await outboxEntries(db)).filter((one) => one.state === 'parked')) expect(entry).toMatchObject({ parkedReason: 'unauthenticated' });

    token = await intake.admin.issueToken('j.smith');
    await changeOutboxEntries(db, (entry) => (entry.state === 'parked' ? unpark(entry, now()) : entry));
    expect((await runOutbox(deps())).summary).toMatchObject({ stored: 3, parked: 0 });
    expect(await reconciled()).toEqual(['complete', 'complete', 'complete']);
  });

  it('check a receipt signed after a key rotation, fetching the keys again', async () => {
    await runOutbox(deps());
    await intake.admin.rotateKey();
    const later = await addCapture(db, captureOf(4));
    const keyFetches: string[] = [];
    const recording: typeof fetch = async (input, init) => {
      if (String(input).endsWith(intakePaths.serverKeys)) keyFetches.push(String(input));
      return fetch(input, init);
    };
    expect((await runOutbox(deps({ fetch: recording }))).summary).toMatchObject({ stored: 4, parked: 0 });
    expect(keyFetches).toHaveLength(1);
    expect((await outboxEntry(db, later.id))!.receipt).toMatchObject({ itemId: later.id });
  });
});
