/**
 * The hostile corpus: every saved page under tests/fixtures/ under every attack template
 * (templates.ts; the heavy ones leave out the pages near a megabyte), served at the saved page's
 * real URL with the attack script first in its head: 225 pages from 26 saved ones and 9 templates.
 * Pages are ordered template by template, and within a template so that no two pages in a row
 * show the popup the same summary: a popup still showing the page before cannot pass for the next.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pageFixtures, type PageFixture } from '../../../fixtures/pages';
import type { AttackConfig } from './attack-types';
import { attackScript } from './attack-script';
import { hostileCsp } from './payloads';
import { atHeadStart, templates, type Template } from './templates';

export const catalogueFile = resolve(import.meta.dirname, '../../fixtures/catalogue.csv');

/**
 * The listings tests/e2e/fixtures/catalogue.csv marks on the saved pages (as in
 * tests/e2e/matching.test.ts); no other saved page has a listing it matches.
 */
const markedListings: Record<string, string[]> = {
  'taobao/search-authored-2025-cards': ['745612390871', '1003847261953'],
  'aliexpress/search-authored-2026-init-data': ['1005007284916352'],
  'taobao/item-authored-2025-ice-book': ['1017564382910'],
};

/** Pages whose listings recognition also reads from cards in the DOM: a card added after load must count. */
const cardPages = new Set([
  'aliexpress/search-authored-2024-us-cards',
  'aliexpress/search-authored-2026-init-data',
  'aliexpress/store-authored-2025-all-items',
  'taobao/search-2018-mainsrp',
  'taobao/search-authored-2025-cards',
  'taobao/store-authored-2024-shop-search',
  'tmall/search-authored-2020-list',
  'tmall/store-authored-2024-shop',
]);

/** What Colophon shows of itself: the words of its marks and the catalogue titles they name. */
function ourWords(): string[] {
  const messages = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../../public/_locales/en/messages.json'), 'utf8')) as Record<string, { message: string }>;
  const titles = readFileSync(catalogueFile, 'utf8').trim().split('\n').slice(1).map((line) => line.split(',')[0]!);
  const lookup = (key: string) => messages[key]!.message;
  // "Looks like “$TITLE$” ($CONFIDENCE$%)": the marks quote the catalogue title they name.
  const [before, after] = lookup('popupMatchedEntry').split('$TITLE$') as [string, string];
  return [
    lookup('extName'),
    lookup('markReport'),
    before,
    lookup('captureStarting'),
    lookup('markReportTitle').split(' (')[0]!,
    ...titles.map((title) => `${before.slice(-1)}${title}${after[0]}`),
  ];
}


export interface HostilePage {
  /** "<template>/<site>/<saved page>" */
  name: string;
  template: Template;
  fixture: PageFixture;
  url: string;
  headers: Record<string, string>;
  expected: { marketplace: string; kind: string; listings: number; ids: string[]; marked: string[] };
  /** A listing id for a card added after load, where the page has cards recognition reads. */
  lateCard: string | null;
  /** The page as served to a browser whose extension goes by these ids. */
  html(extensionIds: string[]): string;
}

/** What the popup shows for a page: no two pages in a row may look the same there. */
function summary(fixture: PageFixture): string {
  const { marketplace, kind, wall, listings } = fixture.expected;
  return [marketplace, kind, wall, ...listings.slice(0, 8).map((listing) => listing.id).sort()].join(' ');
}

/** The saved pages in an order where neighbours (the last and the first too) differ in summary. */
function interleaved(fixtures: PageFixture[]): PageFixture[] {
  const sorted = [...fixtures].sort((a, b) => a.name.localeCompare(b.name));
  const bySite = ['aliexpress', 'taobao', 'tmall'].map((site) => sorted.filter((fixture) => fixture.site === site));
  const order: PageFixture[] = [];
  while (bySite.some((site) => site.length > 0)) for (const site of bySite) if (site.length > 0) order.push(site.shift()!);
  order.forEach((fixture, index) => {
    const next = order[(index + 1) % order.length]!;
    if (summary(fixture) === summary(next)) throw new Error(`${fixture.name} and ${next.name} would show the popup the same summary`);
  });
  return order;
}

/** Saved pages this large are left out of the heavy templates (templates.ts). */
const heavyPageChars = 700_000;

export function hostileCorpus(): HostilePage[] {
  const words = ourWords();
  const fixtures = interleaved(pageFixtures());
  const light = interleaved(fixtures.filter((fixture) => fixture.html().length < heavyPageChars));
  return templates.flatMap((template) =>
    (template.heavy ? light : fixtures).map((fixture): HostilePage => {
      const nonce = randomBytes(12).toString('base64');
      const { marketplace, kind, listings } = fixture.expected;
      return {
        name: `${template.name}/${fixture.name}`,
        template,
        fixture,
        url: fixture.url,
        headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': hostileCsp(nonce), 'cache-control': 'no-store' },
        expected: { marketplace, kind, listings: listings.length, ids: listings.map((listing) => listing.id), marked: markedListings[fixture.name] ?? [] },
        lateCard: cardPages.has(fixture.name) && !template.heavy ? '700000000077' : null,
        html(extensionIds) {
          const config: AttackConfig = { template: template.name, extensionIds, words, ...template.attack };
          const page = template.page ? template.page(fixture.html(), fixture) : fixture.html();
          return atHeadStart(page, `<script nonce="${nonce}">${attackScript(config)}</script>`);
        },
      };
    }),
  );
}
