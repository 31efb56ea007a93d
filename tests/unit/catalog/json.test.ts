/** Colophon's own catalogue file: what the catalogue exports to, read back entry by entry. */
import { describe, expect, it } from 'vitest';
import { importJson } from '@/utils/catalog/import/json';
import type { CatalogueEntry } from '@/utils/catalog/schema';
import { describeIssue } from '@/utils/catalog/import/types';
import { entry, inputOf, powerElectronics } from './entries';

async function read(text: string, skipInvalidRecords = false) {
  const stored: CatalogueEntry[] = [];
  const summary = await importJson(inputOf(text, 'catalogue.json'), { sink: async (batch) => void stored.push(...batch), skipInvalidRecords });
  return { summary, stored, messages: summary.issues.map(describeIssue) };
}

const file = (entries: unknown[]) =>
  `{"format":"colophon-catalogue","version":1,"name":"Springer",\n"entries":[\n${entries.map((e) => JSON.stringify(e)).join(',\n')}\n]}\n`;

describe('importJson', () => {
  it('reads every entry of a valid file', async () => {
    const { summary, stored } = await read(file([powerElectronics, entry('row-3', 'Linear Algebra Done Right')]));
    expect(summary).toMatchObject({ format: 'json', records: 2, entries: 2, issues: [] });
    expect(stored).toEqual([powerElectronics, entry('row-3', 'Linear Algebra Done Right')]);
  });

  it('names the line of an invalid entry and stores nothing', async () => {
    const bad = { ...powerElectronics, id: 'x', isbns: ['9780306480484'] };
    const { summary, stored, messages } = await read(file([powerElectronics, bad]));
    expect(stored).toEqual([]);
    expect(summary.entries).toBe(0);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^line 4, entries\[1\]\.isbns\.0: /);
  });

  it('imports the valid entries when the user chose to leave out the invalid ones', async () => {
    const { summary, stored } = await read(file([powerElectronics, { title: '' }]), true);
    expect(stored).toEqual([powerElectronics]);
    expect(summary.issues.length).toBeGreaterThan(0);
  });

  it.each([
    ['an empty file', '', /^line 1: the file is empty$/],
    ['broken JSON', '{"format":"colophon-catalogue",\n"version":1,\n"entries":[,]}', /^line 3: not valid JSON/],
    ['another JSON file', '{"name":"x","entries":[]}', /^line 1: not a Colophon catalogue file/],
    ['a newer version', '{"format":"colophon-catalogue","version":2,"entries":[]}', /^line 1: this catalogue file is version 2/],
    ['no entries', '{"format":"colophon-catalogue","version":1,"name":"x"}', /^line 1: the file has no "entries" list$/],
  ])('refuses %s with a line-numbered error', async (_name, text, message) => {
    const { summary, stored, messages } = await read(text);
    expect(stored).toEqual([]);
    expect(summary.issues.every((issue) => issue.severity === 'error')).toBe(true);
    expect(messages[0]).toMatch(message);
  });

  it('refuses bytes that are not UTF-8', async () => {
    const stored: CatalogueEntry[] = [];
    const summary = await importJson(inputOf(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), 'x.json'), { sink: async (b) => void stored.push(...b) });
    expect(summary.issues.map(describeIssue)).toEqual(['line 1: the file is not UTF-8 text']);
    expect(stored).toEqual([]);
  });
});
