/**
 * Storage quotas per organisation: a new item reserves the bytes it declares, in all and within
 * any 24 hours, and past either the intake answers 507 quota-exceeded, changing nothing. The daily
 * quota frees itself and says when (Retry-After); the total does not, so it says nothing of when.
 * One organisation's use never counts against another's.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { backends } from './support/backends';
import { Harness, type HarnessOptions } from './support/harness';
import { capturedItem } from './support/items';

const hourMs = 60 * 60 * 1000;
const t0 = Date.parse('2026-05-04T08:00:00.000Z');

describe.each(backends)('storage quotas ($name)', (backend) => {
  let h: Harness;
  let clock = t0;
  beforeAll(() => backend.setup?.(), 60_000);
  afterAll(() => backend.teardown?.());
  afterEach(() => h.stop());

  const start = async (quotas: HarnessOptions['quotas']) => {
    clock = t0;
    h = await Harness.start(backend, { quotas, now: () => new Date(clock) });
  };
  /** Capture n with a screenshot of `kb` kB: about that many bytes declared. */
  const item = (n: number, kb = 10) => capturedItem(n, { screenshotBytes: kb * 1000 });
  const declared = (captured: Awaited<ReturnType<typeof item>>) => captured.item.artifacts.reduce((sum, { size }) => sum + size, 0);

  it('refuses an item past the organisation’s total with 507 and no Retry-After, changing nothing; items held and other members unaffected', async () => {
    const first = await item(1);
    await start({ bytesPerOrganisation: declared(first) + 5000 });
    // Reserved on arrival: the bytes need not have come yet.
    expect((await h.putItem(first.item)).status).toBe(201);
    const second = await item(2);
    const before = await h.snapshot();
    const refused = await h.putItem(second.item);
    expect([refused.status, refused.json.code, refused.headers.get('retry-after')]).toEqual([507, 'quota-exceeded', null]);
    expect(refused.json.detail).toContain(`declare ${declared(first)} bytes, this one ${declared(second)}`);
    expect(await h.snapshot()).toEqual(before);
    // What is held is still answered, and its upload finishes.
    expect((await h.putItem(first.item)).status).toBe(200);
    expect((await h.upload(first.item, first.bytes, 1 << 20)).state).toBe('complete');
    expect((await h.putItem(second.item, { token: h.b.token })).status).toBe(201);
  });

  it('refuses past the daily quota with Retry-After until the day’s first items age out, then takes the item', async () => {
    const items = await Promise.all([1, 2, 3].map((n) => item(n)));
    await start({ bytesPerOrganisationPerDay: declared(items[0]!) * 2 + 5000 });
    expect((await h.putItem(items[0]!.item)).status).toBe(201);
    clock += hourMs;
    expect((await h.putItem(items[1]!.item)).status).toBe(201);
    clock += hourMs;
    const before = await h.snapshot();
    const refused = await h.putItem(items[2]!.item);
    expect([refused.status, refused.json.code]).toEqual([507, 'quota-exceeded']);
    // The first item leaves the last 24 hours 22 hours from now.
    expect(refused.headers.get('retry-after')).toBe(String(22 * 60 * 60));
    expect(await h.snapshot()).toEqual(before);
    expect((await h.putItem(items[2]!.item, { token: h.b.token })).status).toBe(201);

    clock = t0 + 24 * hourMs - 1000;
    expect((await h.putItem(items[2]!.item)).headers.get('retry-after')).toBe('1');
    clock = t0 + 24 * hourMs;
    expect((await h.putItem(items[2]!.item)).status).toBe(201);
  });

  it('refuses an item larger than the daily quota without Retry-After: no day will have room for it', async () => {
    const big = await item(1, 30);
    await start({ bytesPerOrganisationPerDay: 20_000 });
    const refused = await h.putItem(big.item);
    expect([refused.status, refused.json.code, refused.headers.get('retry-after')]).toEqual([507, 'quota-exceeded', null]);
    expect(refused.json.title).toContain('larger than the organisation may store in a day');
  });
});
