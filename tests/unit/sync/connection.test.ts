/**
 * The intake connection: kept in the extension's own `colophon-intake` database (not
 * browser.storage, which content scripts read), checked before it is kept, and turned into the
 * one host permission sync asks for.
 */
import { IDBFactory } from 'fake-indexeddb';
import { openDB } from 'idb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import {
  forgetIntakeConnection, intakeOriginPermission, InvalidIntakeConnectionError, loadIntakeConnection, normaliseIntakeUrl, saveIntakeConnection,
} from '@/utils/sync/connection';
import { syncDataCollection } from '@/utils/sync/data-collection';
import { intakeDbName, readIntakeSetting, writeIntakeSetting } from '@/utils/sync/intake-database';

const token = 'colophon-' + 'c3'.repeat(32);
const keys = [{ keyId: 'a'.repeat(64), publicKey: { kty: 'EC' as const, crv: 'P-256' as const, x: 'A'.repeat(43), y: 'B'.repeat(43) }, validFrom: '2026-01-01T00:00:00.000Z', validUntil: null }];

beforeEach(() => {
  fakeBrowser.reset();
  globalThis.indexedDB = new IDBFactory();
});

describe('saving and loading', () => {
  it('keeps the URL (normalised) and the token in the colophon-intake database, and nowhere in browser.storage', async () => {
    await saveIntakeConnection({ url: ' https://intake.example.org/colophon/ ', token });
    expect(await loadIntakeConnection()).toEqual({ url: 'https://intake.example.org/colophon', token });
    const db = await openDB(intakeDbName);
    expect(await db.get('settings', 'connection')).toEqual({ schemaVersion: 1, url: 'https://intake.example.org/colophon', token });
    db.close();
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
  });

  it('loads nothing before anything was saved, after forgetting, or from a record it cannot read', async () => {
    expect(await loadIntakeConnection()).toBeNull();
    await saveIntakeConnection({ url: 'http://127.0.0.1:8787', token });
    await writeIntakeSetting('server-keys', { schemaVersion: 1, url: 'http://127.0.0.1:8787', keys, fetchedAt: '2026-01-01T00:00:00.000Z' });
    await forgetIntakeConnection();
    expect(await loadIntakeConnection()).toBeNull();
    expect(await readIntakeSetting('server-keys')).toBeNull();

    const db = await openDB(intakeDbName);
    await db.put('settings', { schemaVersion: 2, url: 'https://intake.example.org', token }, 'connection');
    db.close();
    expect(await loadIntakeConnection()).toBeNull();
  });

  it('drops the kept server keys when the intake changes, and keeps them when only the token does', async () => {
    await saveIntakeConnection({ url: 'https://intake.example.org', token });
    await writeIntakeSetting('server-keys', { schemaVersion: 1, url: 'https://intake.example.org', keys, fetchedAt: '2026-01-01T00:00:00.000Z' });
    await saveIntakeConnection({ url: 'https://intake.example.org/', token: 'colophon-' + 'd4'.repeat(32) });
    expect(await readIntakeSetting('server-keys')).not.toBeNull();
    await saveIntakeConnection({ url: 'https://other-intake.example.org', token });
    expect(await readIntakeSetting('server-keys')).toBeNull();
  });
});

describe('refusing', () => {
  it.each([
    'http://intake.example.org',
    'http://192.168.0.2:8787',
    'https://user:secret@intake.example.org',
    'https://intake.example.org/?token=x',
    'https://intake.example.org/#x',
    'ftp://intake.example.org',
    'intake.example.org',
    '',
  ])('the URL %j, storing nothing', async (url) => {
    const error = await saveIntakeConnection({ url, token }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidIntakeConnectionError);
    expect(error).toMatchObject({ field: 'url' });
    expect(await loadIntakeConnection()).toBeNull();
  });

  it.each(['', 'short', 'has spaces in it, sixteen plus', 'colophon-' + 'é'.repeat(20), 'x'.repeat(513)])('the token %j, storing nothing', async (bad) => {
    await expect(saveIntakeConnection({ url: 'https://intake.example.org', token: bad })).rejects.toMatchObject({ field: 'token' });
    expect(await loadIntakeConnection()).toBeNull();
  });

  it('accepts loopback over plain http, for a reference intake on this machine', () => {
    for (const url of ['http://127.0.0.1:8787', 'http://localhost:8787/', 'http://[::1]:8787']) expect(normaliseIntakeUrl(url)).not.toBeNull();
  });
});

describe('the host permission', () => {
  it.each([
    ['https://intake.example.org/colophon', 'https://intake.example.org/*'],
    ['https://intake.example.org:8443', 'https://intake.example.org/*'],
    ['http://127.0.0.1:8787', 'http://127.0.0.1/*'],
    ['http://[::1]:8787', 'http://[::1]/*'],
  ])('of %s is the origin %s, any port', (url, origin) => {
    expect(intakeOriginPermission(url)).toEqual({ origins: [origin] });
  });

  it('is refused for a URL the token may not go to', () => {
    expect(() => intakeOriginPermission('http://intake.example.org')).toThrow(InvalidIntakeConnectionError);
  });

  it('asks Firefox, with the origin, for consent to what sync sends, as the manifest declares it', async () => {
    vi.stubEnv('FIREFOX', true as unknown as string);
    try {
      expect(intakeOriginPermission('https://intake.example.org')).toEqual({
        origins: ['https://intake.example.org/*'],
        data_collection: ['websiteContent', 'browsingActivity', 'personallyIdentifyingInfo'],
      });
    } finally {
      vi.unstubAllEnvs();
    }
    const { default: config } = await import('@/wxt.config');
    const manifest = await (config.manifest as (env: { browser: string }) => Promise<Record<string, unknown>> | Record<string, unknown>)({ browser: 'firefox' });
    const gecko = (manifest.browser_specific_settings as { gecko: { data_collection_permissions: { required: string[]; optional: string[] } } }).gecko;
    expect(gecko.data_collection_permissions).toEqual({ required: ['none'], optional: [...syncDataCollection] });
  });
});
