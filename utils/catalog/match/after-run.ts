/**
 * What a listing says right after a title's run: its edition, another subtitle, its author's name,
 * the volume of a set it names, or a book that goes with it. Each speaks for or against the book
 * the run found.
 */
import type { ChineseListing } from './chinese-title';
import { isCjkToken } from './tokens';

/** The listing states an edition right after the title's last token ("…开发实战Python基础教程 第3版"). */
export function editionFollows(listing: ChineseListing, last: number): boolean {
  const { read } = listing;
  const after = read.segmentKeys[read.segment[last]!]!.slice(read.ends[last]!).replace(/^[^\p{L}\p{N}]+/u, '');
  return /^(?:原书)?第[0-9一二三四五六七八九十]+版/.test(after);
}

/**
 * A colon and other words than the title's own follow the run's segment: the listing names another
 * subtitle ("银河帝国：帝国三部曲" for "银河帝国：基地"; not "银河帝国：基地七部曲").
 */
export function subtitleFollows(listing: ChineseListing, last: number, ownSubtitle: readonly number[]): boolean {
  const { read } = listing;
  const segment = read.segment[last]!;
  const next = listing.ids[last + 1];
  return read.segment[last + 1] === segment + 1 && read.colonAfter[segment]! && isCjkToken(read.tokens[last + 1]!) && !ownSubtitle.includes(next!);
}

/** What a bracket after a title may say of the same book: its edition, volumes, binding, printing or the seller's words. */
const sameBookNote = /^(?:第|原书|修订|影印|英文|中文|全|共|套装|精装|平装|简装|软精装|珍藏|典藏|纪念|彩|插图|附|赠|上下|[上中下][册卷]|[0-9一二两三四五六七八九十]+\s*[册卷本版]|新版|最新|正版|现货|包邮|当当|京东)/;

/**
 * A bracket after the run says another note than the entry's own ("西方经济学（宏观部分·第七版）" for
 * "西方经济学（微观部分）", found without its note): another book of the series.
 */
export function noteFollows(listing: ChineseListing, last: number, ownNote: readonly number[]): boolean {
  const { read, ids } = listing;
  const segment = read.segment[last]!;
  if (read.segment[last + 1] !== segment + 1 || !read.bracketAfter[segment] || sameBookNote.test(read.segmentKeys[segment + 1]!)) return false;
  // Notes that share words are still others ("宏观部分", "微观部分"): the note must open as the entry's does.
  return isCjkToken(read.tokens[last + 1]!) && ids[last + 1] !== ownNote[0];
}

/** Whether a name's tokens start right after a title's last token (or one bigram on: the one across title and name). */
export function nameFollows(listing: ChineseListing, last: number, name: readonly number[]): boolean {
  return name.length > 0 && (listing.ids[last + 1] === name[0] || listing.ids[last + 2] === name[0]);
}

/** The volume number the listing writes right after a set's name ("Java核心技术 卷2": "2"), or null. */
export function volumeAfter(listing: ChineseListing, last: number): string | null {
  const tokens = listing.read.tokens;
  const named = /卷$/.test(tokens[last + 1] ?? '') ? tokens[last + 2] : tokens[last + 1];
  return named !== undefined && /^\d+$/.test(named) ? named : null;
}

/**
 * Books that go with a title and are not it: its exercise answers, its study guide, a workbook
 * ("C++ Primer Plus 第6版 中文版习题解答", "《经济学原理（第7版）》学习手册"). Not "配套": sellers write
 * "赠配套视频" after the book itself.
 */
const companionBook = /^(?:习题|学习手册|学习指导|学习辅导|辅导书|练习册|同步练习|课后答案|题解)/;
/** Edition, form and volume words between a title and what follows it. */
const cues = /^(?:\s|原书|第\s*[0-9一二三四五六七八九十]+\s*版|[0-9]+版|中文版|英文版|修订版|[上下]册|上下册)+/;

/**
 * The companion book a listing sells right after a title (at token `last`), past its edition and
 * form words and into the next segment ("《…》学习手册"), or null. `ownTitle`, the entry's title
 * text, may hold the word itself ("线性代数辅导讲义" is a book of its own).
 */
export function companionFollows(listing: ChineseListing, last: number, ownTitle: string): string | null {
  const { read } = listing;
  const segment = read.segment[last]!;
  let after = read.segmentKeys[segment]!.slice(read.ends[last]!).replace(cues, '');
  // On past segments of edition words alone ("C Primer Plus（第6版）中文版习题解答"); not in a
  // bundle, whose next segment is another of its books ("…中文版+习题解答 套装2册" sells both).
  for (let next = segment + 1; after === '' && !read.bundle && next < read.segmentKeys.length && next <= segment + 2; next++) {
    after = read.segmentKeys[next]!.replace(cues, '');
  }
  const word = companionBook.exec(after)?.[0];
  return word && !ownTitle.includes(word) ? word : null;
}
