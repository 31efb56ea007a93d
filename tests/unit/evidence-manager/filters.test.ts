/**
 * The list's filter form as store queries: local calendar days to instants (the last day
 * included whole), pairs of ids kept apart whatever they contain, and nothing asked for what
 * the form leaves empty.
 */
import { describe, expect, it } from 'vitest';
import { filterOptions, isFiltered, noFilter, toEvidenceFilter } from '@/components/evidence/filters';
import { queryWords } from '@/components/evidence/search';

describe('toEvidenceFilter', () => {
  it('asks for nothing when nothing is chosen', () => {
    expect(toEvidenceFilter(noFilter)).toEqual({});
    expect(isFiltered(noFilter)).toBe(false);
  });

  it('turns days into local midnights, the last day included', () => {
    expect(toEvidenceFilter({ ...noFilter, from: '2025-03-02', to: '2025-03-03' }).captured).toEqual({ from: new Date(2025, 2, 2), to: new Date(2025, 2, 4) });
    expect(toEvidenceFilter({ ...noFilter, to: '2025-12-31' }).captured).toEqual({ to: new Date(2026, 0, 1) });
    expect(toEvidenceFilter({ ...noFilter, from: 'yesterday' })).toEqual({});
  });

  it('reads back the pairs filterOptions made, ids with any characters', () => {
    const listed = {
      item: { metadata: { marketplace: 'taobao', listing: { shop: { id: '573"00,01', name: null } }, match: { catalogueId: 'a,b', entryId: '["x"]', title: 'T' } } },
      state: { tags: ['pdf'] },
    } as never;
    const options = filterOptions([listed]);
    expect(options.shops).toEqual([{ value: options.shops[0]!.value, label: '573"00,01', detail: '573"00,01', marketplace: 'taobao' }]);
    const filter = toEvidenceFilter({ ...noFilter, shop: options.shops[0]!.value, catalogueEntry: options.catalogueEntries[0]!.value });
    expect(filter).toEqual({ shop: { marketplace: 'taobao', id: '573"00,01' }, catalogueEntry: { catalogueId: 'a,b', entryId: '["x"]' } });
    expect(toEvidenceFilter({ ...noFilter, shop: 'not json' })).toEqual({});
  });

  it('passes the rest as they are', () => {
    const choice = { ...noFilter, marketplace: 'tmall', status: 'reported', tag: 'pdf', caseId: 'c1', includeDeleted: true } as const;
    expect(toEvidenceFilter(choice)).toEqual({ marketplace: 'tmall', status: 'reported', tag: 'pdf', caseId: 'c1', includeDeleted: true });
    expect(isFiltered(choice)).toBe(true);
  });
});

describe('queryWords', () => {
  it('folds case and width, and splits on any space', () => {
    expect(queryWords('  Effective　ＪＡＶＡ  ')).toEqual(['effective', 'java']);
    expect(queryWords('   ')).toEqual([]);
  });
});
