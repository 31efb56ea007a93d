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
}

/**
 * Named editions of Chinese books: the same title as another edition, a different book to sell.
 * One bit each, so an entry's can be kept in the index beside its other forms.
 */
export const namedEditions = ['纪念', '典藏', '珍藏', '增订', '增补', '青少', '注音', '经典版', '双语', '插图', '彩图', '彩色版', '绘本'] as const;

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

/** Cues in a listing's normalised text. */
export function formCues(normalised: string): FormCues {
  return { original: original.test(normalised), translation: translation.test(normalised), revised: /修订/.test(normalised), named: namedEditionBits(normalised) };
}
