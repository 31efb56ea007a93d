/**
 * Evidence reaches the coalition's intake exactly once, whole and unaltered, whatever the browser,
 * the network or the intake does. Each browser runs the reference intake
 * (SQLite and files, on loopback) behind a proxy that can take it down, answer 500 or 429 with
 * Retry-After, or cut a chunk half-way; the representative connects through the options page.
 *
 * The intake announces a small chunk limit (16 KiB), so each screenshot travels in several
 * chunks and an interruption usually lands in the middle of an artifact.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIntake, type RunningIntake } from '../../intake/src/intake';
import { readEvidenceStore, type StoredEvidence } from './support/driver';
import { IntakeProxy, isChunk } from './support/intake-proxy';
import { DemoMarketplace } from './support/marketplace';
import { chromiumSyncBrowser, firefoxSyncBrowser, type OutboxRow, type SyncBrowser } from './support/sync-browser';
import { heldItems } from './support/intake-holdings';

const marketplace = new DemoMarketplace();
const itemPage = marketplace.fixture('taobao/item-authored-2025-ice-book').url;
const organisation = { id: 'springer-nature', name: 'Springer Nature' };
const chunkLimit = 16 * 1024;
const items = 50;
const interruptions = 24;
const poll = { timeout: 120_000, interval: 500 };

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe.each([
  ['chromium', chromiumSyncBrowser],
  ['firefox', firefoxSyncBrowser],
] as const)('%s', (name, launch) => {
  let data = '';
  let intake: RunningIntake;
  let proxy: IntakeProxy;
  let browser: SyncBrowser;
  let token = '';
  const representative = `rep-${name}`;
  const captured: string[] = [];

  /** Every outbox entry, once none of `ids` is on its way any more. */
  async function settled(ids: readonly string[], until: (row: OutboxRow) => boolean = (row) => row.state === 'stored'): Promise<OutboxRow[]> {
    let rows: OutboxRow[] = [];
    const waiting = () => rows.filter((row) => ids.includes(row.itemId) && !until(row));
    try {
      await expect
        .poll(async () => {
          await browser.syncNow();
          rows = await browser.outbox();
          return ids.filter((id) => !rows.some((row) => row.itemId === id && until(row)));
        }, poll)
        .toEqual([]);
    } catch (error) {
      const counts = new Map<string, number>();
      for (const row of waiting()) counts.set(`${row.state} ${row.lastError ?? ''} ${row.parkedReason ?? ''}`, (counts.get(`${row.state} ${row.lastError ?? ''} ${row.parkedReason ?? ''}`) ?? 0) + 1);
      console.error(`${name}: still waiting:`, Object.fromEntries(counts), 'last requests:', proxy.log.slice(-5));
      throw error;
    }
    return rows;
  }

  async function connect(withToken: string) {
    const options = await browser.extensionPage('options.html');
    try {
      // Once the saved connection (if any) is shown, typing is not overwritten by it.
      await options.text('[data-testid="intake-settings"]:not([data-connected=""])');
      await options.fill('[data-testid="intake-url"]', proxy.url);
      await options.fill('[data-testid="intake-token"]', withToken);
      await options.click('[data-testid="intake-save"]');
      await expect.poll(() => options.text('[data-testid="intake-notice"]'), poll).not.toBe('');
      await options.click('[data-testid="intake-test"]');
      const outcome = () => options.evaluate(() => document.querySelector<HTMLElement>('[data-testid="intake-test-result"]')?.dataset.state ?? '', undefined);
      await expect.poll(outcome, poll).toMatch(/connected|failed/);
      return await options.text('[data-testid="intake-test-result"]');
    } finally {
      await options.close();
    }
  }

  beforeAll(async () => {
    data = await mkdtemp(join(tmpdir(), `colophon-intake-${name}-`));
    intake = await startIntake({ data, port: 0, limits: { maxChunkBytes: chunkLimit }, log: () => undefined });
    await intake.admin.createOrganisation(organisation.id, organisation.name);
    ({ token } = await intake.admin.createRepresentative(representative, { organisation: organisation.id, name: `Representative (${name})` }));
    proxy = await IntakeProxy.start(intake.url);
    browser = await launch(marketplace);
  });

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await proxy?.close();
    await intake?.close();
    if (data) await rm(data, { recursive: true, force: true });
  });

  it('connects through the options page and sends a capture to the intake, which signs a receipt', async () => {
    expect(await connect(token)).toContain(organisation.name);
    const [itemId] = await browser.captureItems(itemPage, 1);
    captured.push(itemId!);
    const rows = await settled([itemId!]);
    const row = rows.find((entry) => entry.itemId === itemId)!;
    const held = await heldItems(intake, organisation.id);
    expect(held.get(itemId!)?.receiptId).toBe(row.receiptId);

    // The evidence manager shows it stored, with the receipt's digests equal to the item's own.
    const manager = await browser.extensionPage('evidence.html');
    try {
      expect(await manager.text('[data-testid="evidence-sync-badge"][data-state="stored"]')).not.toBe('');
      await manager.click('[data-testid="evidence-open"]');
      expect(await manager.text('[data-testid="evidence-receipt-id"]')).toBe(row.receiptId);
      const digests = await manager.evaluate(() => Array.from(document.querySelectorAll<HTMLElement>('[data-testid="evidence-receipt-digest"]'), (li) => li.dataset.equal), undefined);
      expect(digests.length).toBeGreaterThan(0);
      expect(new Set(digests)).toEqual(new Set(['true']));
    } finally {
      await manager.close();
    }
  });

  it(`keeps ${items} items exactly once through ${interruptions} interruptions of the background, the intake down then up`, async () => {
    // The intake is down while the items are captured: they wait in the outbox.
    await proxy.down();
    const ids = await browser.captureItems(itemPage, items);
    captured.push(...ids);
    expect(new Set(ids).size).toBe(items);
    await proxy.up();
    // Slow enough that the sync lasts through every interruption.
    proxy.latencyMs = 150;
    const from = proxy.log.length;
    const abandoned = () => proxy.log.filter((entry) => entry.abandoned).length;
    let duringSync = 0;
    let cutInFlight = 0;
    for (let round = 0; round < interruptions; round++) {
      await browser.syncNow();
      await pause(200 + Math.random() * 1300);
      const before = abandoned();
      await browser.interrupt();
      await pause(300);
      if (abandoned() > before) cutInFlight++;
      if ((await browser.outbox()).some((row) => captured.includes(row.itemId) && row.state !== 'stored')) duringSync++;
    }
    proxy.latencyMs = 0;
    const rows = await settled(captured);
    const log = proxy.log.slice(from);
    console.log(`${name}: ${interruptions} interruptions, ${duringSync} with items still to send, ${cutInFlight} cut a request in flight; ${log.length} requests`);
    // The interruptions land in the middle of the sync, not after it.
    expect(duringSync).toBeGreaterThanOrEqual(20);
    expect(cutInFlight).toBeGreaterThan(0);

    // Exactly the captured items, each once, with the hashes taken at capture.
    const held = await heldItems(intake, organisation.id);
    expect([...held.keys()].sort()).toEqual([...captured].sort());
    const evidence: StoredEvidence[] = await (await browser.extensionPage('options.html')).evaluate(readEvidenceStore, undefined);
    for (const item of evidence.filter((entry) => captured.includes(entry.id))) {
      const server = held.get(item.id)!;
      expect(server.artifacts).toEqual(item.artifacts.map((artifact) => artifact.sha256));
      for (const artifact of item.artifacts) expect(artifact.bytesSha256).toBe(artifact.sha256);
      expect(server.bytes).toEqual(server.artifacts);
      expect(server.complete).toBe(true);
      expect(rows.find((row) => row.itemId === item.id)?.receiptId).toBe(server.receiptId);
    }
  }, 600_000);

  it('honours Retry-After on 429, retries after 500, and resumes a chunk cut half-way', async () => {
    proxy.failNext(429, { retryAfter: 3 });
    proxy.failNext(500, { times: 2 });
    // The second chunk of an artifact: the first is committed, so a resume does not start at 0.
    proxy.cutNextChunk(chunkLimit / 2, { notFirst: true });
    const from = proxy.log.length;
    const ids = await browser.captureItems(itemPage, 2);
    captured.push(...ids);
    await settled(ids);
    const log = proxy.log.slice(from);

    const limited = log.findIndex((entry) => entry.status === 429);
    expect(limited).toBeGreaterThanOrEqual(0);
    const after = log.slice(limited + 1).find((entry) => entry.path === log[limited]!.path && entry.method === log[limited]!.method);
    expect(after!.at - log[limited]!.at).toBeGreaterThanOrEqual(3000);
    expect(log.filter((entry) => entry.status === 500)).toHaveLength(2);

    const cut = log.find((entry) => entry.fault === 'cut')!;
    expect(cut).toBeDefined();
    const start = (entry: { range: string | null }) => Number(/^bytes (\d+)-/.exec(entry.range ?? '')?.[1]);
    const resumed = log.slice(log.indexOf(cut) + 1).filter((entry) => entry.path === cut.path && isChunkEntry(entry));
    // Resumed where the intake's committed bytes end: the cut chunk's own start, never the
    // artifact's first byte again.
    expect(start(cut)).toBeGreaterThan(0);
    expect(resumed.length).toBeGreaterThan(0);
    expect(start(resumed[0]!)).toBe(start(cut));
    // Nothing the intake had committed before the cut was sent again.
    expect(resumed.every((entry) => start(entry) >= start(cut))).toBe(true);
  }, 300_000);

  it('parks items when the token is revoked mid-sync, loses none, and sends them once a new token is set', async () => {
    await proxy.down();
    const ids = await browser.captureItems(itemPage, 5);
    captured.push(...ids);
    await proxy.up();
    proxy.latencyMs = 400;
    await browser.syncNow();
    await expect.poll(async () => (await browser.outbox()).filter((row) => ids.includes(row.itemId) && row.state === 'stored').length, poll).toBeGreaterThan(0);
    await intake.admin.revoke(representative);
    proxy.latencyMs = 0;
    const rows = await settled(ids, (row) => row.state === 'stored' || row.state === 'parked');
    const parked = rows.filter((row) => ids.includes(row.itemId) && row.state === 'parked');
    expect(parked.length).toBeGreaterThan(0);
    expect(new Set(parked.map((row) => row.parkedReason))).toEqual(new Set(['unauthenticated']));

    // The administrator issues a new token; the representative sets it and retries the parked items.
    const fresh = await intake.admin.issueToken(representative);
    expect(await connect(fresh)).toContain(organisation.name);
    await browser.retryParked(parked.map((row) => row.itemId));
    await settled(ids);
    const held = await heldItems(intake, organisation.id);
    expect([...held.keys()].sort()).toEqual([...captured].sort());
  }, 300_000);
});

function isChunkEntry(entry: { method: string; path: string }): boolean {
  return isChunk({ method: entry.method, url: entry.path } as Parameters<typeof isChunk>[0]);
}
