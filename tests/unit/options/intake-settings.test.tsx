// @vitest-environment happy-dom
/**
 * The options page's intake settings: the intake origin is asked for in the
 * click that saves, before anything is saved, and a refusal saves nothing; the token is never
 * shown again; "test connection" asks a real loopback intake and words what it answers, a
 * refused token and a silence alike; "forget" gives the permission back; the outbox's counts
 * follow the background's announcements, and "Sync now" reaches the background.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { openEvidenceDatabase } from '@/utils/evidence/store';
import { loadIntakeConnection, saveIntakeConnection } from '@/utils/sync/connection';
import { outboxChannelName } from '@/utils/sync/outbox-changes';
import { enqueue, fail, startAttempt } from '@/utils/sync/outbox-state';
import { allowCrossOrigin, startLoopbackIntake, token, type LoopbackIntake } from './loopback-intake';
import { openOptionsPage, settle, typeInto, waitFor, type OptionsPage } from './page';

let intake: LoopbackIntake;
let page: OptionsPage | undefined;
beforeEach(async () => {
  intake = await startLoopbackIntake();
  allowCrossOrigin();
});
afterEach(async () => {
  page?.unmount();
  page = undefined;
  await intake.close();
});

async function openSettings(options?: { keepStore?: boolean }): Promise<OptionsPage> {
  page = await openOptionsPage(options);
  await waitFor(() => page!.get('intake-settings').dataset.connected !== '');
  return page;
}

async function fill(url: string, typedToken: string): Promise<void> {
  typeInto(page!.get<HTMLInputElement>('intake-url'), url);
  typeInto(page!.get<HTMLInputElement>('intake-token'), typedToken);
  await settle();
}

const text = (testId: string) => page!.get(testId).textContent;

describe('saving the intake connection', () => {
  it('asks for the intake’s origin inside the click, before saving, then keeps the connection and never shows the token again', async () => {
    await openSettings();
    const savedWhenAsked: unknown[] = [];
    vi.spyOn(fakeBrowser.permissions, 'request').mockImplementation(async () => {
      savedWhenAsked.push(await loadIntakeConnection());
      return true;
    });
    const told: unknown[] = [];
    fakeBrowser.runtime.onMessage.addListener(async (message: unknown) => {
      told.push(message);
      return { ok: true, summary: { queued: 0, uploading: 0, stored: 0, parked: 0 } };
    });
    await fill(`${intake.url}/`, token);
    expect(page!.get<HTMLInputElement>('intake-token').type).toBe('password');
    page!.get<HTMLButtonElement>('intake-save').click();
    // Synchronously, within the click: a browser drops the user's gesture at the first await.
    expect(fakeBrowser.permissions.request).toHaveBeenCalledWith({ origins: ['http://127.0.0.1/*'] });
    await waitFor(() => page!.query('intake-notice')?.textContent === 'Saved. Colophon will sync to this intake.');
    expect(savedWhenAsked).toEqual([null]);
    expect(await loadIntakeConnection()).toEqual({ url: intake.url, token });
    expect(page!.get<HTMLInputElement>('intake-token').value).toBe('');
    expect(text('intake-token-state')).toBe('A token is saved. It is not shown again; type a new one to replace it.');
    expect(page!.container.innerHTML).not.toContain(token);
    // The background hears of it: what the old token was refused for goes again.
    await waitFor(() => told.length === 1);
    expect(told).toEqual([{ type: 'page:connection-changed' }]);
  });

  it('saves nothing when the permission is refused, and says why', async () => {
    await openSettings();
    vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(false);
    await fill(intake.url, token);
    page!.get<HTMLButtonElement>('intake-save').click();
    const host = new URL(intake.url).host;
    await waitFor(() => page!.query('intake-notice')?.textContent === `Nothing was saved: Colophon needs your permission to reach ${host}, and it was not given.`);
    expect(await loadIntakeConnection()).toBeNull();
    expect(page!.get('intake-settings').dataset.connected).toBe('false');
  });

  it('refuses plain http to another computer, and a token no intake issues, without asking for anything', async () => {
    await openSettings();
    expect(page!.container.textContent).toContain('Plain http:// is allowed only to this computer (localhost, 127.0.0.1, [::1]), for a test intake.');
    await fill('http://intake.example.org', token);
    page!.get<HTMLButtonElement>('intake-save').click();
    await waitFor(() => page!.query('intake-notice') !== null);
    expect(text('intake-notice')).toMatch(/^The intake address must start with https:\/\//);
    await fill(intake.url, 'short');
    page!.get<HTMLButtonElement>('intake-save').click();
    await waitFor(() => text('intake-notice')!.startsWith('This is not a token'));
    expect(fakeBrowser.permissions.request).not.toHaveBeenCalled();
    expect(await loadIntakeConnection()).toBeNull();
  });

  it('shows the saved address after a reload, replaces the URL keeping the token, and forgets it all, giving the permission back', async () => {
    await saveIntakeConnection({ url: 'https://old-intake.example.org', token });
    await openSettings({ keepStore: true });
    expect(page!.get<HTMLInputElement>('intake-url').value).toBe('https://old-intake.example.org');
    expect(page!.get<HTMLInputElement>('intake-token').value).toBe('');
    await fill(intake.url, '');
    page!.get<HTMLButtonElement>('intake-save').click();
    await waitFor(() => page!.query('intake-notice')?.textContent?.startsWith('Saved.'));
    expect(await loadIntakeConnection()).toEqual({ url: intake.url, token });
    expect(fakeBrowser.permissions.remove).toHaveBeenCalledWith({ origins: ['https://old-intake.example.org/*'] });

    page!.get<HTMLButtonElement>('intake-forget').click();
    await waitFor(() => page!.query('intake-notice')?.textContent?.startsWith('Connection forgotten'));
    expect(await loadIntakeConnection()).toBeNull();
    expect(fakeBrowser.permissions.remove).toHaveBeenLastCalledWith({ origins: ['http://127.0.0.1/*'] });
    expect(page!.get<HTMLInputElement>('intake-url').value).toBe('');
    expect(page!.query('intake-forget')).toBeNull();
  });

  it('offers the permission again when the browser no longer grants it', async () => {
    await saveIntakeConnection({ url: intake.url, token });
    await openSettings({ keepStore: true });
    await waitFor(() => page!.query('intake-no-permission') !== null);
    page!.get<HTMLButtonElement>('intake-allow').click();
    expect(fakeBrowser.permissions.request).toHaveBeenCalledWith({ origins: ['http://127.0.0.1/*'] });
    await waitFor(() => page!.query('intake-no-permission') === null);
  });
});

describe('test connection', () => {
  const testConnection = async () => {
    page!.get<HTMLButtonElement>('intake-test').click();
    await waitFor(() => ['connected', 'failed'].includes(page!.get('intake-test-result').dataset.state!), 5000);
  };

  it('shows who the intake knows the token as, its clock against this computer’s, and its limits', async () => {
    await openSettings();
    intake.clockOffsetMs = 90_000;
    await fill(intake.url, token);
    await testConnection();
    expect(page!.get('intake-test-result').dataset.state).toBe('connected');
    expect(text('intake-organisation')).toBe('Springer Nature (springer-nature)');
    expect(text('intake-representative')).toBe('J. Smith (j.smith)');
    expect(text('intake-clock')).toBe('90 seconds ahead of this computer’s');
    expect(text('intake-limits')).toBe('item record 1 MB, upload piece 4.2 MB, file 67.1 MB, 500 items per check');
    expect(intake.requests).toEqual([{ method: 'GET', path: '/v1/session', authorization: `Bearer ${token}` }]);
    // Testing is not saving.
    expect(await loadIntakeConnection()).toBeNull();
  });

  it('tests the saved connection when no token is typed, and warns of a clock far off', async () => {
    await saveIntakeConnection({ url: intake.url, token });
    await openSettings({ keepStore: true });
    intake.clockOffsetMs = -3 * 3600_000;
    await testConnection();
    expect(text('intake-clock')).toBe('3 hours behind this computer’s Captures record this computer’s time: set its clock right.');
    expect(intake.requests.map((request) => request.authorization)).toEqual([`Bearer ${token}`]);
  });

  it('says the token was refused when the intake answers 401', async () => {
    await openSettings();
    intake.behaviour = 'refuse-token';
    await fill(intake.url, token);
    await testConnection();
    expect(text('intake-test-error')).toBe('The token was refused: ask your coalition administrator for a new one.');
  });

  it('says the intake did not answer in time when it stays silent', async () => {
    await openSettings();
    intake.behaviour = 'hang';
    // The client's 25-second deadline, shortened: the same signal, fired sooner.
    const timeout = AbortSignal.timeout.bind(AbortSignal);
    const deadline = vi.spyOn(AbortSignal, 'timeout').mockImplementation(() => timeout(200));
    await fill(intake.url, token);
    await testConnection();
    expect(deadline).toHaveBeenCalledWith(25_000);
    expect(text('intake-test-error')).toBe('The intake did not answer within 25 seconds: it may be down or overloaded. Try again later.');
  });

  it('says nothing can be reached when nothing listens at the address', async () => {
    await openSettings();
    const closed = intake.url;
    await intake.close();
    intake = await startLoopbackIntake();
    await fill(closed, token);
    await testConnection();
    expect(text('intake-test-error')).toBe('Could not reach the intake: check the address and this computer’s connection.');
  });
});

describe('the outbox in the options page', () => {
  it('shows its counts as the background announces changes, and sends Sync now to the background', async () => {
    await saveIntakeConnection({ url: intake.url, token });
    await openSettings({ keepStore: true });
    await waitFor(() => text('outbox-summary-line') === 'Nothing in the outbox yet.');

    const db = await openEvidenceDatabase();
    const now = Date.now();
    const ids = ['a', 'b', 'c'].map((letter) => letter.repeat(64));
    await db.put('outbox', enqueue(ids[0]!, now));
    await db.put('outbox', enqueue(ids[1]!, now));
    await db.put('outbox', fail(startAttempt(enqueue(ids[2]!, now), now), { problemCode: 'unauthenticated', status: 401 }, now, Math.random));
    db.close();
    const background = new BroadcastChannel(outboxChannelName);
    background.postMessage({ type: 'background:outbox-changed' });
    await waitFor(() => text('outbox-summary-line') === '2 waiting to sync · 1 parked, needing attention');
    background.close();
    expect(page!.get<HTMLAnchorElement>('outbox-parked-link').getAttribute('href')).toMatch(/\/evidence\.html$/);

    const received: unknown[] = [];
    fakeBrowser.runtime.onMessage.addListener(async (message: unknown) => {
      received.push(message);
      return { ok: false, reason: 'no-permission' };
    });
    page!.get<HTMLButtonElement>('sync-now').click();
    await waitFor(() => page!.query('sync-now-outcome')?.textContent === 'Colophon may not reach the intake: allow it in the options.');
    expect(received).toEqual([{ type: 'page:sync-now' }]);
  });
});
