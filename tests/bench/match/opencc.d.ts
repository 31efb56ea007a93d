/** opencc-js's Simplified → Traditional character table, used to write Traditional-Chinese test listings. */
declare module 'opencc-js/dict/STCharacters' {
  const pairs: string;
  export default pairs;
}
