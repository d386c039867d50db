// Fonts for letters. No single font covers Latin, Greek, Cyrillic, CJK and Hangul, and pdfkit has no
// fallback, so text is split into runs per script and each run is set in a font that has its glyphs:
// Noto Sans (Latin, Greek, Cyrillic), Noto Sans SC (Han, kana, CJK punctuation), Noto Sans KR (Hangul).
// All are TTF (WOFF2 renders blank in pdfkit), read once per process, and embedded as subsets.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export type FontKey = 'latin' | 'latinBold' | 'cjk' | 'hangul';

export const FONT_FILES: Record<FontKey, string> = {
  latin: 'NotoSans_400Regular.ttf',
  latinBold: 'NotoSans_700Bold.ttf',
  cjk: 'NotoSansSC_400Regular.ttf',
  hangul: 'NotoSansKR_400Regular.ttf',
};

let fontDir: string | null = null;
const cache = new Map<FontKey, Buffer>();
/** Parsed fontkit fonts, reused across documents (see render.ts). */
export const PARSED_FONTS = new Map<FontKey, object>();

/**
 * pdfkit's per-font cache of shaped words (word → glyphs and positions), shared by every letter that uses
 * the same parsed font: shaping (fontkit's GSUB/GPOS lookups) was half the time of a letter, spent on the
 * same words each time. Safe to share: a run holds only the font's glyphs and scaled positions, which
 * pdfkit copies before changing; each document still keeps its own subset. Bounded: cleared when full.
 */
const LAYOUT_CACHES = new Map<FontKey, Record<string, unknown>>();
const LAYOUT_CACHE_MAX_WORDS = 50_000;

export function sharedLayoutCache(key: FontKey): Record<string, unknown> {
  let c = LAYOUT_CACHES.get(key);
  if (!c || Object.keys(c).length > LAYOUT_CACHE_MAX_WORDS) {
    c = Object.create(null) as Record<string, unknown>;
    LAYOUT_CACHES.set(key, c);
  }
  return c;
}

/** Where the packaged app keeps assets/fonts (the shell calls this with its resources path). */
export function setFontDirectory(dir: string): void {
  fontDir = dir;
  cache.clear();
  PARSED_FONTS.clear();
  LAYOUT_CACHES.clear();
}

function moduleDir(): string | null {
  if (typeof __dirname !== 'undefined') return __dirname;
  try {
    return dirname(fileURLToPath(import.meta.url));
  } catch {
    return null;
  }
}

export function fontDirectory(): string {
  if (fontDir) return fontDir;
  const candidates: string[] = [];
  if (process.env.TIERLINE_FONT_DIR) candidates.push(process.env.TIERLINE_FONT_DIR);
  let d = moduleDir();
  for (let i = 0; d && i < 6; i++) {
    candidates.push(join(d, 'assets', 'fonts'));
    d = dirname(d);
  }
  candidates.push(resolve(process.cwd(), 'assets', 'fonts'));
  const found = candidates.find((c) => existsSync(join(c, FONT_FILES.latin)));
  if (!found) throw new Error(`letter fonts not found (looked in ${candidates.join(', ')})`);
  fontDir = found;
  return found;
}

export function fontBytes(key: FontKey): Buffer {
  let b = cache.get(key);
  if (!b) {
    b = readFileSync(join(fontDirectory(), FONT_FILES[key]));
    cache.set(key, b);
  }
  return b;
}

export type Script = 'latin' | 'cjk' | 'hangul' | 'symbol';

export function scriptOf(cp: number): Script | null {
  if (
    (cp >= 0xac00 && cp <= 0xd7af) ||
    (cp >= 0x1100 && cp <= 0x11ff) ||
    (cp >= 0x3130 && cp <= 0x318f) ||
    (cp >= 0xa960 && cp <= 0xa97f) ||
    (cp >= 0xd7b0 && cp <= 0xd7ff)
  ) {
    return 'hangul';
  }
  if (
    (cp >= 0x2e80 && cp <= 0x2fdf) ||
    (cp >= 0x3000 && cp <= 0x30ff) ||
    (cp >= 0x31f0 && cp <= 0x31ff) ||
    (cp >= 0x3200 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xffef) ||
    (cp >= 0x20000 && cp <= 0x3134f)
  ) {
    return 'cjk';
  }
  // Arrows, mathematical operators (≥, ⩾, ≈), technical symbols, shapes and dingbats (✓): Noto Sans
  // lacks them and Noto Sans SC has most of them. Only the symbol itself switches font.
  if (cp >= 0x2190 && cp <= 0x2bff) return 'symbol';
  // Spaces, digits and common punctuation belong to whatever run they sit in.
  if (cp <= 0x40 || (cp >= 0x5b && cp <= 0x60) || (cp >= 0x7b && cp <= 0x7f) || (cp >= 0x2000 && cp <= 0x206f)) return null;
  return 'latin';
}

export interface Run {
  text: string;
  script: Script;
}

/** Splits text into maximal runs of one script; neutral characters join the run they are in. */
export function splitRuns(text: string): Run[] {
  const runs: Run[] = [];
  let cur: Run | null = null;
  for (const ch of text) {
    const s = scriptOf(ch.codePointAt(0) ?? 0);
    if (cur && ((s === null && cur.script !== 'symbol') || s === cur.script)) {
      cur.text += ch;
    } else if (!cur) {
      cur = { text: ch, script: s ?? 'latin' };
      runs.push(cur);
    } else {
      cur = { text: ch, script: s ?? 'latin' };
      runs.push(cur);
    }
  }
  return runs;
}

export function needsScript(text: string, script: Script): boolean {
  return splitRuns(text).some((r) => r.script === script);
}
