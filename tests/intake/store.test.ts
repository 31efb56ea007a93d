/**
 * The store's life on a back end: its schema built by numbered migrations and refused when a
 * newer server has moved it on, one signing key made at the first start and kept after, and an
 * answer that would break the OpenAPI turned into a 500 rather than sent.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { migrations, schemaVersion } from '../../intake/src/store/migrations';
import { IntakeStore } from '../../intake/src/store/store';
import { closeStorage, type IntakeStorage } from '../../intake/src/storage/open';
import { backends, type BackendPlace } from './support/backends';
import { Harness } from './support/harness';
import { capturedItem } from './support/items';

describe.each(backends)('the store ($name)', (backend) => {
  let place: BackendPlace;
  let storage: IntakeStorage;
  beforeAll(() => backend.setup?.(), 60_000);
  afterAll(() => backend.teardown?.());
  beforeEach(async () => {
    place = await backend.create();
    storage = await place.open();
  });
  afterEach(async () => {
    await closeStorage(storage).catch(() => undefined);
    await place.dispose();
  });

  it('builds its schema by numbered migrations, once, and makes one signing key at the first start', async () => {
    await IntakeStore.open(storage);
    const applied = await storage.sql.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(applied.map(({ version }) => Number(version))).toEqual(migrations.map(({ version }) => version));
    const first = await storage.sql.query('SELECT key_id, valid_from FROM server_keys');
    expect(first).toHaveLength(1);

    await closeStorage(storage);
    storage = await place.open();
    await IntakeStore.open(storage);
    expect(await storage.sql.query('SELECT version FROM schema_migrations')).toHaveLength(migrations.length);
    expect(await storage.sql.query('SELECT key_id, valid_from FROM server_keys')).toEqual(first);
  });

  it('refuses a database a newer intake has migrated', async () => {
    await IntakeStore.open(storage);
    await storage.sql.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [schemaVersion + 1, 'from the future', new Date().toISOString()]);
    await expect(IntakeStore.open(storage)).rejects.toThrow(`schema version ${schemaVersion + 1}, newer than this intake server's ${schemaVersion}`);
  });
});

describe.each(backends)('answers that would break the OpenAPI ($name)', (backend) => {
  let h: Harness;
  const logged: string[] = [];
  beforeAll(() => backend.setup?.(), 60_000);
  afterAll(() => backend.teardown?.());
  beforeEach(async () => {
    h = await Harness.start(backend, { log: (line) => logged.push(line) });
  });
  afterEach(() => h.stop());

  it('are never sent: a status that fails its schema becomes 500 internal, and is logged', async () => {
    const { item } = await capturedItem(1);
    await h.putItem(item);
    // A stored offset no status may carry (ArtifactProgress.received is at least 0).
    await h.storage.sql.run('UPDATE artifacts SET received = $1 WHERE item_id = $2', [-1, item.id]);
    const answer = await h.request('GET', `/v1/items/${item.id}`);
    expect([answer.status, answer.json.code]).toEqual([500, 'internal']);
    expect(answer.text).not.toContain('-1');
    expect(logged.join('\n')).toContain('broke its schema');
  });
});
