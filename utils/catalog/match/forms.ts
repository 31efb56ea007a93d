/**
 * Words that say which form of a book a listing sells: the original-language edition ("英文原版",
 * "影印版", "原版进口") or a Chinese translation ("中文版", "中译本"). A listing of the English original
 * is not a listing of its Chinese translation, though both share the Chinese title sellers add.
 */
export interface FormCues {
  original: boolean;
  translation: boolean;
  /** "修订版": a revised edition. */
  revised: boolean;
  /** Named editions the listing says (bits of `namedEditionBits`): "纪念版", "典藏版", "注音版"… */
  named: number;
  /** The binding it says (bindingOf), the text's revision (revisionOf), how many volumes (volumesOf); 0 for none. */
  binding: number;
  revision: number;
  volumes: number;
}

/**
 * Named editions of Chinese books: the same title as another edition, a different book to sell.
 * One bit each, so an entry's can be kept in the index beside its other forms.
 */
export const namedEditions = ['纪念', '典藏', '珍藏', '增订', '增补', '青少', '注音', '经典版', '双语', '插图', '彩图', '彩色版', '绘本', '精编'] as const;

/** Each named edition as sellers and catalogues write it: the word, then "版" within a few characters ("青少年版", "百万册纪念版"). */
const namedEditionPatterns = namedEditions.map((word) => new RegExp(word.endsWith('版') ? word : `${word}[^ ]{0,2}版`));

/** The named editions a text says, as bits (the first is bit 0). "全国青少年编程考试" names none. */
export function namedEditionBits(normalised: string): number {
  if (!normalised.includes('版')) return 0;
  let bits = 0;
  namedEditionPatterns.forEach((pattern, k) => {
    if (pattern.test(normalised)) bits |= 1 << k;
  });
  return bits;
}

const original = /影印|英文原版|原版英文|英文版|原版进口|进口原版|外文原版|english edition/;

/** Whether a normalised text (a listing's, or a catalogue's edition) says the original-language edition. */
export const saysOriginal = (normalised: string) => original.test(normalised);
const translation = /中文版|中译本|简体中文版/;

/** Cues in a listing's normalised text; its volumes from `whole`, the whole title normalised, where that is more. */
export function formCues(normalised: string, whole = normalised): FormCues {
  return {
    original: original.test(normalised),
    translation: translation.test(normalised),
    revised: /修订/.test(normalised),
    named: namedEditionBits(normalised),
    binding: bindingOf(normalised),
    revision: revisionOf(normalised),
    volumes: volumesOf(whole),
  };
}

/**
 * Kinds of an edition that exclude one another, each a small number (0: the text names none). A
 * hardcover is not the paperback of the same title ("苏菲的世界（软精装）" is not "…平装新版"), and
 * the revised text of a novel (金庸's "新修版") is not its old one ("旧版"): the same title, another
 * product to sell. The longer word is tried first ("软精装" before "精装").
 */
const bindingWords = [['软精装', 3], ['精装', 1], ['平装', 2], ['线装', 4]] as const;
const revisionWords = [['新修', 1], ['旧版', 2]] as const;

function firstOf(normalised: string, words: readonly (readonly [string, number])[]): number {
  for (const [word, kind] of words) if (normalised.includes(word)) return kind;
  return 0;
}

export const bindingOf = (normalised: string): number => firstOf(normalised, bindingWords);
export const revisionOf = (normalised: string): number => firstOf(normalised, revisionWords);

const chineseDigits = '零一二三四五六七八九';

/** "3", "三", "十二", "二十" as a number; null for anything else. */
function countOf(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  const ten = text.indexOf('十');
  if (ten === -1) return text.length === 1 && chineseDigits.includes(text) ? chineseDigits.indexOf(text) : null;
  const tens = ten === 0 ? 1 : chineseDigits.indexOf(text[0]!);
  const ones = ten === text.length - 1 ? 0 : chineseDigits.indexOf(text[ten + 1]!);
  return tens > 0 && ones >= 0 && text.length <= 3 ? tens * 10 + ones : null;
}

/** The most volumes a count is kept up to (it is stored in 7 bits). */
const maxVolumes = 127;

/**
 * How many volumes the text says the product is: "全三册", "套装共2册", "全套7册", "（上下册）",
 * "上中下"; 0 when it says none. A set of two is not the three-volume edition of the same title.
 */
export function volumesOf(normalised: string): number {
  if (!normalised.includes('册') && !normalised.includes('上下') && !normalised.includes('上中下')) return 0;
  const counted = /(?:全套?|共|套装|套)([\d零一二三四五六七八九十]{1,3})(?:本|册|卷)|([\d零一二三四五六七八九十]{1,3})册(?:套|装)?/.exec(normalised);
  const count = counted ? countOf(counted[1] ?? counted[2]!) : null;
  if (count !== null && count > 0) return Math.min(count, maxVolumes);
  if (/上中下/.test(normalised)) return 3;
  if (/上下(?:册|卷|两册|全集)/.test(normalised)) return 2;
  return 0;
}

/** Whether a listing names a binding, revision or count of volumes other than the entry's (both must name one). */
export function otherKindOfEdition(listing: FormCues, entry: { binding: number; revision: number; volumes: number }): boolean {
  const differ = (a: number, b: number) => a !== 0 && b !== 0 && a !== b;
  return differ(listing.binding, entry.binding) || differ(listing.revision, entry.revision) || differ(listing.volumes, entry.volumes);
}
