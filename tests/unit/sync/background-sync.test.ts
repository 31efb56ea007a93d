// @vitest-environment node
// (real captures in fake-indexeddb need Node's Blob, store-helpers.ts; Node's fetch talks to the loopback intake.)
/**
 * The background's side of sync on WXT's fake browser, against the intake double: the outbox runs
 * when the worker starts, on its alarms and on "sync now"; parked items are retried on request;
 * nothing is sent without a connection or the intake's host permission; open pages hear of every
 * change on the outbox channel. fakeBrowser has no permissions API: `contains` is stubbed.
 */
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import background from '@/entrypoints/background';
import { outboxAlarm, outboxDueAlarm, startSync, type SyncService } from '@/entrypoints/background/sync';
import { addCapture, type EvidenceDatabase } from '@/utils/evidence/store';
import { responses, type Sender } from '@/utils/messages';
import { saveIntakeConnection } from '@/utils/sync/connection';
import { outboxChannelName } from '@/utils/sync/outbox-changes';
import { outboxEntries, outboxSummary } from '@/utils/sync/outbox-store';
import { captureOf, freshDatabase } from '../../support/evidence/store-helpers';
import { representativeToken, startIntakeDouble, type IntakeDouble } from './intake-double';
import { problem } from './intake-double-items';

let intake: IntakeDouble;
let db: EvidenceDatabase;
let sync: SyncService | null;
let permitted: ReturnType<typeof vi.fn>;

beforeEach(async () => {
  fakeBrowser.reset();
  globalThis.indexedDB = new IDBFactory();
  permitted = vi.fn(async () => true);
  vi.spyOn(fakeBrowser.permissions, 'contains').mockImplementation(permitted as never);
  browserAlarmTimes();
  intake = await startIntakeDouble();
  db = await freshDatabase();
  for (let n = 1; n <= 2; n++) await addCapture(db, captureOf(n));
  sync = null;
});
afterEach(async () => {
  await sync?.settled();
  await intake.close();
});

/**
 * fakeBrowser schedules a periodic alarm's first firing at the moment it is created; browsers
 * schedule it one period later. Left as is, an entry queued in the same millisecond as the
 * periodic alarm would not look sooner than it, and whether the one-shot alarm is set would
 * depend on the clock.
 */
type AlarmInfo = { when?: number; delayInMinutes?: number; periodInMinutes?: number };
function browserAlarmTimes(): void {
  const create = fakeBrowser.alarms.create.bind(fakeBrowser.alarms) as (name: string, info: AlarmInfo) => Promise<void>;
  vi.spyOn(fakeBrowser.alarms, 'create').mockImplementation((async (name: string, info: AlarmInfo) => {
    const periodic = info.when === undefined && info.delayInMinutes === undefined && info.periodInMinutes !== undefined;
    await create(name, periodic ? { ...info, delayInMinutes: info.periodInMinutes } : info);
  }) as never);
}

const connect = () => saveIntakeConnection({ url: intake.url, token: representativeToken });
const start = async () => {
  sync = startSync(async () => db);
  await sync.settled();
  return sync;
};
const alarms = async () => (await fakeBrowser.alarms.getAll()).map((alarm) => alarm.name).sort();

describe('when the worker starts', () => {
  it('sends what the outbox holds, then needs no alarm', async () => {
    await connect();
    await start();
    expect(await outboxSummary(db)).toEqual({ queued: 0, uploading: 0, stored: 2, parked: 0 });
    expect(permitted).toHaveBeenCalledWith({ origins: ['http://127.0.0.1/*'] });
    expect(await alarms()).toEqual([]);
  });

  it('sends nothing without a connection, and says so when asked to sync', async () => {
    const sync = await start();
    expect(await sync.syncNow()).toEqual({ ok: false, reason: 'not-configured' });
    expect(intake.requests).toEqual([]);
    expect(await outboxSummary(db)).toMatchObject({ queued: 2 });
  });

  it('sends nothing without the intake’s host permission, and says so when asked to sync', async () => {
    await connect();
    permitted.mockResolvedValue(false);
    const sync = await start();
    expect(await sync.syncNow()).toEqual({ ok: false, reason: 'no-permission' });
    expect(await sync.retryParked([(await outboxEntries(db))[0]!.itemId])).toEqual({ ok: false, reason: 'no-permission' });
    expect(intake.requests).toEqual([]);
  });
});

describe('alarms', () => {
  it('wait for an item backing off, and the alarm sends it', async () => {
    await connect();
    intake.faults.push({ when: (request) => request.method === 'PUT', action: problem('internal') });
    await start();
    expect(await outboxSummary(db)).toMatchObject({ queued: 2 });
    expect(await alarms()).toEqual([outboxAlarm, outboxDueAlarm].sort());
    const due = (await fakeBrowser.alarms.get(outboxDueAlarm))!;
    expect(due.scheduledTime).toBe(Math.min(...(await outboxEntries(db)).map((entry) => entry.nextAttemptAt)));
    expect((await fakeBrowser.alarms.get(outboxAlarm))!.periodInMinutes).toBe(1);

    vi.spyOn(Date, 'now').mockReturnValue(due.scheduledTime + 2_000);
    await fakeBrowser.alarms.onAlarm.trigger(due);
    await sync!.settled();
    expect(await outboxSummary(db)).toMatchObject({ stored: 2 });
    expect(await alarms()).toEqual([]);
  });
});

describe('requests from the pages', () => {
  it('"sync now" sends an item still backing off at once, and answers with the counts', async () => {
    await connect();
    intake.faults.push({ when: (request) => request.method === 'PUT', action: problem('internal'), times: 1 });
    const sync = await start();
    // A 500 stops the run: the other item was not tried into a failing intake.
    expect((await outboxEntries(db)).map((entry) => [entry.state, entry.attempts]).sort()).toEqual([['queued', 0], ['queued', 1]]);
    const answer = await sync.syncNow();
    // The counts when the request was taken: the run it started may already have begun.
    expect(responses['page:sync-now'].parse(answer)).toMatchObject({ ok: true });
    expect(Object.values((answer as { summary: Record<string, number> }).summary).reduce((a, b) => a + b)).toBe(2);
    await sync.settled();
    expect(await outboxSummary(db)).toMatchObject({ stored: 2 });
  });

  it('"retry" unparks the items named (parked ones only) and sends them', async () => {
    await connect();
    intake.faults.push({ when: (request) => request.method === 'PUT', action: problem('unauthenticated'), times: 2 });
    const sync = await start();
    const [first, second] = await outboxEntries(db);
    expect([first!.state, second!.state]).toEqual(['parked', 'parked']);
    expect(await sync.retryParked([first!.itemId])).toMatchObject({ ok: true });
    await sync.settled();
    const after = await outboxEntries(db);
    expect(after.find((entry) => entry.itemId === first!.itemId)).toMatchObject({ state: 'stored' });
    expect(after.find((entry) => entry.itemId === second!.itemId)).toMatchObject({ state: 'parked', parkedReason: 'unauthenticated' });
  });

  it('a new connection sends again what the old token was refused for, and nothing parked for another reason', async () => {
    await connect();
    intake.faults.push({ when: (request) => request.method === 'PUT', action: problem('unauthenticated'), times: 1 });
    intake.faults.push({ when: (request) => request.method === 'PUT', action: problem('hash-mismatch'), times: 1 });
    const sync = await start();
    const parked = await outboxEntries(db);
    expect(parked.map((entry) => entry.parkedReason).sort()).toEqual(['hash-mismatch', 'unauthenticated']);
    expect(await sync.connectionChanged()).toMatchObject({ ok: true });
    await sync.settled();
    const after = await outboxEntries(db);
    const was = (reason: string) => after.find((entry) => entry.itemId === parked.find((old) => old.parkedReason === reason)!.itemId);
    expect(was('unauthenticated')).toMatchObject({ state: 'stored' });
    expect(was('hash-mismatch')).toMatchObject({ state: 'parked', parkedReason: 'hash-mismatch' });
  });

  it('are told of each change on the outbox channel', async () => {
    await connect();
    const heard: unknown[] = [];
    const channel = new BroadcastChannel(outboxChannelName);
    channel.onmessage = (event) => heard.push(event.data);
    await start();
    await vi.waitFor(() => expect(heard.length).toBeGreaterThan(2));
    expect(new Set(heard.map((message) => JSON.stringify(message)))).toEqual(new Set([JSON.stringify({ type: 'background:outbox-changed' })]));
    channel.close();
  });
});

// Last: the whole background starts runs of its own, which must not overlap another test's.
describe('the background', () => {
  /** Delivers a message to the background as a browser would, answered through sendResponse (tests/unit/background.test.ts). */
  async function deliver(message: unknown, sender: Sender): Promise<unknown> {
    let answer!: (value: unknown) => void;
    const answered = new Promise<unknown>((resolve) => (answer = resolve));
    const trigger = fakeBrowser.runtime.onMessage.trigger as (...args: unknown[]) => Promise<unknown[]>;
    const [kept] = await trigger(message, sender, (value: unknown) => answer(value));
    return kept === true ? answered : 'ignored';
  }

  it('reach the outbox through the background, from the extension’s own pages only', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    // fakeBrowser has no commands or context menus (tests/unit/background.test.ts stubs them the same way).
    vi.spyOn(fakeBrowser.commands.onCommand, 'addListener').mockImplementation(() => undefined);
    vi.spyOn(fakeBrowser.contextMenus.onClicked, 'addListener').mockImplementation(() => undefined);
    background.main();
    const popup: Sender = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') };
    const page: Sender = { id: fakeBrowser.runtime.id, url: 'https://item.taobao.com/item.htm?id=1', frameId: 0, tab: { id: 3 } };
    expect(await deliver({ type: 'page:sync-now' }, popup)).toEqual({ ok: false, reason: 'not-configured' });
    expect(await deliver({ type: 'page:sync-now' }, page)).toEqual({ refused: 'sender', type: 'page:sync-now' });
    expect(await deliver({ type: 'page:retry-parked', itemIds: ['a'.repeat(64)] }, page)).toEqual({ refused: 'sender', type: 'page:retry-parked' });
    expect(await deliver({ type: 'page:retry-parked', itemIds: [] }, popup)).toMatchObject({ refused: 'malformed' });
    expect(await deliver({ type: 'page:retry-parked', itemIds: ['../x'] }, popup)).toMatchObject({ refused: 'malformed' });
    expect(await deliver({ type: 'page:retry-parked', itemIds: ['a'.repeat(64)] }, popup)).toEqual({ ok: false, reason: 'not-configured' });
    expect(warn).toHaveBeenCalledTimes(4);
  });
});
