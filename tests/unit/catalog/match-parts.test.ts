import { describe, expect, it } from 'vitest';
import { tokenise } from '@/utils/catalog/text';
import { nameKey } from '@/utils/catalog/match/authors';
import { editionNumber, editionsInText } from '@/utils/catalog/match/edition';
import { Interner, internLatinTitle } from '@/utils/catalog/match/intern';
import { leftOut, spelt } from '@/utils/catalog/match/left-out';
import { isCjkToken, matchText, matchTokens } from '@/utils/catalog/match/tokens';
import { publisherInTitle, publisherKey, samePublisher } from '@/utils/catalog/match/publishers';
import { parseCsv, sharedDataRoot } from '../../support/catalog/shared-data';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

describe('editions', () => {
  it.each([
    ['原书第10版', [10]],
    ['第十版', [10]],
    ['第二十一版', [21]],
    ['10th ed.', [10]],
    ['10th Edition', [10]],
    ['Tenth Edition', [10]],
    ['Campbell Biology 10e', [10]],
    ['2023版 新书', []],
    ['影印版 英文原版', []],
    ['9787302524892 第2版', [2]],
    ['Java从入门到精通(第6六版)', [6]],
    ['Scratch编程入门与算法进阶 第二2版', [2]],
  ])('%s → %j', (text, expected) => {
    expect(editionsInText(matchText(text)).sort()).toEqual(expected);
  });

  it('gives editions in the order the text names them', () => {
    expect(editionsInText(matchText('色盲检查图第五版媲美第六6版 俞自萍 第5版'))).toEqual([5, 6]);
  });

  it.each([
    ['2nd ed. 2001', 2],
    ['3', 3],
    ['Third edition', 3],
    ['2003', null],
    ['Revised', null],
  ])('catalogue edition %s → %s', (text, expected) => {
    expect(editionNumber(matchText(text))).toBe(expected);
  });
});

describe('nameKey', () => {
  it.each([
    ['Robert W. Erickson', 'Erickson'],
    ['Erickson, Robert W.', 'Erickson'],
    ['Erickson R.W.', 'Erickson'],
    ['J.K. Rowling, Mary GrandPré', 'Rowling'],
    ['Benchimol, Jaime Larry (org.)', 'Benchimol'],
    ['Frank E. Harrell , Jr.', 'Harrell'],
    ['Jörg Liesen', 'Jörg Liesen'.split(' ')[1]],
    ['[美] 黄永祥 著', '黄永祥'],
    ['J. R.', null],
  ])('%s → %s', (name, expected) => {
    expect(nameKey(name)).toBe(expected);
  });
});

describe('matchTokens', () => {
  // Real titles and names, ASCII and not: the build's shortcuts must give exactly the shared normalisation's tokens.
  const rows = ['catalog-springer-free-textbooks-2020.csv', 'catalog-doab-2018.csv'].flatMap((file) =>
    parseCsv(readFileSync(join(sharedDataRoot, file), 'utf8')).slice(1, 3000),
  );
  const texts = rows.flatMap((row) => [row[0]!, row[1]!, row[3] ?? '']).filter((text) => text !== '');

  it('gives the same tokens as normaliseText → foldDiacritics → tokenise', () => {
    expect(texts.length).toBeGreaterThan(3000);
    for (const text of [...texts, "Philosopher's Stone", "rock 'n' roll", 'C++ Primer 5th', 'python3.8']) {
      expect(matchTokens(text), text).toEqual(tokenise(matchText(text)));
    }
  });

  it('is what the index build interns for a Latin-script title, or it declines', () => {
    const tokens = new Interner();
    const tricky = ["Les Misérables", 'Ærøskøbing – Straße²', "l’été d'Ōsaka", 'co\u00adoperation', "rock ’n’ roll", 'Ⅳ ʼOkina', "d'\u00adété", 'Œuvres complètes ¼'];
    let latin = 0;
    for (const text of [...texts, ...tricky]) {
      const out = { tokenIds: [] as number[], tokenStarts: [] as number[] };
      if (!internLatinTitle(text, tokens, out)) {
        expect(out.tokenIds, text).toEqual([]);
        continue;
      }
      if (/[^\x20-\x7e]/.test(text)) latin++;
      expect(out.tokenIds.map((id) => tokens.name(id)), text).toEqual(matchTokens(text));
      expect(out.tokenStarts.map((at) => matchTokens(text.slice(0, at)).length), text).toEqual(out.tokenIds.map((_, k) => k));
    }
    // The real catalogues' accented titles take the fast path (not only ASCII ones).
    expect(latin).toBeGreaterThan(100);
    expect(internLatinTitle('Ⅳ', tokens, { tokenIds: [], tokenStarts: [] })).toBe(false);
  });
});

describe('isCjkToken', () => {
  it('agrees with the script classes tokenise reads as bigrams, for every character', () => {
    const cjk = /^[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\u30fc]/u;
    const disagree: string[] = [];
    for (let c = 0; c <= 0x3ffff; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const character = String.fromCodePoint(c);
      if (isCjkToken(character) !== cjk.test(character)) disagree.push(c.toString(16));
    }
    expect(disagree).toEqual([]);
  });

  it('reads a token by its first character, and nothing for an empty one', () => {
    expect(['编程', 'ハリー', '𠮷野', '々'].map(isCjkToken)).toEqual([true, true, true, true]);
    expect(['python', '3', '한국', 'ㄅ', ''].map(isCjkToken)).toEqual([false, false, false, false, false]);
  });
});

describe('publishers', () => {
  it.each([
    ['人民邮电出版社', '人民邮电'],
    ['人民邮电出版社有限公司', '人民邮电'],
    ['人邮', '人民邮电'],
    ['商务印书馆', '商务印书馆'],
    ['中華書局', '中华书局'],
    ['Springer International Publishing', null],
    ['', null],
  ])('%s → %s', (name, key) => {
    expect(publisherKey(name)).toBe(key);
  });

  it('reads the one house a title names, and none from a list of houses', () => {
    expect(publisherInTitle(matchText('C Primer Plus 第6版 中文版 史蒂芬·普拉达 人民邮电出版社【正版书】'))).toBe('人民邮电');
    expect(publisherInTitle(matchText('新书 全新正版 Fabricate 2014 English 科学出版社 世界图书出版公司 清华大学出版社'))).toBeNull();
    expect(samePublisher('胡松涛清华大学', '清华大学')).toBe(true);
    expect(samePublisher('商务印书馆', '中国华侨')).toBe(false);
  });
});

describe('a Chinese title spelt from its bigrams', () => {
  it('adds each bigram\'s second character only, so words of any length can be looked for in it', () => {
    const title = matchTokens(matchText('Python学习手册'));
    expect(spelt(title)).toBe('python学习手册');
    expect(spelt(title).includes('学习手册')).toBe(true);
    expect(spelt(['网络', '络爬', '爬虫', '虫权', '权威', '威指', '指南'], 2, 5)).toBe('爬虫权威');
  });

  it('gives what a run leaves out without the characters it shares with the tokens around it', () => {
    const title = ['网络', '络爬', '爬虫', '虫权', '权威', '威指', '指南'];
    expect(leftOut(title, 1, 6)).toBe('爬虫权威');
    expect(leftOut(title, 2, 5)).toBe('虫权');
  });
});
