/**
 * opencc-js types its converters but not its dictionary files, and Colophon reads one of them
 * directly: the character table behind utils/catalog/text.ts's Traditional → Simplified folding.
 */
declare module 'opencc-js/dict/TSCharacters' {
  /** "亂 乱|來 来|…": a Traditional character, a space, its Simplified form; pairs joined by "|". */
  const pairs: string;
  export default pairs;
}
