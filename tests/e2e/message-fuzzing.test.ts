/**
 * Message fuzzing in real browsers: ten thousand messages per browser, generated from the
 * protocol's zod schemas (support/message-generator.ts, seeded: COLOPHON_FUZZ_SEED replays a run),
 * sent to the background from each kind of sender Colophon has or a page could pose as: the
 * extension page, Colophon's content-script world in two marketplace tabs (each claiming the
 * other's page and tab too), and that world in an iframe of a marketplace page.
 *
 * Every answer must be the one predicted (support/message-expect.ts): a typed refusal, located for
 * a malformed message, or the valid response of an allowed message; never silence, never a crash.
 * Every store (each IndexedDB database: evidence with its outbox, catalogues; storage.local and
 * storage.session) must be as it was, and the background the same instance, its Object.prototype
 * untouched. Valid reports of a content script's own page do change what is stored: they are
 * sent apart, and the change checked exactly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Message, TabPage } from '@/utils/messages';
import { DemoMarketplace } from './support/marketplace';
import type { FuzzBrowser } from './support/message-browser';
import { chromiumFuzzBrowser } from './support/message-chromium';
import { carried, difference, type ExpectWorld, type SenderContext } from './support/message-expect';
import { firefoxFuzzBrowser } from './support/message-firefox';
import { wireMessages, type SentAnswer, type StoreSnapshot } from './support/message-pages';
import { planMessages, planReports, type PlannedMessage } from './support/message-plan';

const seed = Number(process.env.COLOPHON_FUZZ_SEED ?? 20_261_207);
const messages = 10_000;
const marketplace = new DemoMarketplace();
const urls = {
  a: marketplace.fixture('aliexpress/item-authored-2023-components').url,
  b: marketplace.fixture('taobao/item-authored-2025-ice-book').url,
  frame: marketplace.fixture('tmall/item-authored-2025-ice-book').url,
};

function worldOf(browser: FuzzBrowser, stores: StoreSnapshot): ExpectWorld {
  return {
    browser: browser.name,
    extensionId: browser.extensionId,
    extensionBase: browser.extensionBase,
    senders: browser.senders,
    tabIds: browser.tabs.all,
    marketplaceTabs: [browser.tabs.a, browser.tabs.b],
    session: stores.sessionEntries,
  };
}

const generatorWorld = (browser: FuzzBrowser) => ({ urls, extensionBase: browser.extensionBase, tabIds: [browser.tabs.a, browser.tabs.b, ...browser.tabs.all] });

/** The stores once nothing changes them any more (the background's start-up, the pages' first reports). */
async function settledStores(browser: FuzzBrowser): Promise<StoreSnapshot> {
  let last = await browser.snapshot();
  for (let tries = 0; tries < 30; tries++) {
    await new Promise((done) => setTimeout(done, 500));
    const next = await browser.snapshot();
    if (JSON.stringify(next) === JSON.stringify(last)) return next;
    last = next;
  }
  throw new Error('the stores kept changing before any message was sent');
}

/** Sends each sender's messages in batches, the senders side by side; the answers in plan order. */
async function sendAll(browser: FuzzBrowser, plan: PlannedMessage[], { batch = Number(process.env.FUZZ_BATCH ?? 400), concurrency = Number(process.env.FUZZ_CONC ?? 64) } = {}): Promise<SentAnswer[]> {
  const answers: SentAnswer[] = new Array(plan.length);
  const contexts = [...new Set(plan.map((message) => message.context))];
  await Promise.all(
    contexts.map(async (context: SenderContext) => {
      const indices = plan.flatMap((message, index) => (message.context === context ? [index] : []));
      for (let start = 0; start < indices.length; start += batch) {
        const slice = indices.slice(start, start + batch);
        const text = `[${slice.map((index) => plan[index]!.text).join(',')}]`;
        const sent = JSON.parse(await browser.send(context, text, concurrency)) as SentAnswer[];
        slice.forEach((index, position) => (answers[index] = sent[position]!));
      }
    }),
  );
  return answers;
}

/** Counts of `key` over `items`, for the run's summary. */
function tally<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

const storesOnly = ({ databases, local, session }: StoreSnapshot) => ({ databases, local, session });

/** A lone UTF-16 surrogate: half of a character, which a page's text may hold. */
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** `value` as the browser's storage gives it back: Chromium keeps strings as UTF-8, so half a character comes back as U+FFFD. */
function storedBy(browser: FuzzBrowser['name'], value: unknown): unknown {
  if (browser === 'firefox') return value;
  return JSON.parse(JSON.stringify(value), (_key, item: unknown) => (typeof item === 'string' ? item.replace(loneSurrogate, '\ufffd') : item));
}

describe.each([
  ['chromium', chromiumFuzzBrowser],
  ['firefox', firefoxFuzzBrowser],
] as const)('%s', (name, launch) => {
  let browser: FuzzBrowser;
  let before: StoreSnapshot;

  beforeAll(async () => {
    browser = await launch(marketplace, urls);
    before = await settledStores(browser);
  }, 120_000);

  afterAll(async () => browser?.close());

  it(`answers each of ${messages} generated messages as predicted, and changes no store`, async () => {
    const world = worldOf(browser, before);
    const planning = performance.now();
    const plan = planMessages(seed, messages, generatorWorld(browser), world);
    // Marked once planning is done: an idle service worker may be stopped after 30 s, a busy one not.
    const background = await browser.background(`${name}-${seed}`);
    const sending = performance.now();
    const answers = await sendAll(browser, plan.sent);
    const sent = performance.now();

    const wrong = plan.sent.flatMap((message, index) => {
      const why = difference(answers[index], message.prediction);
      return why ? [`#${index} ${message.category} from ${message.context}: ${message.text.slice(0, 160)} → ${why}`] : [];
    });
    expect(wrong.slice(0, 10)).toEqual([]);
    expect(plan.sent.length).toBeGreaterThanOrEqual(messages);
    expect(answers.filter((answer) => 'undefined' in answer)).toEqual([]);

    expect(storesOnly(await browser.snapshot())).toEqual(storesOnly(before));
    expect(await browser.background()).toEqual({ ...background, polluted: null });
    // Still answering after all that, with what it knows.
    const [last] = JSON.parse(await browser.send('page', JSON.stringify([{ type: 'popup:get-tab-page', tabId: browser.tabs.b }]), 1)) as SentAnswer[];
    expect(last).toEqual({ answer: TabPage.parse(before.sessionEntries[`tab-page:${browser.tabs.b}`]) });

    console.info(
      `${name}: ${plan.sent.length} messages sent in ${Math.round(sent - sending)} ms (planned in ${Math.round(sending - planning)} ms), ${plan.held.length} held back as acting;`,
      JSON.stringify({
        bySender: tally(plan.sent, (message) => message.context),
        byCategory: tally(plan.sent, (message) => message.category),
        byAnswer: tally(plan.sent, (message) => (message.prediction.outcome === 'answer' ? message.prediction.kind : message.prediction.outcome)),
        databases: Object.fromEntries(Object.entries(before.databases).map(([db, { stores }]) => [db, Object.fromEntries(Object.entries(stores).map(([store, { count }]) => [store, count]))])),
        session: before.session.count,
        local: before.local.count,
      }),
    );
  }, 170_000);

  it("stores exactly the last valid report of each tab's own page, hostile values and all", async () => {
    const stores = await browser.snapshot();
    const reports = planReports(seed, 15, generatorWorld(browser), worldOf(browser, stores));
    for (const context of ['content-a', 'content-b'] as const) {
      const mine = reports.filter((report) => report.context === context);
      const answers = JSON.parse(await browser.send(context, `[${mine.map((report) => report.text).join(',')}]`, 1)) as SentAnswer[];
      // No catalogue is loaded: every listing is answered, unmatched.
      expect(answers).toEqual(mine.map(() => ({ answer: { ok: true, matches: {} } })));
    }
    const after = await browser.snapshot();
    expect(after.databases).toEqual(stores.databases);
    expect(after.local).toEqual(stores.local);
    const expected = { ...stores.sessionEntries };
    for (const [context, tabId] of [['content-a', browser.tabs.a], ['content-b', browser.tabs.b]] as const) {
      const last = reports.filter((report) => report.context === context).at(-1)!;
      const received = carried(wireMessages(`[${last.text}]`)[0], browser.name) as { value: unknown };
      const report = Message.parse(received.value) as Extract<Message, { type: 'content:page-recognised' }>;
      expected[`tab-page:${tabId}`] = { ...(storedBy(browser.name, { url: report.url, recognition: report.recognition, matches: {} }) as object), seenAt: expect.any(Number) };
    }
    expect(after.sessionEntries).toEqual(expected);
  }, 60_000);

  it("leaves a marketplace page's own script no way to reach the background", async () => {
    expect(await browser.pageTriesToSend()).toMatch(/^(no runtime\.sendMessage in the page|refused: )/);
  });
});
