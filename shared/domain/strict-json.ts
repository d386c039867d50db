// JSON for documents a party hands us (case files): a leading UTF-8 byte-order mark is accepted (editors
// on Windows write one), and an object that names a key twice is refused with the key, its line and its
// JSON path. JSON.parse keeps the last of two equal keys silently, so a case could say one destination to
// a reader of the file and another to the engine. No maintained parser that reports duplicates is in the
// tree; this is a linear, non-recursive scan run after JSON.parse has accepted the text (so it only ever
// sees valid JSON), comparing keys after their escapes are decoded ("a" and "\u0061" are the same key).
import type { FieldError } from './issues';
import { jsonPath } from './issues';

export type StrictJsonResult = { ok: true; value: unknown } | { ok: false; errors: FieldError[] };

interface Frame {
  kind: 'object' | 'array';
  keys: Set<string>;
  expectKey: boolean;
  key: string | null;
  index: number;
}

function pathOf(stack: readonly Frame[]): (string | number)[] {
  const out: (string | number)[] = [];
  for (const f of stack) {
    if (f.kind === 'array') out.push(f.index);
    else if (f.key !== null) out.push(f.key);
  }
  return out;
}

/** The first key an object repeats: the key, its 1-based line and the JSON path of the repeated field. */
export function findDuplicateKey(text: string): { key: string; line: number; path: string } | null {
  const stack: Frame[] = [];
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) {
      line++;
      continue;
    }
    const top = stack[stack.length - 1];
    if (c === 0x22) {
      const start = i;
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) i++;
        else if (d === 0x22) break;
      }
      if (top && top.kind === 'object' && top.expectKey) {
        const key = JSON.parse(text.slice(start, i + 1)) as string;
        if (top.keys.has(key)) return { key, line, path: jsonPath([...pathOf(stack.slice(0, -1)), key]) };
        top.keys.add(key);
        top.key = key;
        top.expectKey = false;
      }
      continue;
    }
    if (c === 0x7b) stack.push({ kind: 'object', keys: new Set(), expectKey: true, key: null, index: 0 });
    else if (c === 0x5b) stack.push({ kind: 'array', keys: new Set(), expectKey: false, key: null, index: 0 });
    else if (c === 0x7d || c === 0x5d) stack.pop();
    else if (c === 0x2c && top) {
      if (top.kind === 'object') top.expectKey = true;
      else top.index++;
    }
  }
  return null;
}

/** JSON.parse with a leading BOM accepted and duplicate keys refused (errors name the JSON path and line). */
export function parseStrictJson(input: string): StrictJsonResult {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [{ path: '$', message: `not valid JSON: ${(e as Error).message}` }] };
  }
  const dup = findDuplicateKey(text);
  if (dup) return { ok: false, errors: [{ path: dup.path, message: `duplicate key ${JSON.stringify(dup.key)} on line ${dup.line}: a field may appear only once in an object` }] };
  return { ok: true, value };
}
