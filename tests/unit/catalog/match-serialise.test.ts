import { describe, expect, it } from 'vitest';
import { buildMatchIndex, entryLookup, loadMatchIndex, matchListings as matchWith, serialiseMatchIndex, type ListingText, type MatchIndex } from '@/utils/catalog/match';
import { entry, powerElectronics } from './entries';

const entries = [
  { catalogueId: 'springer', entry: { ...powerElectronics, otherTitles: [{ language: 'zh', title: '电力电子学基础' }] } },
  { catalogueId: 'doab', entry: entry('oapen-1234', 'Animal Metropolis: Histories of Human-Animal Relations in Urban Canada', { contributors: [{ name: 'Joanna Dean', role: 'editor' }] }) },
];
const index = buildMatchIndex(entries);
const matchListings = (matchIndex: MatchIndex, listings: ListingText[]) => matchWith(matchIndex, listings, entryLookup(entries));
const listings = [
  { id: '1', title: '现货 Fundamentals of Power Electronics Erickson 第2版' },
  { id: '2', title: '電力電子學基礎' },
  { id: '3', title: 'Animal Metropolis Dean 英文原版' },
  { id: '4', title: '9780306480485' },
];

describe('serialiseMatchIndex / loadMatchIndex', () => {
  it('round-trips through structured clone (as IndexedDB stores it) and matches the same', () => {
    const stored = structuredClone(serialiseMatchIndex(index));
    expect(stored.version).toBe(6);
    for (const buffer of Object.values(stored.buffers)) expect(buffer).toBeInstanceOf(ArrayBuffer);
    const loaded = loadMatchIndex(stored);
    expect(matchListings(loaded, listings)).toEqual(matchListings(index, listings));
    expect(matchListings(loaded, listings)[2]![0]).toMatchObject({ catalogueId: 'doab', entryId: 'oapen-1234' });
  });

  it('refuses a version it does not know, and a shape that does not hold together', () => {
    const stored = serialiseMatchIndex(index);
    expect(() => loadMatchIndex({ ...stored, version: 7 })).toThrow(/version/);
    // Earlier versions tokenised Chinese titles otherwise; Colophon rebuilds such an index rather than reading it.
    expect(() => loadMatchIndex({ ...stored, version: 2 })).toThrow(/version/);
    expect(() => loadMatchIndex({ ...stored, version: 3 })).toThrow(/version/);
    expect(() => loadMatchIndex({ ...stored, version: 4 })).toThrow(/version/);
    // Version 5 kept no binding, revision or volumes: rebuilt, not read.
    expect(() => loadMatchIndex({ ...stored, version: 5 })).toThrow(/version/);
    expect(() => loadMatchIndex(null)).toThrow(/version/);
    expect(() => loadMatchIndex({ ...stored, entryCount: 3 })).toThrow(/do not agree/);
    const { records: _records, ...buffers } = stored.buffers;
    expect(() => loadMatchIndex({ ...stored, buffers })).toThrow(/records/);
  });
});
