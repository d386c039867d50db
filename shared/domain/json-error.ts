// A JSON syntax error in plain words with its line and column ("line 3, column 14: unexpected `}`"),
// instead of the engine's "Unexpected token } in JSON at position 211". Pure; used by the CLI, the
// server and the page.

/** Line and column (1-based) of a character offset in `text`. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let col = 1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      col = 1;
    } else col++;
  }
  return { line, column: col };
}

/** Texts up to this size get a located error even when the engine's message has no position. */
const LOCATE_MAX_CHARS = 8 * 1024 * 1024;

/**
 * Where the first syntax error of `text` is, when the engine did not say (V8 in Node 20 words some errors
 * as `Unexpected token '}', "…" is not valid JSON`, without a position): the shortest prefix that fails
 * for a reason other than ending early. A prefix of valid JSON only ever "ends early", and a prefix that
 * holds the error fails however it continues, so a binary search finds it in O(log n) parses.
 */
export function locateJsonError(text: string): number | null {
  if (text.length > LOCATE_MAX_CHARS) return null;
  // A prefix "ends early" when the engine says so, or names a position at its very end.
  const failsInside = (k: number): boolean => {
    try {
      JSON.parse(text.slice(0, k));
      return false;
    } catch (e) {
      const m = e instanceof Error ? e.message : String(e);
      if (/Unexpected end of JSON input/i.test(m)) return false;
      const at = /at position (\d+)/.exec(m);
      return !at || Number(at[1]) < k;
    }
  };
  if (!failsInside(text.length)) return null;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (failsInside(mid)) hi = mid;
    else lo = mid + 1;
  }
  // The prefix of length `lo` fails: its last character is the one that makes the text invalid.
  return Math.max(0, lo - 1);
}

/** Describes why `text` is not JSON, e.g. `line 3, column 1: expected a quoted field name`. */
export function describeJsonError(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const reported = /at position (\d+)/.exec(message);
  if (/Unexpected end of JSON input/i.test(message) || (reported && Number(reported[1]) >= text.length)) {
    const { line, column } = lineColumn(text, text.length);
    return `line ${line}, column ${column}: the text ends before the JSON is complete`;
  }
  const position = reported ? Number(reported[1]) : locateJsonError(text);
  const reason = message
    .replace(/\s*\(line \d+ column \d+\)/, '')
    .replace(/,? ?in JSON at position \d+.*$/s, '')
    .replace(/, (?:\.\.\.)?".*" is not valid JSON$/s, '')
    .replace(/ at position \d+.*$/s, '')
    .replace(/^Unexpected non-whitespace character after JSON$/, 'more text after the end of the JSON')
    .replace(/^Expected double-quoted property name$/, 'expected a field name in double quotes')
    .replace(/^Unexpected token/, 'unexpected')
    .replace(/^Expected/, 'expected')
    .replace(/^Bad control character in string literal$/, 'a line break or tab inside a quoted text');
  if (position === null) return reason || 'not valid JSON';
  const { line, column } = lineColumn(text, position);
  return `line ${line}, column ${column}: ${reason}`;
}
