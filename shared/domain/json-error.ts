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

/** Describes why `text` is not JSON, e.g. `line 3, column 1: expected a quoted field name`. */
export function describeJsonError(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const pos = /at position (\d+)/.exec(message);
  if (/Unexpected end of JSON input/i.test(message) || (pos && Number(pos[1]) >= text.length)) {
    const { line, column } = lineColumn(text, text.length);
    return `line ${line}, column ${column}: the text ends before the JSON is complete`;
  }
  const reason = message
    .replace(/\s*\(line \d+ column \d+\)/, '')
    .replace(/,? ?in JSON at position \d+.*$/s, '')
    .replace(/, ".*" is not valid JSON$/s, '')
    .replace(/^Expected double-quoted property name$/, 'expected a field name in double quotes')
    .replace(/^Unexpected token/, 'unexpected')
    .replace(/^Expected/, 'expected')
    .replace(/^Bad control character in string literal$/, 'a line break or tab inside a quoted text');
  if (!pos) return reason || 'not valid JSON';
  const { line, column } = lineColumn(text, Number(pos[1]));
  return `line ${line}, column ${column}: ${reason}`;
}
