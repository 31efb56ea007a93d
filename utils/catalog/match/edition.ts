/**
 * Edition numbers, as listings and catalogues write them: "第10版", "第十版", "原书第2版",
 * "10th ed.", "10th Edition", "Tenth Edition", "10e"; and the catalogue's free string
 * ("2nd ed. 2001", "3"). A listing naming another edition than the entry's is weaker evidence:
 * often an older or newer edition of the same work, sometimes a different book with the same title.
 */

const chineseDigits: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 一 … 九十九 ("十" 10, "十二" 12, "二十" 20, "二十一" 21). */
function chineseNumber(text: string): number | null {
  if (text.length === 1) return text === '十' ? 10 : (chineseDigits[text] ?? null);
  const ten = text.indexOf('十');
  if (ten === -1 || text.length > 3) return null;
  const tens = ten === 0 ? 1 : chineseDigits[text.slice(0, ten)];
  const units = ten === text.length - 1 ? 0 : chineseDigits[text.slice(ten + 1)];
  return tens === undefined || units === undefined ? null : tens * 10 + units;
}

const ordinalWords = [
  'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth',
  'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth',
  'eighteenth', 'nineteenth', 'twentieth',
];

// Written against normalised text (lower case, NFKC, punctuation turned into spaces).
const patterns: Array<[RegExp, (match: RegExpExecArray) => number | null]> = [
  // 第10版, 原书第 2 版, 第十版; also 10版 but not 2023版 (a year: "2023版" is a printing, not an edition)
  [/第\s*(\d{1,2})\s*版/g, (m) => Number(m[1])],
  // 第6六版, 第二2版: the number written twice, as sellers do
  [/第\s*(\d{1,2})\s*[一二两三四五六七八九十]{1,3}\s*版/g, (m) => Number(m[1])],
  [/第\s*[一二两三四五六七八九十]{1,3}\s*(\d{1,2})\s*版/g, (m) => Number(m[1])],
  [/第\s*([一二两三四五六七八九十]{1,3})\s*版/g, (m) => chineseNumber(m[1]!)],
  [/(?<![\d.])(\d{1,2})\s*版/g, (m) => Number(m[1])],
  // 10th ed, 2nd edition, 3rd edn
  [/(?<![\d.])(\d{1,2})\s*(?:st|nd|rd|th)\s*(?:ed|edn|edition|eds)\b/g, (m) => Number(m[1])],
  // tenth edition
  [new RegExp(`\\b(${ordinalWords.join('|')})\\s+(?:ed|edn|edition)\\b`, 'g'), (m) => ordinalWords.indexOf(m[1]!) + 1],
  // 10e, 3e (textbook shorthand); "edition 3", "ed 3"
  [/(?<![\w.])(\d{1,2})e\b/g, (m) => Number(m[1])],
  [/\b(?:edition|ed)\s+(\d{1,2})\b(?!\s*\d)/g, (m) => Number(m[1])],
];

/** Every edition number a listing's normalised text names, in the order it names them (each once). */
export function editionsInText(normalised: string): number[] {
  const found: Array<[at: number, value: number]> = [];
  for (const [pattern, read] of patterns) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(normalised); m; m = pattern.exec(normalised)) {
      const value = read(m);
      if (value !== null && value >= 1 && value <= 99) found.push([m.index, value]);
    }
  }
  found.sort((a, b) => a[0] - b[0]);
  return [...new Set(found.map(([, value]) => value))];
}

/**
 * The edition number in a catalogue's edition string: "2nd ed. 2001" → 2, "3" → 3,
 * "Third edition" → 3, "第2版" → 2. A bare year ("2003", as Springer writes a first edition)
 * or words ("Revised") give null: unknown, never a disagreement.
 */
export function editionNumber(normalised: string): number | null {
  const bare = /^\s*(\d{1,2})\s*$/.exec(normalised);
  if (bare) return Number(bare[1]) || null;
  const found = editionsInText(normalised);
  return found.length > 0 ? Math.min(...found) : null;
}

/**
 * Books revised every year (exam guides: "考研英语词汇 2020版") are catalogued by their year, and
 * each year's is another product. Such an edition is kept as a number from `yearEditionBase` up
 * (2000 → 100, 2027 → 127), apart from numbered editions, which stop at 99.
 */
export const yearEditionBase = 100;
const firstYear = 2000;
const lastYear = 2027;

/** The year edition a catalogue's edition string or title names ("2020版", "2020年版"), as a code, or null. */
export function yearEdition(normalised: string): number | null {
  const m = /(?<!\d)(20\d\d)\s*年?\s*版/.exec(normalised);
  const year = m ? Number(m[1]) : 0;
  return year >= firstYear && year <= lastYear ? yearEditionBase + year - firstYear : null;
}

/** The years a listing names anywhere ("2020恋练有词", "2019考研"), as year-edition codes, in order. */
export function yearsInText(normalised: string): number[] {
  const years = new Set<number>();
  for (const m of normalised.matchAll(/(?<!\d)(20\d\d)(?!\d)/g)) {
    const year = Number(m[1]);
    if (year >= firstYear && year <= lastYear) years.add(yearEditionBase + year - firstYear);
  }
  return [...years];
}
