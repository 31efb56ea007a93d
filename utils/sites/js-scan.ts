/**
 * Skipping over page script text without reading it: where a bracket closes, a string ends, a
 * comment ends. Used to find a literal's extent before parsing it, and by the literal parser to
 * step over expressions it does not evaluate (js-literal.ts).
 */

/** Index just past the bracket that closes the one at `open`, skipping strings; -1 if unclosed before `limit`. */
export function balancedEnd(source: string, open: number, limit = source.length): number {
  let depth = 0;
  const stop = Math.min(limit, source.length);
  for (let i = open; i < stop; i++) {
    const c = source[i];
    if (c === '"' || c === "'" || c === '`') {
      i = stringEnd(source, i, stop) - 1;
      if (i < 0) return -1;
    } else if (c === '/' && (source[i + 1] === '/' || source[i + 1] === '*')) {
      i = commentEnd(source, i) - 1;
      if (i < 0) return -1;
    } else if (c === '{' || c === '[' || c === '(') depth++;
    else if (c === '}' || c === ']' || c === ')') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

/** Index just past the closing quote of the string that opens at `start`; 0 if unterminated before `limit`. */
export function stringEnd(source: string, start: number, limit = source.length): number {
  const quote = source[start];
  const stop = Math.min(limit, source.length);
  for (let i = start + 1; i < stop; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === quote) return i + 1;
    else if (c === '\n' && quote !== '`') return 0;
  }
  return 0;
}

/** Index just past the line or block comment that starts at `start`; 0 if unterminated. */
export function commentEnd(source: string, start: number): number {
  if (source[start + 1] === '/') {
    const end = source.indexOf('\n', start);
    return end < 0 ? source.length : end;
  }
  const end = source.indexOf('*/', start + 2);
  return end < 0 ? 0 : end + 2;
}
