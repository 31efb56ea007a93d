/**
 * Chromium killed in the middle of a capture, a hundred times over one profile, `npm run bench`
 * (needs `npm run build`). Each round starts the browser on the profile, clicks Report on an item
 * page, and kills every browser process (SIGKILL, no shutdown) after a delay drawn from a seeded
 * sequence over the capture's whole span, from just after the click to after it was stored. The
 * browser is then started again on the same profile, and the store must hold only whole items
 * (each artifact's bytes matching its hash), numbered without a gap, with "Verify the chain" in
 * the evidence manager finding every digest and link intact. The end-to-end suite does the same
 * six times (tests/e2e/capture-crash.test.ts); this is the long run. Results:
 * tests/bench/results/evidence-capture-kills.json.
 *
 *   CAPTURE_KILLS=100 CAPTURE_KILLS_SEED=1 node --import tsx tests/bench/evidence/capture-kills.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromiumDriver } from '../../e2e/support/chromium-driver';
import type { BrowserDriver, StoredEvidence } from '../../e2e/support/driver';
import { DemoMarketplace } from '../../e2e/support/marketplace';

const rounds = Number(process.env.CAPTURE_KILLS ?? 100);
const seed = Number(process.env.CAPTURE_KILLS_SEED ?? 1);
/** A full-page capture of the page below takes one to three seconds here: kills are spread past its end. */
const longestDelayMs = 3500;
const marketplace = new DemoMarketplace();
const page = marketplace.fixture('taobao/item-authored-2025-ice-book');
const catalogueFile = resolve(import.meta.dirname, '../../e2e/fixtures/catalogue.csv');

/** mulberry32: a small seeded generator, so that a run can be repeated kill for kill. */
function seeded(state: number): () => number {
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function killBrowser(profile: string): void {
  try {
    execFileSync('pkill', ['-KILL', '-f', `user-data-dir=${profile}`]);
  } catch {
    // pkill exits 1 when nothing matched: the browser was already gone.
  }
}

/** What is wrong with the store after a crash, or an empty list. */
function problems(items: StoredEvidence[]): string[] {
  const found: string[] = [];
  items.forEach((item, index) => {
    if (item.sequence !== index + 1) found.push(`item ${item.id} is number ${item.sequence}, expected ${index + 1}`);
    if (item.artifacts.length < 2) found.push(`item ${item.id} has ${item.artifacts.length} artifacts`);
    for (const artifact of item.artifacts) if (artifact.bytesSha256 !== artifact.sha256) found.push(`item ${item.id}: ${artifact.kind} bytes differ from their hash`);
  });
  return found;
}

interface Round {
  delayMs: number;
  outcome: 'whole' | 'absent' | 'broken';
  problems: string[];
}

const random = seeded(seed);
const profile = await mkdtemp(join(tmpdir(), 'colophon-kills-'));
const results: Round[] = [];
const started = Date.now();
let browser: BrowserDriver | null = null;
let before = 0;
try {
  for (let round = 0; round < rounds; round++) {
    const delayMs = Math.round(random() * longestDelayMs);
    browser = await chromiumDriver({ profile, granted: true, nameHelper: true });
    if (round === 0) await browser.importCatalogue(catalogueFile);
    const tab = await browser.open(page.url);
    for (let tries = 0; !(await tab.popup()).matched.includes('1017564382910'); tries++) {
      if (tries > 80) throw new Error(`round ${round}: the listing was never marked`);
      await new Promise((done) => setTimeout(done, 250));
    }
    const width = await tab.evaluate(() => document.documentElement.clientWidth);
    await tab.click(width - 34, 30);
    await new Promise((done) => setTimeout(done, delayMs));
    killBrowser(profile);
    browser = null;

    browser = await chromiumDriver({ profile, granted: true, nameHelper: true });
    const items = await browser.evidence();
    const found = problems(items);
    const chain = await browser.verifyChain!();
    if (!chain.ok) found.push(`the chain does not verify: ${chain.text}`);
    const outcome = found.length > 0 ? 'broken' : items.length > before ? 'whole' : 'absent';
    results.push({ delayMs, outcome, problems: found });
    console.log(`${round + 1}/${rounds}: killed ${delayMs} ms after the click: ${outcome}${found.length ? ` (${found.join('; ')})` : ''}`);
    before = items.length;
    await browser.close();
    browser = null;
  }
} finally {
  await browser?.close().catch(() => undefined);
  killBrowser(profile);
  await rm(profile, { recursive: true, force: true });
}

const count = (outcome: Round['outcome']) => results.filter((round) => round.outcome === outcome).length;
const summary = {
  measured: new Date().toISOString(),
  browser: execFileSync('chromium', ['--version']).toString().trim(),
  seed,
  rounds: results.length,
  whole: count('whole'),
  absent: count('absent'),
  broken: count('broken'),
  minutes: Math.round((Date.now() - started) / 600) / 100,
  rounds_detail: results,
};
console.log(`${summary.rounds} kills: ${summary.whole} captures whole, ${summary.absent} absent, ${summary.broken} broken, in ${summary.minutes} min`);
const folder = resolve(import.meta.dirname, '../results');
await mkdir(folder, { recursive: true });
await writeFile(join(folder, 'evidence-capture-kills.json'), `${JSON.stringify(summary, null, 2)}\n`);
if (summary.broken > 0) process.exitCode = 1;
