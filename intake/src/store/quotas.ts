/**
 * How much storage each member organisation may take at the intake. An item reserves the bytes its
 * record declares when it is stored, before any of them arrive: staged uploads never hold more than
 * that, so the reservation bounds the disk (or database) an organisation can fill, whether or not
 * it ever finishes its uploads. Nothing is ever deleted, so only an administrator raising the quota
 * frees the total; the daily quota frees itself as the day's items age out, and its refusal says
 * when (Retry-After).
 *
 * Kept as running totals in the database, updated in the transaction that stores the item: one row
 * per organisation, and one per organisation and hour for the daily quota, which counts the current
 * hour and the 23 before it. Summing an organisation's items instead, even with an index made for
 * it, took 15 to 28 ms on SQLite and 100 to 150 ms on PostgreSQL for each new item at 100,000 items;
 * the totals take under a millisecond and 3 ms (tests/intake/measure-quota.ts). Every intake
 * process sharing one PostgreSQL database sees the same totals.
 */
import { refuse } from '../problem';
import type { SqlClient } from '../storage/sql';

export interface StorageQuotas {
  /** Bytes an organisation's items may declare in all. */
  bytesPerOrganisation: number;
  /** Bytes the items an organisation stored in the current hour and the 23 before it may declare. */
  bytesPerOrganisationPerDay: number;
}

const GiB = 1024 ** 3;

/**
 * A capture is a few MB (the sync bench's typical one is 4 MB: a visible screenshot, a full page,
 * the HTML), so 100 GiB holds some 25,000 captures per member, and 10 GiB a day some 2,500 a day:
 * more than a rights team captures, small enough that one member cannot fill a coalition's disk in
 * an afternoon. An item may declare up to 10 artifacts of 256 MiB (2.5 GiB), which both allow.
 */
export const defaultStorageQuotas: StorageQuotas = { bytesPerOrganisation: 100 * GiB, bytesPerOrganisationPerDay: 10 * GiB };

export function storageQuotasOf(given: Partial<StorageQuotas> = {}): StorageQuotas {
  const quotas = { ...defaultStorageQuotas, ...Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined)) };
  for (const [name, value] of Object.entries(quotas)) {
    if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${name} must be a whole number of bytes, at least 1, not ${String(value)}`);
  }
  return quotas;
}

const hourMs = 60 * 60 * 1000;
const dayMs = 24 * hourMs;
/** `2026-05-04T08`: the hour an ISO instant falls in, as the hourly totals are keyed. */
const hourOf = (at: Date | string): string => (typeof at === 'string' ? at : at.toISOString()).slice(0, 13);

/**
 * Reserves `declared` bytes for a new item of the organisation, or throws 507 quota-exceeded
 * (changing nothing: the caller's transaction rolls back).
 */
export async function reserveStorage(tx: SqlClient, organisation: string, declared: number, now: Date, quotas: StorageQuotas): Promise<void> {
  const [usage] = await tx.query<{ declared_bytes: number }>('SELECT declared_bytes FROM organisation_usage WHERE organisation_id = $1', [organisation]);
  const total = Number(usage?.declared_bytes ?? 0);
  if (total + declared > quotas.bytesPerOrganisation) {
    throw refuse('quota-exceeded', 'The organisation’s storage at this intake is full', {
      detail: `its items declare ${total} bytes, this one ${declared}; the quota is ${quotas.bytesPerOrganisation}: ask the intake’s administrator`,
    });
  }
  if (declared > quotas.bytesPerOrganisationPerDay) {
    throw refuse('quota-exceeded', 'The item is larger than the organisation may store in a day', {
      detail: `it declares ${declared} bytes; the daily quota is ${quotas.bytesPerOrganisationPerDay}: ask the intake’s administrator`,
    });
  }
  const firstHour = hourOf(new Date(Date.parse(`${hourOf(now)}:00:00.000Z`) - dayMs + hourMs));
  await tx.run('DELETE FROM organisation_usage_hours WHERE organisation_id = $1 AND hour < $2', [organisation, firstHour]);
  const hours = await tx.query<{ hour: string; declared_bytes: number }>(
    'SELECT hour, declared_bytes FROM organisation_usage_hours WHERE organisation_id = $1 ORDER BY hour',
    [organisation],
  );
  const today = hours.reduce((sum, row) => sum + Number(row.declared_bytes), 0);
  if (today + declared > quotas.bytesPerOrganisationPerDay) {
    throw refuse('quota-exceeded', 'The organisation has stored as much as it may in 24 hours', {
      detail: `its items of the last 24 hours declare ${today} bytes, this one ${declared}; the daily quota is ${quotas.bytesPerOrganisationPerDay}`,
      retryAfterSeconds: Math.max(1, Math.ceil((roomAt(hours, today + declared - quotas.bytesPerOrganisationPerDay) - now.getTime()) / 1000)),
    });
  }
  await tx.run(
    `INSERT INTO organisation_usage (organisation_id, declared_bytes) VALUES ($1, $2)
     ON CONFLICT (organisation_id) DO UPDATE SET declared_bytes = organisation_usage.declared_bytes + excluded.declared_bytes`,
    [organisation, declared],
  );
  await tx.run(
    `INSERT INTO organisation_usage_hours (organisation_id, hour, declared_bytes) VALUES ($1, $2, $3)
     ON CONFLICT (organisation_id, hour) DO UPDATE SET declared_bytes = organisation_usage_hours.declared_bytes + excluded.declared_bytes`,
    [organisation, hourOf(now), declared],
  );
}

/** When `excess` bytes will have left the day: the oldest hours leave first, each 24 hours after it began. */
function roomAt(hours: readonly { hour: string; declared_bytes: number }[], excess: number): number {
  let freed = 0;
  for (const { hour, declared_bytes } of hours) {
    freed += Number(declared_bytes);
    if (freed >= excess) return Date.parse(`${hour}:00:00.000Z`) + dayMs;
  }
  // Unreachable: the day's hours hold more than the excess, or the item would have fitted.
  return Date.parse(`${hours.at(-1)!.hour}:00:00.000Z`) + dayMs;
}
