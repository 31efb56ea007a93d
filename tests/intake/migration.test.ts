/**
 * An intake database written at schema version 1 (tests/intake/fixtures/intake-v1.sql, frozen: its
 * schema and rows as that version of the intake made them) opened by this one: migrated in place,
 * every row kept, each item's reservation against its organisation's quota worked out from its
 * artifacts, and only items whose bytes the intake received and hashed, a visible-area screenshot
 * among them, counted in other members' duplicate notices from then on. The notice planted with
 * an empty artifact under version 1 stops counting; its owner keeps its receipt.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkReceipt, type EvidenceItem } from '@/utils/protocol/intake';
import { closeStorage } from '../../intake/src/storage/open';
import { migrations } from '../../intake/src/store/migrations';
import { IntakeStore } from '../../intake/src/store/store';
import { pixelPng } from '../support/evidence/store-helpers';
import { backends, tableRows } from './support/backends';
import { Harness, type HarnessOptions, type Member } from './support/harness';

const fixture = readFileSync(join(import.meta.dirname, 'fixtures', 'intake-v1.sql'), 'utf8');
const ids = {
  a1: 'f5a6283c14d8f3f57aefaeb727a954bb8ded82eac651618e76100297ef887ab1',
  b2: '6e969d9b43f843a0adfee71e35944b8afb0b88568a8d6f1e1fac00ce7a7519be',
  c3: '95c068ed5c2c1d06335a1b78b771f9caa129e0991ef4422ef31f4c083efca36e',
  c6: 'c52f1dc7094eb5008a03416707f45a362ae2d0f3340adbf7f19e3e6b7e8f8519',
  b4: '2e7794fcda8fbad86a7411aac68378fbefbfe2ca47a86eb9b2dbf959baf4210c',
  b5: '3e9798daf2c2e59c2790962e0be0df1583d9f570931c666a96e2b1de83be7fe5',
};
const member = (organisation: string, representative: string, letter: string): Member => ({ organisation, representative, token: `colophon-${letter.repeat(64)}` });
const springer = member('springer-nature', 'j.smith', 'a');
const elsevier = member('elsevier', 'a.jones', 'b');
const wiley = member('wiley', 'm.chen', 'c');
/** The fixture's artifact bytes, as its header describes them. */
const png = (n: number) => new Uint8Array(Buffer.concat([pixelPng, Buffer.alloc(n, n % 251)]));
const page = (n: number) => new TextEncoder().encode(`<!doctype html><title>listing ${n}</title>`);
const sizes = { png: (n: number) => pixelPng.length + n, page: (n: number) => page(n).length };

const untouchedTables = ['organisations', 'representatives', 'tokens', 'server_keys', 'artifacts', 'receipts', 'idempotency_records'];

describe.each(backends)('a version-1 intake database ($name)', (backend) => {
  let h: Harness;
  beforeAll(() => backend.setup?.(), 60_000);
  afterAll(() => backend.teardown?.());
  afterEach(() => h?.stop());

  const start = async (options: HarnessOptions = {}) => {
    h = await Harness.start(backend, options, { prepare: (storage) => storage.sql.exec(fixture), a: springer, b: elsevier });
  };
  const recordOf = async (organisation: string, itemId: string): Promise<EvidenceItem> => {
    const [row] = await h.storage.sql.query<{ record: string }>('SELECT record FROM items WHERE organisation_id = $1 AND item_id = $2', [organisation, itemId]);
    return JSON.parse(row!.record);
  };
  const notice = async (who: Member, itemId: string) => (await h.request('GET', `/v1/items/${itemId}`, { token: who.token })).json.duplicate.otherMembers;

  it('is migrated in place: every row kept, what each item reserves and whether it counts worked out from its artifacts', async () => {
    const place = await backend.create();
    const storage = await place.open();
    try {
      await storage.sql.exec(fixture);
      const before = await tableRows(storage, untouchedTables);
      const itemsBefore = await storage.sql.query('SELECT * FROM items ORDER BY item_id');
      await IntakeStore.open(storage);
      const applied = await storage.sql.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      expect(applied.map(({ version }) => Number(version))).toEqual(migrations.map(({ version }) => version));
      expect(await tableRows(storage, untouchedTables)).toEqual(before);
      const itemsAfter = await storage.sql.query<Record<string, string | number>>('SELECT * FROM items ORDER BY item_id');
      expect(itemsAfter.map(({ declared_bytes, verified, ...kept }) => kept)).toEqual(itemsBefore);
      const byId = Object.fromEntries(itemsAfter.map((row) => [row.item_id, { declared: Number(row.declared_bytes), verified: Number(row.verified) }]));
      expect(byId).toEqual({
        [ids.a1]: { declared: sizes.png(300) + sizes.page(1), verified: 1 },
        [ids.b2]: { declared: 0, verified: 0 },
        [ids.c3]: { declared: sizes.png(400) + sizes.page(3), verified: 0 },
        [ids.c6]: { declared: sizes.png(600), verified: 0 },
        [ids.b4]: { declared: sizes.png(500), verified: 0 },
        [ids.b5]: { declared: sizes.png(200) + sizes.page(5), verified: 1 },
      });
      const usage = [
        { organisation_id: 'elsevier', declared_bytes: sizes.png(500) + sizes.png(200) + sizes.page(5) },
        { organisation_id: 'springer-nature', declared_bytes: sizes.png(300) + sizes.page(1) },
        { organisation_id: 'wiley', declared_bytes: sizes.png(400) + sizes.page(3) + sizes.png(600) },
      ];
      expect(await storage.sql.query('SELECT organisation_id, declared_bytes FROM organisation_usage ORDER BY organisation_id')).toEqual(usage);
      // The fixture's items were all stored at 09:00 on 2 March 2026.
      expect(await storage.sql.query('SELECT organisation_id, hour, declared_bytes FROM organisation_usage_hours ORDER BY organisation_id')).toEqual(
        usage.map((row) => ({ ...row, hour: '2026-03-02T09' })),
      );
    } finally {
      await closeStorage(storage);
      await place.dispose();
    }
  });

  it('serves receipts as they were signed, and counts in duplicate notices only evidence whose bytes were received and hashed', async () => {
    await start();
    const keys = (await h.request('GET', '/v1/server-keys', { token: null })).json.keys;
    const a1 = (await h.request('GET', `/v1/items/${ids.a1}`, { token: springer.token })).json;
    expect(a1.state).toBe('complete');
    expect(await checkReceipt(a1.receipt, keys)).toMatchObject({ ok: true });
    // The planted notice, the item without a visible-area screenshot, the uploads not yet whole: none counts.
    expect(a1.duplicate).toEqual({ reportedByOtherMembers: false, otherMembers: 0 });
    const planted = (await h.request('GET', `/v1/items/${ids.b2}`, { token: elsevier.token })).json;
    expect(planted).toMatchObject({ state: 'complete', duplicate: { otherMembers: 1 } });
    expect(await checkReceipt(planted.receipt, keys)).toMatchObject({ ok: true });

    // Wiley's item begun with an empty page completes, receipted, and still does not count.
    const c6 = await h.upload(await recordOf('wiley', ids.c6), [png(600), new Uint8Array(0)], 1 << 20, wiley.token);
    expect(c6.state).toBe('complete');
    expect(await notice(springer, ids.a1)).toBe(0);
    // Its item with every byte received and hashed does.
    await h.upload(await recordOf('wiley', ids.c3), [png(400), page(3)], 1 << 20, wiley.token);
    expect(await notice(springer, ids.a1)).toBe(1);
    expect(await notice(elsevier, ids.b4)).toBe(2);
  });

  it('lets another member hold an id that a member held before: a new item of theirs', async () => {
    await start();
    const before = (await h.request('GET', `/v1/items/${ids.a1}`, { token: springer.token })).json;
    const record = await recordOf('springer-nature', ids.a1);
    const created = await h.putItem(record, { token: elsevier.token });
    expect(created.status).toBe(201);
    const theirs = await h.upload(record, [png(300), page(1)], 1 << 20, elsevier.token);
    expect(theirs.receipt).toMatchObject({ organisation: 'elsevier', representative: 'a.jones', itemId: ids.a1 });
    expect(theirs.receipt!.receiptId).not.toBe(before.receipt.receiptId);
    expect((await h.request('GET', `/v1/items/${ids.a1}`, { token: springer.token })).json).toEqual({ ...before, duplicate: { reportedByOtherMembers: true, otherMembers: 1 } });
  });

  it('counts what items stored before reserve against their organisation’s storage quota', async () => {
    const elsevierHolds = sizes.png(500) + sizes.png(200) + sizes.page(5);
    await start({ quotas: { bytesPerOrganisation: elsevierHolds + sizes.png(300) + sizes.page(1) - 1 } });
    const record = await recordOf('springer-nature', ids.a1);
    const before = await h.snapshot();
    const answer = await h.putItem(record, { token: elsevier.token });
    expect([answer.status, answer.json.code]).toEqual([507, 'quota-exceeded']);
    expect(answer.json.detail).toContain(`declare ${elsevierHolds} bytes`);
    expect(await h.snapshot()).toEqual(before);
  });
});
