// @vitest-environment happy-dom
/**
 * The popup's sync line: the outbox's counts in one line, kept current by the
 * background's announcements; "Sync now" sent to the background and its answer worded; the way
 * to the options page when no intake is connected, and to the evidence manager for parked items.
 */
import { IDBFactory } from 'fake-indexeddb';
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { App } from '@/entrypoints/popup/App';
import { openEvidenceDatabase, type EvidenceDatabase } from '@/utils/evidence/store';
import { saveIntakeConnection } from '@/utils/sync/connection';
import { outboxChannelName } from '@/utils/sync/outbox-changes';
import { enqueue, fail, startAttempt, succeed } from '@/utils/sync/outbox-state';
import { englishMessage, waitFor } from '../options/page';

let container: HTMLElement;
let db: EvidenceDatabase;
let background: BroadcastChannel;

beforeEach(async () => {
  fakeBrowser.reset();
  globalThis.indexedDB = new IDBFactory();
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(englishMessage as typeof fakeBrowser.i18n.getMessage);
  vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('en');
  // No tab: the popup says it is not on a marketplace, and shows the sync line below.
  vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([]);
  db = await openEvidenceDatabase();
  background = new BroadcastChannel(outboxChannelName);
  document.body.replaceChildren();
  container = document.createElement('div');
  document.body.append(container);
});
afterEach(() => {
  render(null, container);
  background.close();
  db.close();
});

const id = (letter: string) => letter.repeat(64);
const now = Date.now();
const uploading = (letter: string) => startAttempt(enqueue(id(letter), now), now);
const get = (testId: string) => container.querySelector<HTMLElement>(`[data-testid="${testId}"]`);

async function openPopup(): Promise<void> {
  render(<App />, container);
  await waitFor(() => get('not-marketplace') && get('sync-status')?.dataset.connected !== '' && get('outbox-summary-line')?.dataset.status === 'ready');
}

describe('the popup’s sync line', () => {
  it('says there is no intake yet and opens the options, while counting what waits', async () => {
    await db.put('outbox', enqueue(id('a'), now));
    const openOptions = vi.spyOn(fakeBrowser.runtime, 'openOptionsPage').mockResolvedValue(undefined);
    await openPopup();
    expect(get('sync-not-connected')!.textContent).toBe('Not connected to an intake: set it up in the options. Open the options');
    expect(get('outbox-summary-line')!.textContent).toBe('1 waiting to sync');
    expect(get('sync-now')).toBeNull();
    get('sync-open-options')!.click();
    expect(openOptions).toHaveBeenCalled();
  });

  it('counts every state in one line, follows the background’s changes, and links to the parked items', async () => {
    await saveIntakeConnection({ url: 'https://intake.example.org', token: 'rep-token_0123456789abcdef' });
    await db.put('outbox', enqueue(id('a'), now));
    await db.put('outbox', enqueue(id('b'), now));
    await db.put('outbox', uploading('c'));
    await db.put('outbox', fail(uploading('d'), { problemCode: 'hash-mismatch', status: 422 }, now, Math.random));
    await openPopup();
    expect(get('outbox-summary-line')!.textContent).toBe('2 waiting to sync · 1 uploading · 1 parked, needing attention');
    expect(get('outbox-parked-link')!.textContent).toBe('See the parked items in the evidence manager');

    await db.put('outbox', succeed(uploading('c'), { receiptId: 'stand-in: the summary counts, it does not read receipts' }, now));
    background.postMessage({ type: 'background:outbox-changed' });
    await waitFor(() => get('outbox-summary-line')!.textContent === '2 waiting to sync · 1 parked, needing attention · 1 stored at the intake');
  });

  it('sends Sync now to the background and words each answer', async () => {
    await saveIntakeConnection({ url: 'https://intake.example.org', token: 'rep-token_0123456789abcdef' });
    await openPopup();
    expect(get('outbox-summary-line')!.textContent).toBe('Nothing in the outbox yet.');
    const received: unknown[] = [];
    const answers = [
      { ok: true, summary: { queued: 0, uploading: 0, stored: 0, parked: 0 } },
      { ok: false, reason: 'not-configured' },
    ];
    fakeBrowser.runtime.onMessage.addListener(async (message: unknown) => {
      received.push(message);
      return answers.shift();
    });
    get('sync-now')!.click();
    await waitFor(() => get('sync-now-outcome')?.textContent === 'Sync started.');
    get('sync-now')!.click();
    await waitFor(() => get('sync-now-outcome')?.textContent === 'Not connected to an intake: set it up in the options.');
    expect(received).toEqual([{ type: 'page:sync-now' }, { type: 'page:sync-now' }]);
  });
});
