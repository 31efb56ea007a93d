// @vitest-environment node
/**
 * The files of a bundle made for people: index.html (hostile titles and shop names escaped, no
 * script, nothing remote, screenshots by relative path to files the bundle holds), summary.csv
 * (RFC 4180, formula-like cells defused, BOM for Excel) and the complaint lists (grouped, at most
 * 300 URLs a file, only listings still to act on).
 */
import { describe, expect, it } from 'vitest';
import { complaintLists, complaintListText, urlsPerList } from '@/utils/evidence/bundle/complaint-lists';
import { escapeHtml, html } from '@/utils/evidence/bundle/html-escape';
import { planItem } from '@/utils/evidence/bundle/layout';
import { csvCell } from '@/utils/evidence/bundle/summary-csv';
import type { EvidenceEvent, EvidenceItem, EvidenceMetadata, EvidenceStatus } from '@/utils/protocol/evidence';
import { bundleEntries, caseStore, entryText, exportToBytes, hostileShop, hostileTitle } from '../../support/evidence/bundle-helpers';
import { metadataOf } from '../../support/evidence/store-helpers';

describe('escapeHtml', () => {
  it('escapes the five characters that mean something in HTML, and nothing else', () => {
    expect(escapeHtml(`<script>alert("x")</script> "'&<>`)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &quot;&#39;&amp;&lt;&gt;');
    expect(escapeHtml('盗版 Fundamentals — 3rd ed.')).toBe('盗版 Fundamentals — 3rd ed.');
    expect(escapeHtml('&amp;')).toBe('&amp;amp;');
  });

  it('escapes every value of the html template once, and nested markup not again', () => {
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p title="${'" onmouseover="x'}">${inner}${3}</p>`.markup).toBe('<p title="&quot; onmouseover=&quot;x"><b>&lt;i&gt;</b>3</p>');
  });
});

describe('index.html', () => {
  it('shows hostile titles, shop names and case names as text, runs no script and loads nothing remote', async () => {
    const { db, case: exported } = await caseStore();
    const bytes = await exportToBytes(db, { caseId: exported.id });
    const page = await entryText(bytes, 'index.html');
    expect(page).toContain(escapeHtml(hostileTitle));
    expect(page).toContain(escapeHtml(hostileShop));
    expect(page).toContain('AliExpress &amp; Taobao sellers &lt;b&gt;');
    expect(page).not.toContain('<script');
    expect(page).not.toContain('<img src=x');
    expect(page).toContain(`Content-Security-Policy" content="default-src 'none';`);
    // Nothing is loaded from anywhere but the bundle: every src is a relative path to one of its files.
    const names = new Set((await bundleEntries(bytes)).map((entry) => entry.name));
    const sources = [...page.matchAll(/\ssrc="([^"]*)"/g)].map((match) => match[1]!);
    expect(sources).toHaveLength(2); // the two live items' screenshots; the deleted one has none
    for (const source of sources) expect(names.has(source)).toBe(true);
    expect(page).not.toMatch(/<link|@import|url\(/);
    expect(page).toContain('Deleted · 已删除');
    expect(page).toContain('captured the wrong page');
  });
});

describe('summary.csv', () => {
  it('has a BOM, a header, one CRLF row per item, and the hostile title defused and quoted', async () => {
    const { db, case: exported, items } = await caseStore();
    const bytes = await exportToBytes(db, { caseId: exported.id });
    const entry = (await bundleEntries(bytes)).find((candidate) => candidate.name === 'summary.csv')!;
    expect([...entry.data.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(entry.data); // drops the BOM
    const lines = text.split('\r\n');
    expect(lines).toHaveLength(1 + 3 + 1);
    expect(lines.at(-1)).toBe('');
    expect(lines[0]).toMatch(/^id,sequence,captured at,marketplace,listing id,canonical URL,title,/);
    expect(lines[1]).toContain(`${items[0]!.id},1,`);
    expect(lines[1]).toContain(',springer/9783030436148,Fundamentals of Power Electronics,0.99,reported,');
    expect(lines[2]).toContain(csvCell(hostileTitle));
    expect(lines[2]).toContain(',pdf; 盗版,');
    expect(lines[3]).toMatch(/,new,,\d{4}-\d\d-\d\dT[\d:.]+Z,[0-9a-f]{64}$/);
  });

  it('quotes per RFC 4180 and puts a quote before anything a spreadsheet would run', () => {
    expect(csvCell('plain 中文')).toBe('plain 中文');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=HYPERLINK("http://evil.example","x")')).toBe(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    for (const start of ['+', '-', '@', '\t', '\r']) expect(csvCell(`${start}cmd`).startsWith(`'${start}`) || csvCell(`${start}cmd`).startsWith(`"'${start}`)).toBe(true);
    expect(csvCell(null)).toBe('');
    expect(csvCell(4.99)).toBe('4.99');
  });
});

/** A planned item made up for the list tests: only what the lists read. */
function planned(n: number, overrides: Partial<EvidenceMetadata>, status: EvidenceStatus | 'deleted' = 'new') {
  const metadata = metadataOf(n, overrides);
  const item = { id: String(n).padStart(64, '0'), sequence: n, metadata, artifacts: [], createdAt: metadata.capturedAt } as unknown as EvidenceItem;
  const change = status === 'deleted' ? { type: 'deleted' as const, reason: 'wrong page' } : { type: 'status' as const, status };
  const events = status === 'new' ? [] : [{ itemId: item.id, sequence: 1000 + n, at: metadata.capturedAt, by: '', change } as EvidenceEvent];
  return planItem(item, events, []);
}

const aliexpress = (n: number) => ({ canonicalUrl: `https://www.aliexpress.com/item/${1005006000000000 + n}.html` });

describe('complaint lists', () => {
  it('split a catalogue entry’s listings into files of at most 300 URLs, one per line', () => {
    const items = Array.from({ length: 650 }, (_, index) => planned(index + 1, aliexpress(index + 1)));
    const lists = complaintLists(items);
    expect(lists.map((list) => [list.path, list.urls.length])).toEqual([
      ['complaints/aliexpress/springer-9783030436148-1.txt', urlsPerList],
      ['complaints/aliexpress/springer-9783030436148-2.txt', urlsPerList],
      ['complaints/aliexpress/springer-9783030436148-3.txt', 50],
    ]);
    expect(lists.flatMap((list) => list.urls)).toEqual(items.map((item) => item.item.metadata.canonicalUrl));
    expect(complaintListText(lists[2]!).split('\n')).toHaveLength(51);
  });

  it('group by marketplace and entry, list a URL once, and leave out what is deleted, dismissed or taken down', () => {
    const match = (catalogueId: string, entryId: string) => ({ ...metadataOf(1).match!, catalogueId, entryId });
    const taobao = { marketplace: 'taobao' as const, canonicalUrl: 'https://item.taobao.com/item.htm?id=700000000001' };
    const lists = complaintLists([
      planned(1, { ...aliexpress(1), match: match('springer', '978-3-030') }),
      planned(2, { ...aliexpress(1), match: match('springer', '978-3-030') }), // the same listing again
      planned(3, { ...aliexpress(3), match: null }),
      planned(4, { ...aliexpress(4), match: match('Springer', '978/3/030') }), // the same file name, but another entry
      planned(5, { ...taobao, match: match('中文书目', '书 1') }, 'reported'),
      planned(6, { ...aliexpress(6), match: null }, 'deleted'),
      planned(7, { ...aliexpress(7), match: null }, 'dismissed'),
      planned(8, { ...aliexpress(8), match: null }, 'taken-down'),
      planned(9, { ...aliexpress(9), match: null }, 'rejected'),
    ]);
    expect(lists).toEqual([
      { path: 'complaints/aliexpress/Springer-978-3-030-1.txt', urls: [aliexpress(4).canonicalUrl] },
      { path: 'complaints/aliexpress/springer-978-3-030~2-1.txt', urls: [aliexpress(1).canonicalUrl] },
      { path: 'complaints/aliexpress/unmatched-1.txt', urls: [aliexpress(3).canonicalUrl, aliexpress(9).canonicalUrl] },
      { path: 'complaints/taobao/中文书目-书-1-1.txt', urls: [taobao.canonicalUrl] },
    ]);
  });
});
