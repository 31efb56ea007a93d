import { describe, expect, it } from 'vitest';
import { foldDiacritics, normaliseText, tokenise } from '@/utils/catalog/text';
import { sharedColumn, sharedTitles } from '../../support/catalog/shared-data';

const hanOnly = (text: string) => text.replace(/[^\p{sc=Han}]/gu, '');

describe('normaliseText', () => {
  it.each([
    ['full-width letters, digits and spaces', 'ＦＵＮＤＡＭＥＮＴＡＬＳ　ｏｆ　Ｐｏｗｅｒ　Ｅｌｅｃｔｒｏｎｉｃｓ　第１０版', 'fundamentals of power electronics 第10版'],
    ['half-width katakana', 'ﾊﾟｲｿﾝ入門', 'パイソン入门'],
    ['circled and superscript digits', 'Python③ x²', 'python3 x2'],
    ['case', 'Fundamentals OF Power ELECTRONICS', 'fundamentals of power electronics'],
    ['capitals with accents', 'ÉCOLE ÉTÉ', 'école été'],
    ['Cyrillic', 'ВОЙНА И МИР', 'война и мир'],
    ['Greek, with its final sigma', 'ΟΔΥΣΣΕΙΑ ΤΟΥ ΟΜΗΡΟΣ', 'οδυσσεια του ομηρος'],
    ['Traditional Chinese', '朱熹的歷史世界', '朱熹的历史世界'],
    ['Traditional Chinese', '電力電子學', '电力电子学'],
    ['a Traditional Douban title', '朱熹的歷史世界（上篇） ', '朱熹的历史世界 上篇'],
    ['Traditional with Taiwan forms', '資料結構與演算法：為什麼這樣寫', '资料结构与演算法 为什么这样写'],
    ['a keyword-stuffed Taobao title', '【官方正版】利用Python进行数据分析原书第2版 python基础入门', '官方正版 利用python进行数据分析原书第2版 python基础入门'],
    [
      'English inside Chinese stuffing, with an ISBN',
      '現貨 英文原版 Fundamentals of Power Electronics, 2nd ed. (Erickson) 9780792372707【包郵】',
      '现货 英文原版 fundamentals of power electronics 2nd ed erickson 9780792372707 包邮',
    ],
    ['CJK punctuation', '《三体》「全集」（刘慈欣），。：；！？、·—…“科幻”‘经典’', '三体 全集 刘慈欣 科幻 经典'],
    ['ASCII punctuation and symbols', 'R & D: a "Primer" -- 5/e [2023] $99.00 + 50% off!', 'r d a primer 5 e 2023 99 00 50 off'],
    ['programming languages named with symbols into words', 'C++ Primer Plus / c + + / C# 入门经典 / F#, but not ABC++', 'cpp primer plus cpp csharp 入门经典 fsharp but not abc'],
    ['apostrophes inside words, straight or curly', "Harry Potter and the Philosopher's Stone / Philosopher’s", 'harry potter and the philosophers stone philosophers'],
    ['invisible characters slipped inside words', 'Fund\u200bamen\u00adtals of\u2060 Po\u200dwer\ufeff', 'fundamentals of power'],
    ['whitespace of every kind', ' \t Power\u00a0\u00a0 Electronics \n\r ', 'power electronics'],
    ['nothing but punctuation', '【】《》——', ''],
  ])('folds %s', (_, text, expected) => {
    expect(normaliseText(text)).toBe(expected);
  });

  it('keeps diacritics (foldDiacritics is a separate, explicit step)', () => {
    expect(normaliseText('Les Misérables — Łódź, Straße')).toBe('les misérables łódź straße');
  });

  it('folds text of letters, digits and spaces alone as it folds any other', () => {
    expect(normaliseText('  Python   編程 入门  ')).toBe('python 编程 入门');
    expect(normaliseText('Python  編程, 入门')).toBe('python 编程 入门');
  });

  it('folds compatibility ideographs to the unified ones', () => {
    expect(normaliseText('\uf9b4\u8c48')).toBe(normaliseText('\u9818\u8c48')); // 領 (compatibility) 豈
  });

  it('changes no Chinese character of the Simplified listing titles (Dangdang, Taobao)', () => {
    const titles = [
      ...sharedColumn('listings-dangdang-bestsellers.csv', '书名'),
      ...sharedColumn('listings-taobao-python-books.csv', 'name'),
    ];
    expect(titles.length).toBeGreaterThan(1000);
    const changed = titles.filter((title) => hanOnly(normaliseText(title)) !== hanOnly(title.normalize('NFKC')));
    expect(changed).toEqual([]);
  });

  it('leaves no Traditional character in the Douban titles, many of which are Traditional', () => {
    const titles = sharedColumn('listings-douban-academic.csv', 'title');
    const traditional = titles.filter((title) => hanOnly(normaliseText(title)) !== hanOnly(title.normalize('NFKC')));
    expect(traditional.length).toBeGreaterThan(100);
    for (const title of traditional) expect(normaliseText(title)).not.toMatch(/[與國學義會冊歷論從變戰記後經書]/);
  });

  it('gives every shared title a stable key: letters, digits and single spaces, unchanged by a second pass', () => {
    const keyShape = /^(?:[\p{L}\p{M}\p{N}]+(?: [\p{L}\p{M}\p{N}]+)*)?$/u;
    const unstable: string[] = [];
    for (const title of sharedTitles()) {
      const key = normaliseText(title);
      if (!keyShape.test(key) || normaliseText(key) !== key) unstable.push(title);
    }
    expect(unstable).toEqual([]);
  });
});

describe('foldDiacritics', () => {
  it.each([
    ['les misérables', 'les miserables'],
    ['ça, où, naïve, über, señor, ångström', 'ca, ou, naive, uber, senor, angstrom'],
    ['łódź', 'lodz'],
    ['straße, æsop, œuvre, søren, þór, đakovo', 'strasse, aesop, oeuvre, soren, thor, dakovo'],
    ['ŞİŞLİ', 'SISLI'],
    ['ἀρχή', 'αρχη'],
    ['ёжик йогурт', 'ежик иогурт'],
  ])('folds %j to %j', (text, expected) => {
    expect(foldDiacritics(text)).toBe(expected);
  });

  it.each([
    ['Japanese voiced kana', 'がくしゅう'],
    ['Hindi vowel signs', 'हिन्दी'],
    ['Korean syllables', '한국어'],
    ['Chinese', '电力电子学'],
  ])('leaves %s whole', (_, text) => {
    expect(foldDiacritics(text)).toBe(text);
  });
});

describe('tokenise', () => {
  const tokens = (text: string) => tokenise(normaliseText(text));

  it('keeps Latin, Cyrillic and Greek words and digit runs as tokens', () => {
    expect(tokens('Fundamentals of Power Electronics, 2nd ed. 2001')).toEqual([
      'fundamentals', 'of', 'power', 'electronics', '2', 'nd', 'ed', '2001',
    ]);
    expect(tokens('Война и мир 1869')).toEqual(['война', 'и', 'мир', '1869']);
    expect(tokens('Οδύσσεια')).toEqual(['οδύσσεια']);
  });

  it('splits letters from digits that listings glue together', () => {
    expect(tokens('Python3网络爬虫')).toEqual(['python', '3', '网络', '络爬', '爬虫']);
    expect(tokens('ISBN9787302609179')).toEqual(['isbn', '9787302609179']);
    expect(tokens('第10版')).toEqual(['第', '10', '版']);
  });

  it('cuts each run of Chinese characters into overlapping bigrams', () => {
    expect(tokens('电力电子学')).toEqual(['电力', '力电', '电子', '子学']);
    expect(tokens('電力電子學')).toEqual(tokens('电力电子学'));
    expect(tokens('三体 全集')).toEqual(['三体', '全集']);
  });

  it('keeps a lone Chinese character as a unigram', () => {
    expect(tokens('《易》 经')).toEqual(['易', '经']);
  });

  it('treats kana like Chinese characters (Japanese has no spaces either)', () => {
    expect(tokens('パイソン入門')).toEqual(['パイ', 'イソ', 'ソン', 'ン入', '入门']);
  });

  it('counts characters outside the Basic Multilingual Plane as one', () => {
    expect(tokens('𠮷野家')).toEqual(['𠮷野', '野家']);
  });

  it('finds a catalogue title among the noise words of a keyword-stuffed listing', () => {
    const listing = new Set(tokens('【官方正版】利用Python进行数据分析 原书第2版 python基础入门 数据分析'));
    const title = tokens('利用Python進行數據分析');
    expect(title.every((token) => listing.has(token))).toBe(true);
  });

  it('gives nothing for an empty key and never a token with a space in it', () => {
    expect(tokenise('')).toEqual([]);
    const badTokens = sharedTitles()
      .flatMap((title) => tokenise(normaliseText(title)))
      .filter((token) => /\s|^$/.test(token));
    expect(badTokens).toEqual([]);
  });
});
