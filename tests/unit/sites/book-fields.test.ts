/** Book details (ISBN, author, publisher) from an item's parameter table, in the names sellers use. */
import { describe, expect, it } from 'vitest';
import { bookFields, type BookFields } from '@/utils/sites/book-fields';

const none: BookFields = { isbn: null, author: null, publisher: null };

describe('bookFields', () => {
  it('reads a Taobao/Tmall table', () => {
    const pairs = [
      ['品牌', '人民文学出版社'],
      ['ISBN编号', '9787020002207'],
      ['书名', '红楼梦'],
      ['作者', '曹雪芹'],
      ['出版社', '人民文学出版社'],
      ['出版时间', '1996-12'],
    ] as const;
    expect(bookFields(pairs)).toEqual({ isbn: '9787020002207', author: '曹雪芹', publisher: '人民文学出版社' });
  });

  it('reads an AliExpress table in English', () => {
    const pairs = [
      ['Brand Name', 'NoEnName_Null'],
      ['ISBN', '978-0-7352-1129-2'],
      ['Author', 'James Clear'],
      ['Publisher', 'Avery'],
      ['Language', 'English'],
    ] as const;
    expect(bookFields(pairs)).toEqual({ isbn: '9780735211292', author: 'James Clear', publisher: 'Avery' });
  });

  it.each<[string, string, keyof BookFields, string]>([
    ['ISBN编码', '9787020002207', 'isbn', '9787020002207'],
    ['ISBN号', '978-7-02-000220-7', 'isbn', '9787020002207'],
    ['书号', 'ISBN 978-7-02-000220-7', 'isbn', '9787020002207'],
    ['国际标准书号', '9787020002207', 'isbn', '9787020002207'],
    ['ISBN-13', '978-0-306-40615-7', 'isbn', '9780306406157'],
    ['ISBN 10', '0-306-40615-2', 'isbn', '0306406152'],
    ['isbn13', '9780306406157', 'isbn', '9780306406157'],
    ['著者', '村上春樹', 'author', '村上春樹'],
    ['作/译者', '曼昆 著；梁小民 译', 'author', '曼昆 著；梁小民 译'],
    ['作者/译者', '曼昆', 'author', '曼昆'],
    ['编著', '王珊', 'author', '王珊'],
    ['主编', '李明', 'author', '李明'],
    ['Author(s)', 'Thomas H. Cormen', 'author', 'Thomas H. Cormen'],
    ['Authors', 'Cormen, Leiserson', 'author', 'Cormen, Leiserson'],
    ['Autor', 'Gabriel García Márquez', 'author', 'Gabriel García Márquez'],
    ['Auteur', 'Victor Hugo', 'author', 'Victor Hugo'],
    ['Автор', 'Лев Толстой', 'author', 'Лев Толстой'],
    ['出版社名称', '清华大学出版社', 'publisher', '清华大学出版社'],
    ['出版单位', '中华书局', 'publisher', '中华书局'],
    ['Editora', 'Companhia das Letras', 'publisher', 'Companhia das Letras'],
    ['Editorial', 'Anagrama', 'publisher', 'Anagrama'],
    ['Éditeur', 'Gallimard', 'publisher', 'Gallimard'],
    ['Издательство', 'Эксмо', 'publisher', 'Эксмо'],
  ])('reads %j as %s', (name, value, field, expected) => {
    expect(bookFields([[name, value]])).toEqual({ ...none, [field]: expected });
  });

  it.each([['作者：'], ['作者:'], ['作者 :'], ['<b>作者</b>'], ['  作者&nbsp;'], ['AUTHOR']])('accepts the name %j', (name) => {
    expect(bookFields([[name, '曹雪芹']]).author).toBe('曹雪芹');
  });

  it('cleans the values: tags, entities and spaces', () => {
    const fields = bookFields([
      ['作者', ' <span>曹雪芹</span>&nbsp;著 '],
      ['出版社', 'Simon &amp; Schuster'],
    ]);
    expect(fields).toEqual({ isbn: null, author: '曹雪芹 著', publisher: 'Simon & Schuster' });
  });

  it('keeps the first pair for each field', () => {
    const fields = bookFields([
      ['ISBN', '9787020002207'],
      ['作者', '曹雪芹'],
      ['Author', 'Cao Xueqin'],
      ['ISBN编号', '9780306406157'],
      ['出版社', '人民文学出版社'],
      ['Publisher', "People's Literature"],
    ]);
    expect(fields).toEqual({ isbn: '9787020002207', author: '曹雪芹', publisher: '人民文学出版社' });
  });

  it('lets a later pair fill a field whose first value was empty or not an ISBN', () => {
    const fields = bookFields([
      ['作者', ''],
      ['ISBN', 'see description'],
      ['Author', 'Cao Xueqin'],
      ['ISBN编号', '9787020002207'],
    ]);
    expect(fields).toEqual({ isbn: '9787020002207', author: 'Cao Xueqin', publisher: null });
  });

  it('ignores unrelated and near-miss names', () => {
    const pairs = [
      ['品牌', 'Penguin'],
      ['书名', 'Atomic Habits'],
      ['Author Nationality', 'US'],
      ['作者地区', '中国大陆'],
      ['出版社地址', '北京'],
      ['Publisher Country', 'US'],
      ['ISBN/ISSN', '9787020002207'],
      ['页数', '300'],
      [null, '9787020002207'],
      [42, '曹雪芹'],
      ['', 'x'],
    ] as const;
    expect(bookFields(pairs)).toEqual(none);
  });

  it('reads an ISBN with a bad shape as null', () => {
    expect(bookFields([['ISBN', '12345']])).toEqual(none);
    expect(bookFields([['ISBN', 9787020002207]])).toEqual({ ...none, isbn: '9787020002207' });
  });

  it('reads from any iterable of pairs, such as a Map', () => {
    expect(bookFields(new Map([['作者', '鲁迅']]))).toEqual({ ...none, author: '鲁迅' });
    expect(bookFields([])).toEqual(none);
  });
});
