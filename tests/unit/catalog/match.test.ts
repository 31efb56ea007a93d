import { describe, expect, it } from 'vitest';
import { buildMatchIndex, entryLookup, Match, matchListings as matchWith, type ListingText } from '@/utils/catalog/match';
import type { CatalogueEntry } from '@/utils/catalog/schema';
import { entry, powerElectronics } from './entries';

const springer: CatalogueEntry[] = [
  { ...powerElectronics, otherTitles: [{ language: 'zh', title: '电力电子学基础' }] },
  entry('9780393929720', 'Statistics', { isbns: ['9780393929720'], contributors: [{ name: 'David Freedman', role: 'author' }], edition: '4th ed.' }),
  entry('9780596158064', 'Learning Python', { isbns: ['9780596158064'], contributors: [{ name: 'Lutz, Mark', role: 'author' }] }),
  entry('9783319610887', 'Computational Physics', { isbns: ['9783319610887'], contributors: [{ name: 'Philipp O.J. Scherer', role: 'author' }], edition: '3rd ed. 2017' }),
  entry('9783319004006', 'Computational Physics', { isbns: ['9783319004006'], contributors: [{ name: 'Philipp Scherer', role: 'author' }], edition: '2nd ed. 2013' }),
  entry('9783319243443', 'Linear Algebra', { isbns: ['9783319243443'], contributors: [{ name: 'Jörg Liesen', role: 'author' }] }),
  entry('9787302524892', '实战Python网络爬虫', { isbns: ['9787302524892'], contributors: [{ name: '黄永祥', role: 'author' }] }),
  entry('doab-1', 'Animal Metropolis: Histories of Human-Animal Relations in Urban Canada', { contributors: [{ name: 'Dean, Joanna', role: 'editor' }] }),
];
const entries = [...springer.map((e) => ({ catalogueId: 'springer', entry: e })), { catalogueId: 'client-b', entry: powerElectronics }];
const index = buildMatchIndex(entries);
const matchListings = (matchIndex: typeof index, listings: ListingText[]) => matchWith(matchIndex, listings, entryLookup(entries));

function match(title: string, fields: Partial<ListingText> = {}): Match[] {
  const [matches] = matchListings(index, [{ id: '1', title, ...fields }]);
  for (const m of matches!) expect(Match.parse(m)).toEqual(m);
  return matches!;
}
const springerOnly = (matches: Match[]) => matches.filter((m) => m.catalogueId === 'springer');

describe('matchListings', () => {
  it('matches an ISBN in the ISBN field, near-certainly', () => {
    const [top] = match('电力电子 英文原版 影印版', { isbn: '0306480484' });
    expect(top).toMatchObject({ entryId: '9780792372707', title: 'Fundamentals of Power Electronics', confidence: 0.99 });
    expect(top!.reasons).toEqual([{ kind: 'isbn', isbn: '9780306480485' }]);
  });

  it('finds an ISBN glued to other digits in the title', () => {
    const [top] = match('现货20239780306480485包邮 电力电子');
    expect(top?.reasons[0]).toEqual({ kind: 'isbn', isbn: '9780306480485' });
    expect(top?.confidence).toBeGreaterThanOrEqual(0.99);
  });

  it('finds an English title with its author in a keyword-stuffed Chinese listing', () => {
    const matches = springerOnly(match('现货 正版Fundamentals of Power Electronics英文原版 Erickson 第2版 电力电子学 大学教材'));
    expect(matches).toHaveLength(1);
    expect(matches[0]!.confidence).toBeGreaterThanOrEqual(0.85);
    expect(matches[0]!.reasons).toEqual([
      { kind: 'title', title: 'Fundamentals of Power Electronics', language: 'und' },
      { kind: 'author', name: 'Erickson' },
      { kind: 'edition', edition: 2 },
    ]);
  });

  it('reports a distinctive title alone at a middling confidence', () => {
    const [top] = match('【官方正版】FUNDAMENTALS OF POWER ELECTRONICS 影印版');
    expect(top!.confidence).toBeGreaterThanOrEqual(0.6);
    expect(top!.confidence).toBeLessThan(0.85);
  });

  it('finds a Chinese title, in Simplified or Traditional characters', () => {
    for (const title of ['正版 电力电子学基础 中文版 包邮', '電力電子學基礎 正版現貨']) {
      const [top] = springerOnly(match(title));
      expect(top?.entryId).toBe('9780792372707');
      expect(top?.reasons).toContainEqual({ kind: 'title', title: '电力电子学基础', language: 'zh' });
    }
  });

  it('finds a Chinese book by its title and Chinese author', () => {
    const [top] = match('实战Python网络爬虫 黄永祥 清华大学出版社 正版');
    expect(top).toMatchObject({ entryId: '9787302524892' });
    expect(top!.reasons).toContainEqual({ kind: 'author', name: '黄永祥' });
  });

  it('never flags a listing on a short generic title alone', () => {
    expect(match('Statistics 统计学 英文原版 影印')).toEqual([]);
    expect(match('python编程从入门到精通 python基础教程 Python网络爬虫 零基础 learning')).toEqual([]);
    expect(match('Linear Algebra 线性代数 英文版')).toEqual([]);
    expect(match('Computational Physics 计算物理 英文版')).toEqual([]);
  });

  it('flags a short title when the author is there too', () => {
    const [top] = match('Statistics Freedman 统计学 第4版 英文原版');
    expect(top).toMatchObject({ entryId: '9780393929720' });
    expect(top!.reasons.map((r) => r.kind)).toEqual(['title', 'author', 'edition']);
  });

  it('prefers the edition the listing names, and trusts another edition less', () => {
    expect(match('Computational Physics Scherer 第3版 英文原版')[0]?.entryId).toBe('9783319610887');
    expect(match('Computational Physics Scherer 2nd Edition')[0]?.entryId).toBe('9783319004006');
    const agreeing = springerOnly(match('Fundamentals of Power Electronics Erickson Second Edition'))[0]!;
    const disagreeing = springerOnly(match('Fundamentals of Power Electronics Erickson 第三版'))[0]!;
    expect(agreeing.reasons).toContainEqual({ kind: 'edition', edition: 2 });
    expect(disagreeing.reasons.map((r) => r.kind)).toEqual(['title', 'author']);
    expect(disagreeing.confidence).toBeLessThan(agreeing.confidence);
    expect(disagreeing.confidence).toBeGreaterThanOrEqual(0.6);
  });

  it('trusts a title less when the listing names another author', () => {
    const alone = springerOnly(match('Fundamentals of Power Electronics 英文原版'))[0]!;
    const other = springerOnly(match('Fundamentals of Power Electronics 英文原版', { author: 'John Smith' }))[0];
    expect(other?.confidence ?? 0).toBeLessThan(alone.confidence);
    expect(match('Linear Algebra 英文原版 Strang')).toEqual([]);
    expect(match('Linear Algebra 英文原版', { author: 'Gilbert Strang' })).toEqual([]);
    // The entry's author named in the title of a book by someone else: a book about them.
    expect(match('Learning Python with Lutz', { author: 'A. N. Other' })).toEqual([]);
  });

  it('finds a title without its subtitle, less surely than the whole title', () => {
    const cut = match('Animal Metropolis Dean 正版 英文原版')[0]!;
    const whole = match('Animal Metropolis: Histories of Human-Animal Relations in Urban Canada 正版')[0]!;
    expect(cut.reasons[0]).toEqual({ kind: 'title', title: 'Animal Metropolis', language: 'und' });
    expect(whole.confidence).toBeGreaterThan(cut.confidence - 0.15);
    expect(whole.entryId).toBe('doab-1');
  });

  it('answers from every catalogue that holds the book', () => {
    const matches = match('Fundamentals of Power Electronics Erickson');
    expect(matches.map((m) => m.catalogueId).sort()).toEqual(['client-b', 'springer']);
  });

  it('returns one list per listing, in order, best first', () => {
    const results = matchListings(index, [
      { id: 'a', title: '无关的商品 手机壳' },
      { id: 'b', title: 'Learning Python Lutz 5th Edition' },
    ]);
    expect(results).toHaveLength(2);
    expect(results[0]).toEqual([]);
    expect(results[1]![0]).toMatchObject({ listingId: 'b', entryId: '9780596158064' });
  });
});

describe('matchListings among look-alike entries', () => {
  // Filler books by Martin make "Martin" a common name in this catalogue; Krakauer is on one book.
  const filler = Array.from({ length: 600 }, (_, i) => entry(`filler-${i}`, `Collected Lectures on Topic ${i}`, { contributors: [{ name: `Anne Martin`, role: 'author' }] }));
  const books = [
    entry('missoula', 'Missoula: Rape and the Justice System in a College Town', { contributors: [{ name: 'Jon Krakauer', role: 'author' }] }),
    entry('action', 'Action: A History of Hands and Castles', { contributors: [{ name: 'Paul Martin', role: 'author' }] }),
    entry('herring', 'A Red Herring Without Mustard (Flavia de Luce, #3)', { contributors: [{ name: 'Alan Bradley', role: 'author' }] }),
    entry('herring-2', 'A Red Herring Without Mustard Volume 2', { contributors: [{ name: 'Someone Else', role: 'author' }] }),
    entry('pde-olver', 'Introduction to Partial Differential Equations', { contributors: [{ name: 'Peter J. Olver', role: 'author' }] }),
    entry('pde-borthwick', 'Introduction to Partial Differential Equations', { contributors: [{ name: 'David Borthwick', role: 'author' }] }),
  ];
  const all = [...filler, ...books].map((e) => ({ catalogueId: 'c', entry: e }));
  const lookAlikes = buildMatchIndex(all);
  const ids = (title: string, fields: Partial<ListingText> = {}) =>
    matchWith(lookAlikes, [{ id: '1', title, ...fields }], entryLookup(all))[0]!.map((m) => m.entryId);

  it('takes a one-word title cut before its subtitle only with a rare author', () => {
    expect(ids('外文书 missoula Jon Krakauer 原版进口 正版保证 英文版')).toEqual(['missoula']);
    expect(ids('Action 英文原版', { author: 'Terry Martin' })).toEqual([]);
    expect(ids('Missoula 英文原版')).toEqual([]);
  });

  it('lets an entry with words the listing lacks give way to one the listing shows whole', () => {
    expect(ids('正版书籍 新书 a red herring without mustard Bradley 国外经典教材')).toEqual(['herring']);
  });

  it('lets a same-titled entry give way when the listing names the other one’s author', () => {
    expect(ids('外文书【现货】Introduction to Partial Differential Equations David Borthwick 1st ed.教材')).toEqual(['pde-borthwick']);
    expect(ids('Introduction to Partial Differential Equations 英文原版').sort()).toEqual(['pde-borthwick', 'pde-olver']);
  });
});
