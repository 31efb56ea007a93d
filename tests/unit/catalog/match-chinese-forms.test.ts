/**
 * Listings that name a catalogue book and sell another product: its English text, a book that goes
 * with it (exercise answers, a study guide), or another book of its series. Real Dangdang and JD
 * seller titles.
 */
import { describe, expect, it } from 'vitest';
import { buildMatchIndex, findMatches } from '@/utils/catalog/match';
import type { Contributor } from '@/utils/catalog/schema';
import { entry } from './entries';

const by = (names: string, role: Contributor['role'] = 'author'): Contributor[] => names.split(';').map((name) => ({ name, role }));
const index = buildMatchIndex(
  [
    entry('brooks-zh', '人月神话', { contributors: by('布鲁克斯'), publisher: '清华大学出版社', edition: '40周年中文纪念版' }),
    entry('prata-cpp', 'C++ Primer Plus', { contributors: [...by('[美] 史蒂芬·普拉达（Stephen Prata）'), ...by('张海龙;袁国忠', 'translator')], edition: '第6版' }),
    entry('prata-c', 'C Primer Plus', { contributors: [...by('[美] 史蒂芬·普拉达（Stephen Prata）'), ...by('姜佑', 'translator')], edition: '第6版' }),
    entry('mankiw-macro', '经济学原理（第7版）：宏观经济学分册', { contributors: [...by('N·格里高利·曼昆'), ...by('梁小民;梁砾', 'translator')], edition: '第7版' }),
    entry('matthes-2', 'Python编程：从入门到实践', { contributors: by('[美]埃里克·马瑟斯'), edition: '第2版' }),
    entry('gao-micro', '西方经济学（微观部分）', { contributors: by('高鸿业'), publisher: '中国人民大学出版社', edition: '第七版' }),
  ].map((e) => ({ catalogueId: 'zh', entry: e })),
);
const ids = (title: string, author?: string) => findMatches(index, { id: '1', title, author }).map((f) => f.entryId);

describe('another product of a catalogue book', () => {
  it('is not the Chinese edition when the listing sells the English text', () => {
    const blurb = '图灵奖得主、“IBM 360系统之父”作者Brooks颠覆了项目管理领域，长久不衰传奇经典！';
    expect(ids(`人月神话（英文影印版） ${blurb}`, '小弗雷德里克·P.布鲁克斯')).toEqual([]);
    expect(ids(`人月神话（40周年中文纪念版） ${blurb}`, '小弗雷德里克·P.布鲁克斯')).toEqual(['brooks-zh']);
  });

  it('is not the book itself when the listing sells its exercise answers or study guide', () => {
    expect(ids('C++ Primer Plus 第6版 中文版习题解答 经典畅销图书《C++ Primer Plus（第6版）中文版》的学习伴侣', '史蒂芬·普拉达')).toEqual([]);
    expect(ids('《经济学原理（第7版）：宏观经济学分册》学习手册', '付达院')).toEqual([]);
    expect(ids('C Primer Plus 第6版 中文版习题解答 人民邮电出版社')).not.toContain('prata-c');
    expect(ids('C Primer Plus（第6版）中文版习题解答')).not.toContain('prata-c');
    // A bundle of the book and its workbook sells the book too.
    expect(ids('C Primer Plus 第6版 中文版+习题解答（套装共2册）')).toContain('prata-c');
    // What sellers give with the book is not another book.
    expect(ids('Python编程从入门到实践 第2版 赠配套视频 零基础自学')).toEqual(['matthes-2']);
  });

  it('is not a series\' other book, which the note in brackets after the title names', () => {
    const series = '（21世纪经济学系列教材；普通高等教育“十一五”国家级规划教材）';
    expect(ids(`西方经济学（宏观部分·第七版）${series}`, '高鸿业')).toEqual([]);
    expect(ids(`西方经济学（微观部分·第七版）${series}`, '高鸿业')).toEqual(['gao-micro']);
    // A bracket of the same book's edition or binding names no other book.
    expect(ids('西方经济学（第七版）（微观部分） 中国人民大学出版社', '高鸿业')).toEqual(['gao-micro']);
  });
});

describe('another binding, text or set of the same title', () => {
  // Real JD and Dangdang records: two bindings of one 作家出版社 book, 金庸's old and revised texts
  // from one publisher, and a three-volume edition of a novel beside a two-volume one.
  const editions = buildMatchIndex(
    [
      entry('sophie-soft-hard', '苏菲的世界', { contributors: by('乔斯坦·贾德'), publisher: '作家出版社', edition: '软精装' }),
      entry('sophie-paper', '苏菲的世界', { contributors: by('乔斯坦·贾德'), publisher: '作家出版社', edition: '平装新版' }),
      entry('fox-revised', '雪山飞狐', { contributors: by('金庸'), publisher: '广州出版社', edition: '朗声新修版' }),
      entry('fox-old', '雪山飞狐', { contributors: by('金庸'), publisher: '广州出版社', edition: '朗声旧版' }),
      entry('glacier-three', '冰川天女传', { contributors: by('梁羽生'), publisher: '中山大学出版社', edition: '朗声名家插画版（全三册）' }),
      entry('c-fourth', 'C语言从入门到精通', { contributors: by('明日科技'), publisher: '清华大学出版社', edition: '第4版' }),
    ].map((e) => ({ catalogueId: 'zh', entry: e })),
  );
  const reported = (title: string, author: string) =>
    findMatches(editions, { id: '1', title, author })
      .filter((f) => f.confidence >= 0.6)
      .map((f) => f.entryId);

  it('is not a named edition of a title the catalogue holds in a numbered one', () => {
    const blurb = '28万册C语言作者全新力作，趣味编程技术书，上册核心技术+下册强化训练。199集微课视频+266个实例练习';
    expect(reported(`C语言从入门到精通（微视频精编版） ${blurb}`, '明日科技')).toEqual([]);
    expect(reported('C语言从入门到精通（第4版） 明日科技 清华大学出版社', '明日科技')).toEqual(['c-fourth']);
  });

  it('is not the edition bound otherwise', () => {
    expect(reported('苏菲的世界（软精装）：教育部推荐新课标课外阅读', '乔斯坦·贾德')).toEqual(['sophie-soft-hard']);
  });

  it('is not the other text of a novel revised by its author', () => {
    expect(reported('金庸作品集(13) 雪山飞狐（朗声旧版 全一册）（附鸳鸯刀、白马啸西风）', '金庸')).toEqual(['fox-old']);
  });

  it('is not a set of another number of volumes, however the seller counts them', () => {
    expect(reported('天山系列：梁羽生精品集：冰川天女传（套装全二册）', '梁羽生')).toEqual([]);
    expect(reported('冰川天女传（全三册）朗声名家插画版 梁羽生武侠小说', '梁羽生')).toEqual(['glacier-three']);
    // A listing that does not count its volumes says nothing against the set.
    expect(reported('冰川天女传 梁羽生 武侠小说 朗声', '梁羽生')).toEqual(['glacier-three']);
  });
});
