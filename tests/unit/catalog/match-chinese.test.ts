/**
 * Chinese seller titles as sellers really write them (JD and Dangdang listings of ../shared/data),
 * against a catalogue of the Chinese editions they sell and of books whose titles share their
 * phrases. Each case is one kind of listing the matcher once got wrong.
 */
import { describe, expect, it } from 'vitest';
import { buildMatchIndex, entryLookup, findMatches, Match, matchListings } from '@/utils/catalog/match';
import { ListingLanguage } from '@/utils/catalog/match/listing-language';
import { titleTokens } from '@/utils/catalog/match/segments';
import type { CatalogueEntry, Contributor } from '@/utils/catalog/schema';
import { entry } from './entries';

const by = (names: string, role: Contributor['role'] = 'author'): Contributor[] => names.split(';').map((name) => ({ name, role }));
const books: CatalogueEntry[] = [
  entry('cuiqingcai-1', 'Python 3网络爬虫开发实战', { contributors: by('崔庆才'), publisher: '人民邮电出版社' }),
  entry('lawson-1', '用Python写网络爬虫', { contributors: [...by('[澳]理查德·劳森'), ...by('李斌', 'translator')] }),
  entry('lawson-2', '用Python写网络爬虫', { contributors: by('[德]凯瑟琳·雅姆尔;[澳]理查德·劳森'), edition: '第2版' }),
  entry('tangsong', 'Python网络爬虫从入门到实践', { contributors: by('唐松;陈智铨') }),
  entry('husongtao-1', 'Python网络爬虫实战', { contributors: by('胡松涛') }),
  entry('husongtao-2', 'Python网络爬虫实战', { contributors: by('胡松涛'), edition: '第2版' }),
  entry('luogang', '自己动手写网络爬虫', { contributors: by('罗刚;王振东') }),
  entry('luogang-revised', '自己动手写网络爬虫', { contributors: by('罗刚'), edition: '修订版' }),
  entry('hetland-3', 'Python基础教程', { contributors: [...by('[挪威]Magnus Lie Hetland'), ...by('袁国忠', 'translator')], edition: '第3版' }),
  entry('matthes', 'Python编程：从入门到实践', { contributors: [...by('[美]埃里克·马瑟斯'), ...by('袁国忠', 'translator')] }),
  entry('chun-3', 'Python核心编程', { contributors: by('[美]Wesley Chun'), edition: '第3版' }),
  entry('xie', 'Python爬虫开发 从入门到实战', { contributors: by('谢乾坤') }),
  entry('mitchell-2', 'Python网络爬虫权威指南', { contributors: by('[美]瑞安·米切尔'), edition: '第2版' }),
  entry('prata-cpp', 'C++ Primer Plus', { contributors: [...by('[美] 史蒂芬·普拉达（Stephen Prata）'), ...by('张海龙;袁国忠', 'translator')], edition: '第6版' }),
  entry('mingri-java-5', 'Java从入门到精通', { contributors: by('明日科技'), edition: '第5版' }),
  entry('mingri-java-6', 'Java从入门到精通', { contributors: by('明日科技'), edition: '第6版' }),
  entry('mingri-java-7', 'Java从入门到精通', { contributors: by('明日科技'), edition: '第7版' }),
  entry('huangyongxiang', '玩转Python网络爬虫', { contributors: by('黄永祥') }),
  entry('lingyi', 'Python 3爬虫、数据清洗与可视化实战', { contributors: by('零一;韩要宾') }),
  entry('likejun', 'Python爬虫实战基础', { contributors: by('李科均') }),
  entry('hesicong', '爬虫实战：从数据到产品', { contributors: by('贺思聪') }),
  entry('saga-1', 'Saga, Vol. 1', { contributors: by('Brian K. Vaughan') }),
  entry('gouying', 'Python网络编程从入门到精通', { contributors: by('苟英') }),
  entry('sweigart-2', 'Python编程快速上手：让繁琐工作自动化', { contributors: by('[美] 阿尔·斯维加特（Al Sweigart）'), edition: '第2版' }),
  entry('foundation', '银河帝国：基地', { contributors: [...by('[美]艾萨克·阿西莫夫'), ...by('叶李华', 'translator')] }),
  entry('moon', '月亮与六便士', { contributors: [...by('[英]毛姆'), ...by('徐淳刚', 'translator')] }),
  entry('words-2019', '考研英语词汇识记与应用大全', { contributors: by('朱伟;唐迟'), edition: '2019版' }),
  entry('words-2020', '考研英语词汇识记与应用大全', { contributors: by('朱伟;唐迟'), edition: '2020版' }),
  entry('hongloumeng-renwen', '红楼梦', { contributors: by('曹雪芹'), publisher: '人民文学出版社' }),
  entry('hongloumeng-zhonghua', '红楼梦', { contributors: by('曹雪芹;高鹗'), publisher: '中华书局' }),
  entry('sapiens', '人类简史：从动物到上帝', { contributors: by('[以色列]尤瓦尔·赫拉利'), publisher: '中信出版社' }),
  entry('sapiens-pictures', '人类简史（绘本版）：给孩子的世界历史超图解', { contributors: by('贝特朗·菲舒'), publisher: '中信出版社' }),
  entry('wujun-4', '浪潮之巅', { contributors: by('吴军'), edition: '第4版' }),
  entry('scratch-2', 'Scratch编程入门与算法进阶', { contributors: by('中国电子学会'), edition: '第2版' }),
  entry('colour-6', '色盲检查图', { contributors: by('俞自萍'), edition: '第6版' }),
  entry('king-exercises', 'C语言程序设计：现代方法（第2版·修订版）习题解答', { contributors: by('K.N.金') }),
  entry('gof-zh', '设计模式：可复用面向对象软件的基础', { contributors: [...by('埃里克·伽玛'), ...by('李英军', 'translator')], edition: '典藏版' }),
  entry('gof-en', '设计模式：可复用面向对象软件的基础', { contributors: by('埃里克·伽玛'), edition: '英文版·典藏版' }),
  entry('matthes-2', 'Python编程：从入门到实践', { contributors: [...by('[美]埃里克·马瑟斯'), ...by('袁国忠', 'translator')], edition: '第2版' }),
  entry('horstmann-11', 'Java核心技术 卷I 基础知识', { contributors: by('[美] 凯·S.霍斯特曼（Cay S.Horstmann）'), edition: '原书第11版' }),
  entry('horstmann-11-ii', 'Java核心技术 卷II 高级特性', { contributors: by('[美] 凯·S.霍斯特曼（Cay S.Horstmann）'), edition: '原书第11版' }),
  entry('cialdini-classic', '影响力', { contributors: by('[美]罗伯特·B.西奥迪尼'), edition: '经典版' }),
  entry('cialdini', '影响力', { contributors: by('[美]罗伯特·西奥迪尼') }),
  entry('schopenhauer', '作为意志和表象的世界', { contributors: [...by('[德] 叔本华'), ...by('石冲白', 'translator')], publisher: '商务印书馆' }),
  // Near misses: titles made of the phrases sellers put in every listing.
  entry('mingri-python', 'Python从入门到精通', { contributors: by('明日科技') }),
  entry('mingri-zero', '零基础学Python', { contributors: by('明日科技') }),
  entry('prata-zh', 'C Primer Plus', { contributors: [...by('[美] 史蒂芬·普拉达（Stephen Prata）'), ...by('姜佑', 'translator')], edition: '第6版' }),
  entry('prata-en', 'C Primer Plus', { contributors: by('史蒂芬·普拉达'), edition: '第6版' }),
];
const entries = books.map((e) => ({ catalogueId: 'zh', entry: e }));
const index = buildMatchIndex(entries);

function matched(title: string): Match[] {
  const [matches] = matchListings(index, [{ id: '1', title }], entryLookup(entries));
  for (const m of matches!) expect(Match.parse(m)).toEqual(m);
  return matches!;
}
const ids = (title: string) => matched(title).map((m) => m.entryId);
/** A listing whose item page shows an author field as well. */
const idsBy = (author: string, title: string) => matchListings(index, [{ id: '1', title, author }], entryLookup(entries))[0]!.map((m) => m.entryId);

describe('Chinese seller titles', () => {
  it('does not read marketing phrases as a title', () => {
    expect(ids('正版现货Python编程从入门到精通 计算机编程零基础入门书籍学习网络 pathon编程从入门到')).toEqual([]);
    expect(ids('人民邮电：青少年学Python 网络爬虫从入门到实践精通开发实战人工智能程序设计基础教程')).toEqual([]);
  });

  it('reports the short title that opens the listing when its edition confirms it, and no book it merely repeats', () => {
    const matches = matched('Python基础教程（第3版） Python3.5编程从入门到实践 Python入门佳作 机器学习 人工智能 数据处理 网络爬虫热门编程语言 累计销售20万册');
    expect(matches.map((m) => m.entryId)).toEqual(['hetland-3']);
    expect(matches[0]!.reasons).toContainEqual({ kind: 'edition', edition: 3 });
    expect(matches[0]!.reasons).toContainEqual({ kind: 'segment', text: 'Python基础教程', leading: true });
  });

  it('lets one book win the words of a listing that is no bundle, and says which lost', () => {
    expect(ids('Python编程从入门到实践 python核心编程基础教程数据分析快速上手入门学习手册网络')).toEqual(['matthes']);
    // Both are named by "自己动手写网络爬虫"; the listing's "修订版" decides, and the reason says which lost.
    const [revised, ...others] = matched('自己动手写网络爬虫(修订版) 罗刚');
    expect([revised!.entryId, ...others.map((m) => m.entryId)]).toEqual(['luogang-revised']);
    expect(revised!.reasons).toContainEqual({ kind: 'outranked', title: '自己动手写网络爬虫', sameWords: true });
    // Another edition named is another product: the first edition is not reported at all.
    expect(ids('用Python写网络爬虫 第2版 正版')).toEqual(['lawson-2']);
  });

  it('reports each book of a bundle', () => {
    expect(ids('Python Web开发实战+用Python写网络爬虫+Python编程 从入门到实践').sort()).toEqual(['lawson-1', 'matthes']);
    // The second title lost a word the marketplace filters ("爬虫"): still that book.
    expect(ids('Python编程从入门到实践+Python3网络开发实战 组套装').sort()).toEqual(['cuiqingcai-1', 'matthes']);
  });

  it('does not hold a bundle\'s author field against the books whose authors it leaves out', () => {
    expect(idsBy('太宰治;芥川龙之介', '人间失格+罗生门+月亮与六便士+1984（外国文学经典四册）')).toEqual(['moon']);
  });

  it('finds a title whose words the bundle says once, or which advertising rules forbid', () => {
    expect(ids('2册包邮实战Python网络爬虫+Python3网络开发实战书籍')).toEqual(['cuiqingcai-1']);
    // "爬虫" said once for both books, "权威" left out as sellers must.
    expect(ids('3册包邮实战Python网络爬虫+Python爬虫开发与项目实战+Python网络指南 第2版')).toEqual(['mitchell-2']);
    // Both words are ones sellers leave out, bundle or not; most of the title is left.
    expect(ids('人民邮电 Python网络指南 第2版 正版')).toEqual(['mitchell-2']);
    // Not so a word the listing neither says nor may leave out.
    expect(ids('人民邮电 Python网络爬虫 第2版 正版')).not.toContain('mitchell-2');
    // Nor one only the seller's keywords beside the run say ("学习网络" after "Python编程从入门到精通").
    expect(ids('正版Python王者归来+Python编程从入门到精通 计算机编程零基础书籍学习网络pathon')).not.toContain('gouying');
  });

  it('finds a title whose last word the seller left out or the marketplace cut short', () => {
    // "爬虫", which marketplaces filter, left out at the end of the name.
    expect(ids('包邮 Python网络爬虫实战 第2版+用Python写网络书籍 2本').sort()).toEqual(['husongtao-2', 'lawson-1']);
    expect(ids('3本 爬虫实战:从数据到产品+利用Python进行数据分析 原书第2版 玩转Python网络 P').sort()).toEqual(['hesicong', 'huangyongxiang']);
    // Too little is left to name a book, or the name runs on into other words.
    expect(ids('正版 Python网络 编程入门')).toEqual([]);
    expect(ids('玩转Python网络编程')).toEqual([]);
    // "Python基础" is not most of "Python爬虫实战基础", though the bundle says "实战".
    expect(ids('正版 Python基础教程书籍套装共2册:Python3网络开发实战+Python3数据清洗')).not.toContain('likejun');
    // JD cut the last title short; most of it is there.
    expect(ids('3册 笨办法学Python3 Python3 网络爬虫开发实战 Python 3 数据清洗与可视').sort()).toEqual(['cuiqingcai-1', 'lingyi']);
    expect(ids('3册 笨办法学Python3 Python3 网络爬虫开发实战 Python 3 数据清')).toEqual(['cuiqingcai-1']);
  });

  it('finds a bundle\'s title whose first word the seller left out', () => {
    // "Python", which the bundle says for both books, before "核心编程 第3版".
    expect(ids('Python编程入门到实践+核心编程 第3版 2本 Python编程书籍 网络')).toContain('chun-3');
    // "爬虫", which marketplaces filter, before "实战 从数据到产品".
    expect(ids('2本 数据产品经理修炼手册从零基础到大数据产品实践 梁旭鹏+实战 从数据到产品 贺思聪 从0到1')).toEqual(['hesicong']);
    // "Python编程", which the set's name says for its three books, before "快速上手第2版".
    expect(ids('Python编程三剑客：Python编程从入门到实践第2版+快速上手第2版+极客编程（套装共3册）')).toContain('sweigart-2');
    // Not a word the listing neither says nor may leave out.
    expect(ids('Java编程入门到实践+核心编程 第3版 2本')).not.toContain('chun-3');
    expect(ids('Excel编程三剑客 Excel编程从入门到实践+快速上手第2版+函数与公式 套装共3册')).not.toContain('sweigart-2');
    // Nor a title that, without its first word, still lacks another ("网络从入门到精通" is not "…网络编程从入门到精通").
    expect(ids('2本套 Python编程+网络爬虫入门书籍 Python程序设计书籍 网络从入门到精通 Pyth')).not.toContain('gouying');
  });

  it('reads a set sold by its name as its volumes', () => {
    const listed = (title: string) => idsBy('[美] 凯·S·霍斯特曼（Cay S Horstmann） 著', title);
    expect(listed('Java核心技术第11版套装共2册').sort()).toEqual(['horstmann-11', 'horstmann-11-ii']);
    // Not the volume the listing does not name.
    const second = listed('Java核心技术 卷2 第11版 套装共2册');
    expect(second).toContain('horstmann-11-ii');
    expect(second).not.toContain('horstmann-11');
  });

  it('takes a title its own edition follows for one of the bundle\'s books', () => {
    expect(ids('套装2本Python 3网络爬虫开发实战Python基础教程 第3版基于python3.6崔庆才Sc').sort()).toEqual(['cuiqingcai-1', 'hetland-3']);
  });

  it('reads where a name begins and ends as sellers write it', () => {
    // A bundle's titles written between spaces each name a book.
    expect(ids('3册 玩转Python网络爬虫 Python3网络爬虫开发实战 Python3数据清洗与可视化实').sort()).toEqual(['cuiqingcai-1', 'huangyongxiang', 'lingyi']);
    // The author's name glued to the title; a publisher and seller's words glued before it.
    expect(ids('Python 网络爬虫实战胡松涛清华大学出版社')).toEqual(['husongtao-1']);
    expect(ids('fx人邮官方正版 用Python写网络爬虫 python 编程入门教程书籍 数据抓取技术框架Sc')).toEqual(['lawson-1']);
    expect(ids('现货正版色盲检查图(第六版)赠送电子版俞自萍驾照体验征兵/考试色盲色弱测试 第六版')).toEqual(['colour-6']);
    // A series before a colon is not the name: the title after it is.
    expect(idsBy('[英]毛姆 著', '作家榜经典文库：月亮与六便士（新版！未删节插图珍藏版，荣获豆瓣阅读年度销量第1名、京东小说桂冠）')).toEqual(['moon']);
    // "上下两册" is one book in two volumes, not a bundle: its "第四版" is the book's.
    expect(ids('浪潮之巅 上下两册 第四版吴军 智能时代IT信息产业 大学之路见识态度 科技通史')).toEqual(['wujun-4']);
    // "全国青少年…考试" names no 青少年版.
    expect(ids('Scratch编程入门与算法进阶 第二2版 全国青少年软件编程等级考试图形化编程（Scratch一级')).toEqual(['scratch-2']);
    // "C语言程序设计" runs on into another title ("…上机实验与习题解答"): not that book's name.
    expect(ids('全新正版图书 C语言程序设计上机实验与习题解答 蔺德军 电子工业出版社  蔚蓝书店 正版图书保证质量')).toEqual([]);
  });

  it('tells one house\'s book from another\'s of the same title', () => {
    const [listing] = matchListings(index, [{ id: '1', title: '作为意志和表象的世界', author: '[德] 亚瑟·叔本华 著', publisher: '中国华侨出版社' }], entryLookup(entries));
    expect(listing).toEqual([]);
    const [own] = matchListings(index, [{ id: '1', title: '作为意志和表象的世界', author: '[德] 叔本华 著', publisher: '商务印书馆' }], entryLookup(entries));
    expect(own!.map((m) => m.entryId)).toEqual(['schopenhauer']);
    // A house named in the title speaks as the field does; the entry's own house agrees.
    expect(ids('【正版】Python 3网络爬虫开发实战 崔庆才 人民邮电出版社')).toEqual(['cuiqingcai-1']);
    expect(ids('Python 3网络爬虫开发实战 崔庆才 中国华侨出版社')).toEqual([]);
    // The house a short title's listing names confirms it ("红楼梦" alone is in a thousand listings).
    expect(ids('包邮送人物关系图】红楼梦原著(上下) 人民文学出版社 四大名著')).toEqual(['hongloumeng-renwen']);
    expect(ids('【包邮】红楼梦（上下）原著无删减 中华书局 完整版')).toEqual(['hongloumeng-zhonghua']);
  });

  it('does not take a listing silent on a named edition for it', () => {
    // Sellers of the picture-book edition say "绘本版".
    expect(ids('人类简史+未来简史+今日简史套装3册 从动物到上帝人类社会的命运 通俗历史读物畅销书')).not.toContain('sapiens-pictures');
    expect(ids('人类简史 绘本版 给孩子的世界历史超图解 中信出版社')).toContain('sapiens-pictures');
  });

  it('does not take a Chinese listing silent on its form for the English reprint', () => {
    expect(ids('设计模式可复用面向对象软件的基础典藏版华章图书计算机科学丛书')).toEqual(['gof-zh']);
  });

  it('finds titles split by spaces and version numbers, and misspelt', () => {
    expect(ids('现货 Python3 网络爬虫开发实战 Scrapy数据分析处理手册 数据抓取指南')).toEqual(['cuiqingcai-1']);
    expect(ids('PYTHON3网络爬虫开发实战 新华书店，正版保证，关注店铺成为会员可享店铺专属优惠，团购客户请咨询在线客服！')).toEqual(['cuiqingcai-1']);
    expect(ids('Python编程 从入门到实践 Python3.5编程入门图书 机器学习 数据处理 网络爬虫热门编程语言')).toEqual(['matthes']);
    expect(ids('Pythan爬虫开发 从入门到实战（微课版） 计算机网络 程序设计 Python 谢乾坤')).toEqual(['xie']);
  });

  it('tells a main title sold with another subtitle from the book', () => {
    const listed = (title: string) => idsBy('艾萨克·阿西莫夫', title);
    expect(listed('银河帝国：帝国三部曲（新版 套装共3册）')).toEqual([]);
    expect(listed('银河帝国：基地七部曲（科幻必读经典，阿西莫夫封神之作）')).toEqual(['foundation']);
  });

  it('tells a year\'s exam guide from the next year\'s', () => {
    expect(ids('现货【官方旗舰店】2020恋练有词考研英语词汇识记与应用大全 朱伟唐迟 一二通用单词汇书籍 新东方')).toEqual(['words-2020']);
    expect(ids('朱伟恋练有词 2019考研英语词汇识记与应用大全（附赠考研英语高分锦囊）')).toEqual(['words-2019']);
  });

  it('tells editions apart by the cue the listing gives', () => {
    expect(ids('Python网络爬虫实战（第2版） 基于Python 3.6.4，快速掌握网络爬虫技术 胡松涛')).toEqual(['husongtao-2']);
    expect(ids('用Python写网络爬虫(第2版) 新华书店，正版保证')).toEqual(['lawson-2']);
    expect(ids('自己动手写网络爬虫 修订版 罗刚 网络爬虫开发 深入理解搜索引擎 java语言 程序代码设计 计算机')).toEqual(['luogang-revised']);
    // No edition said: the first edition, which sellers of a second would have named.
    expect(ids('Python 网络爬虫实战 胡松涛 清华大学出版社')).toEqual(['husongtao-1']);
    // A named edition the entry is; a printing's name beside the number the listing confirms.
    expect(ids('影响力(经典版) 新版 罗伯特 西奥迪尼 市场营销书籍 管理学 企业经营 畅销书籍')).toEqual(['cialdini-classic']);
    expect(ids('Python编程从入门到实践第二版百万册纪念版python编程从入门到实战零基础自学教程')).toEqual(['matthes-2']);
    // "卷I" as sellers write it.
    expect(ids('Java核心技术卷1基础知识原书第11版')).toEqual(['horstmann-11']);
    // The number written twice, as sellers do.
    expect(ids('【正版全新】Java从入门到精通(第6六版) java语言程序设计电脑编程基础计算机软件开发教程JAVA编程入门零基础自')).toEqual(['mingri-java-6']);
    // In a bundle, a "第3版" belongs to the title right before it, not to the first book.
    expect(ids('套装2本Python 3网络爬虫开发实战Python基础教程 第3版基于python3.6崔庆才Sc')).toContain('cuiqingcai-1');
  });

  it('reads Latin words a shop or scraper glued together', () => {
    expect(ids('C++PrimerPlus(第6版)中文版')).toEqual(['prata-cpp']);
    expect(ids('包邮C++PrimerPlus第6版中文版c++语言从入门到精通零基础自学c++编程入门')).toEqual(['prata-cpp']);
  });

  it('keeps the volume numbers of a Latin title sold in a Chinese listing', () => {
    expect(ids('现货Saga Vol 4 Vaughan Hardcover科学出版社Hardcover')).toEqual([]);
    expect(ids('现货Saga Vol 1 Vaughan Hardcover科学出版社Hardcover')).toEqual(['saga-1']);
  });

  it('tells C++ from C', () => {
    expect(ids('C++ Primer Plus第6版中文版 c++语言从入门到精通经典教材基础自学c语言编程入门教程书籍计算机程序设计c')).toEqual(['prata-cpp']);
    expect(ids('C Primer Plus 第6版 中文版 [美]史蒂芬·普拉达(Stephen Prata) 人民邮电出版社')).not.toContain('prata-cpp');
  });

  it('reads "中文版" and "英文原版" as which form of the book is sold', () => {
    const [top] = matched('C Primer Plus 第6版 中文版 [美]史蒂芬·普拉达(Stephen Prata) 人民邮电出版社【正版书】');
    expect(top!.entryId).toBe('prata-zh');
    expect(ids('C Primer Plus 第6版 中文版 [美]史蒂芬·普拉达(Stephen Prata) 人民邮电出版社')).not.toContain('prata-en');
    // A Chinese translation catalogued under its English title is not the English edition a listing says it sells.
    expect(ids('C++PrimerPlus（第6版）英文版（上下册）(异步图书出品)')).toEqual([]);
  });
});

describe('listing language', () => {
  it('weighs a title by what it says beyond the phrases sellers repeat, and learns from the listings it is shown', () => {
    const language = new ListingLanguage();
    // A title made of marketing phrases says less than a title sellers do not write anyway.
    expect(language.information(titleTokens('Python从入门到精通'))).toBeLessThan(language.information(titleTokens('流畅的Python')));
    const before = language.information(titleTokens('虫术Python绝技'));
    language.observe(Array.from({ length: 2000 }, () => titleTokens('正版 虫术Python绝技 Python网络爬虫开发实战教程书籍')));
    expect(language.information(titleTokens('虫术Python绝技'))).toBeLessThan(before);
    const restored = new ListingLanguage();
    restored.restore(language.observed());
    expect(restored.information(titleTokens('虫术Python绝技'))).toBe(language.information(titleTokens('虫术Python绝技')));
  });

  it('weighs a title found again by the counts as they are now, not as they were when it was first found', () => {
    const language = new ListingLanguage();
    const listing = { id: '1', title: '玩转Python网络爬虫 正版书籍 数据分析' };
    const confidence = () => findMatches(index, listing, language).find((f) => f.entryId === 'huangyongxiang')?.confidence ?? 0;
    const before = confidence();
    expect(before).toBeGreaterThan(0);
    language.observe(Array.from({ length: 5000 }, () => titleTokens('正版 玩转Python网络爬虫 编程入门')));
    expect(confidence()).toBeLessThan(before);
  });
});
