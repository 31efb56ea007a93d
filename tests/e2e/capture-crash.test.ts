/**
 * A browser killed in the middle of a capture leaves either the whole item or none of it.
 * Chromium is started on one profile, a capture is started with the Report button, and the
 * browser is killed (SIGKILL, no shutdown) at a different moment each round; started again on the
 * same profile, the store must hold only whole items, each artifact's bytes matching its hash,
 * numbered without a gap. The bench kills it a hundred times (tests/bench/evidence/capture-kills.ts).
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chromiumDriver } from './support/chromium-driver';
import type { BrowserDriver, StoredEvidence } from './support/driver';
import { DemoMarketplace } from './support/marketplace';

const marketplace = new DemoMarketplace();
const catalogueFile = resolve(import.meta.dirname, 'fixtures/catalogue.csv');
const rounds = 6;
const poll = { timeout: 20_000, interval: 250 };

/** Kills every process of the browser running on `profile`, at once. */
function killBrowser(profile: string): void {
  try {
    execFileSync('pkill', ['-KILL', '-f', `user-data-dir=${profile}`]);
  } catch {
    // pkill exits 1 when nothing matched: the browser was already gone.
  }
}

function expectWholeItems(items: StoredEvidence[]) {
  items.forEach((item, index) => {
    expect(item.sequence).toBe(index + 1);
    expect(item.artifacts.length).toBeGreaterThanOrEqual(2);
    for (const artifact of item.artifacts) expect(artifact.bytesSha256, `${item.id} ${artifact.kind}`).toBe(artifact.sha256);
  });
}

describe('chromium killed mid-capture', () => {
  let profile = '';
  let browser: BrowserDriver | null = null;
  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    if (profile) await rm(profile, { recursive: true, force: true });
  });

  it(`keeps each capture whole or absent over ${rounds} crashes`, async () => {
    profile = await mkdtemp(join(tmpdir(), 'colophon-crash-'));
    const outcomes: string[] = [];
    let before = 0;
    for (let round = 0; round < rounds; round++) {
      browser = await chromiumDriver({ profile, granted: true });
      if (round === 0) await browser.importCatalogue(catalogueFile);
      const tab = await browser.open(marketplace.fixture('taobao/item-authored-2025-ice-book').url);
      await expect.poll(async () => (await tab.popup()).matched, poll).toContain('1017564382910');
      const width = await tab.evaluate(() => document.documentElement.clientWidth);
      await tab.click(width - 34, 30);
      // From "just clicked" to "long stored": a full-page capture of this page takes one to three seconds.
      await new Promise((done) => setTimeout(done, (round * 3000) / (rounds - 1)));
      killBrowser(profile);
      browser = null;

      browser = await chromiumDriver({ profile, granted: true });
      const items = await browser.evidence();
      expectWholeItems(items);
      outcomes.push(items.length > before ? 'whole' : 'absent');
      before = items.length;
      await browser.close();
      browser = null;
    }
    console.log(`Captures killed mid-way: ${outcomes.join(', ')}`);
    expect(outcomes).toContain('whole');
  }, 300_000);
});
