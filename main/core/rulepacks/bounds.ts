// Bounds checked on a pack's raw text before JSON.parse, so a hostile file cannot exhaust the stack or
// the memory of the parser (or of the schema, canonical JSON and signature code that walk the result):
// a 2,000-deep unsigned file used to end in "internal error". The scan is linear and never recurses.
export const MAX_PACK_BYTES = 4 * 1024 * 1024;
export const MAX_PACK_DEPTH = 64;

/** The first bound the text exceeds, as a message; null when it is within both. */
export function packTextOutOfBounds(text: string, limits: { bytes?: number; depth?: number } = {}): string | null {
  const maxBytes = limits.bytes ?? MAX_PACK_BYTES;
  const maxDepth = limits.depth ?? MAX_PACK_DEPTH;
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > maxBytes) return `the file has ${bytes} bytes; a rule pack has at most ${maxBytes}`;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > maxDepth) return `objects and arrays are nested more than ${maxDepth} deep (at character ${i}); a rule pack is not`;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return null;
}
