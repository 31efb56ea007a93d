/**
 * What the storage quotas cost a new item: `node --import tsx tests/intake/measure-quota.ts`.
 *
 * An organisation holding 100,000 items (a busy member after some years), stored over 30 days or
 * all within the last 24 hours (a flood), on SQLite with files and on a real PostgreSQL server
 * started here. Timed, median of 200 each: the quota check as the intake does it (running totals,
 * ../../intake/src/store/quotas.ts), the daily refusal with its Retry-After, and, for comparison,
 * summing the organisation's items instead (with an index made for it). Prints one line per case.
 */
import { performance } from 'node:perf_hooks';
import { closeStorage } from '../../intake/src/storage/open';
import type { SqlClient } from '../../intake/src/storage/sql';
import { reserveStorage, storageQuotasOf } from '../../intake/src/store/quotas';
import { IntakeStore } from '../../intake/src/store/store';
import { postgresBackend, sqliteBackend, type IntakeBackend } from './support/backends';

const items = 100_000;
const now = new Date('2026-06-01T12:00:00.000Z');
const dayMs = 24 * 60 * 60 * 1000;
const huge = 2 ** 50;

async function fill(sql: SqlClient, spreadMs: number): Promise<void> {
  await sql.run("INSERT INTO organisations (id, name, created_at) VALUES ('acme', 'Acme', '2020-01-01T00:00:00.000Z')");
  await sql.run("INSERT INTO representatives (id, organisation_id, name, created_at) VALUES ('r', 'acme', 'R', '2020-01-01T00:00:00.000Z')");
  await sql.transaction(async (tx) => {
    for (let n = 0; n < items; n += 500) {
      const rows = Array.from({ length: 500 }, (_, i) => n + i);
      const values = rows.map((_, i) => `($${i * 3 + 1}, $${i * 3 + 2}, '{}', 'aliexpress', '1', 'r', $${i * 3 + 3}, 1, 4000000, 1)`).join(', ');
      const params = rows.flatMap((i) => ['acme', i.toString(16).padStart(64, '0'), new Date(now.getTime() - 1 - (i * spreadMs) / items).toISOString()]);
      await tx.run(`INSERT INTO items (organisation_id, item_id, record, marketplace, listing_id, representative_id, stored_at, complete, declared_bytes, verified) VALUES ${values}`, params);
    }
    // The running totals, made as migration 2 makes them from items stored before it.
    await tx.run('INSERT INTO organisation_usage (organisation_id, declared_bytes) SELECT organisation_id, SUM(declared_bytes) FROM items GROUP BY organisation_id');
    await tx.run(
      'INSERT INTO organisation_usage_hours (organisation_id, hour, declared_bytes) SELECT organisation_id, substr(stored_at, 1, 13), SUM(declared_bytes) FROM items GROUP BY organisation_id, substr(stored_at, 1, 13)',
    );
  });
  await sql.exec('CREATE INDEX measure_items_by_organisation ON items (organisation_id, stored_at, declared_bytes)');
}

async function median(sql: SqlClient, work: (tx: SqlClient) => Promise<unknown>): Promise<string> {
  const runs: number[] = [];
  for (let i = 0; i < 200; i++) {
    const started = performance.now();
    await sql.transaction((tx) => work(tx).catch(() => undefined));
    runs.push(performance.now() - started);
  }
  return runs.sort((a, b) => a - b)[100]!.toFixed(2);
}

async function measure(backend: IntakeBackend, spreadMs: number): Promise<void> {
  const place = await backend.create();
  const storage = await place.open();
  try {
    await IntakeStore.open(storage, { now: () => now });
    await fill(storage.sql, spreadMs);
    const since = new Date(now.getTime() - dayMs).toISOString();
    const summing = await median(storage.sql, async (tx) => {
      await tx.query("SELECT SUM(declared_bytes) AS total FROM items WHERE organisation_id = 'acme'");
      await tx.query("SELECT SUM(declared_bytes) AS today FROM items WHERE organisation_id = 'acme' AND stored_at > $1", [since]);
    });
    const check = await median(storage.sql, (tx) => reserveStorage(tx, 'acme', 4_000_000, now, storageQuotasOf({ bytesPerOrganisation: huge, bytesPerOrganisationPerDay: huge })));
    const refusal = await median(storage.sql, (tx) => reserveStorage(tx, 'acme', 4_000_000, now, storageQuotasOf({ bytesPerOrganisation: huge, bytesPerOrganisationPerDay: 8_000_000 })));
    console.log(`${backend.name}, ${items} items over ${spreadMs / dayMs} day(s): check ${check} ms, daily refusal with Retry-After ${refusal} ms; summing the items instead ${summing} ms`);
  } finally {
    await closeStorage(storage);
    await place.dispose();
  }
}

for (const backend of [sqliteBackend, postgresBackend]) {
  await backend.setup?.();
  try {
    for (const spread of [30 * dayMs, dayMs]) await measure(backend, spread);
  } finally {
    await backend.teardown?.();
  }
}
