/** The saved pages under tests/fixtures/ and what Colophon must recognise on each. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Recognition } from '@/utils/sites/types';

export const fixturesRoot = join(import.meta.dirname, '../../fixtures');

export interface PageFixture {
  /** e.g. "taobao/item-2026-ice" */
  name: string;
  site: string;
  url: string;
  source: string;
  html: () => string;
  expected: Recognition;
}

export function pageFixtures(): PageFixture[] {
  const fixtures: PageFixture[] = [];
  for (const site of readdirSync(fixturesRoot, { withFileTypes: true })) {
    if (!site.isDirectory()) continue;
    for (const page of readdirSync(join(fixturesRoot, site.name))) {
      const folder = join(fixturesRoot, site.name, page);
      const expected = JSON.parse(readFileSync(join(folder, 'expected.json'), 'utf8'));
      fixtures.push({
        name: `${site.name}/${page}`,
        site: site.name,
        url: expected.url,
        source: expected.source,
        html: () => readFileSync(join(folder, 'page.html'), 'utf8'),
        expected: expected.recognition,
      });
    }
  }
  return fixtures;
}
