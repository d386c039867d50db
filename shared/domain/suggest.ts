// What a person probably meant, said as a suggestion and never applied behind their back: the field name
// closest to a misspelt one (`headquarter` → headquarters, `qty` → quantity), the ISO code of a country
// written by name or common abbreviation ("Germany", "UAE" → DE, AE), and numbers written with thousands
// separators ("1,000", "4 800"). Only an exact country name or a code in the wrong case is ever safe to
// accept as written (lookupCountry says which); everything else is offered as "did you mean".
import { COUNTRY_NAMES, isCountryCode } from './countries';

/** Optimal string alignment distance (Levenshtein with adjacent swaps), case-insensitive. */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const d: number[][] = Array.from({ length: s.length + 1 }, (_, i) => [i, ...Array<number>(t.length).fill(0)]);
  for (let j = 1; j <= t.length; j++) d[0][j] = j;
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[s.length][t.length];
}

/** Abbreviations people write for a field, by the field they mean (used only when that field exists here). */
const FIELD_ALIASES: Record<string, string[]> = {
  quantity: ['qty', 'quant', 'count', 'units', 'amount'],
  headquarters: ['hq', 'headquarter', 'headquarter_country', 'hqcountry'],
  ultimateParentHeadquarters: ['parenthq', 'parentheadquarters', 'ultimateparent'],
  destination: ['dest', 'country', 'destinationcountry', 'shipto'],
  description: ['desc'],
  eccn: ['eccnnumber', 'classification'],
  tppPerUnit: ['tpp', 'tppperchip', 'tppunit'],
  trainingOperations: ['ops', 'operations', 'trainingops', 'flops', 'trainingcompute'],
  partNumber: ['pn', 'part', 'sku', 'partno'],
  reference: ['ref', 'po', 'ordernumber'],
  endUser: ['enduser', 'customer', 'end_user'],
  items: ['item', 'lines', 'products'],
  date: ['exportdate', 'shipdate'],
  dieAreaMm2: ['diearea'],
  performanceDensity: ['density', 'pd'],
};

const squash = (k: string) => k.toLowerCase().replace(/[\s_-]+/g, '');

/**
 * The field meant by an unknown key, among the fields allowed where it stands, or null when none is
 * close enough to say so: the same letters in another case or with separators, a known abbreviation,
 * or at most one edit (two for names of eight letters or more).
 */
export function suggestField(key: string, allowed: readonly string[]): string | null {
  if (allowed.length === 0 || key.length === 0) return null;
  const k = squash(key);
  const same = allowed.find((a) => squash(a) === k);
  if (same) return same;
  for (const a of allowed) if ((FIELD_ALIASES[a] ?? []).some((x) => squash(x) === k)) return a;
  let best: string | null = null;
  let bestD = Infinity;
  for (const a of allowed) {
    const d = editDistance(k, squash(a));
    if (d < bestD) {
      best = a;
      bestD = d;
    }
  }
  const limit = k.length >= 8 ? 2 : k.length >= 3 ? 1 : 0;
  return bestD <= limit ? best : null;
}

/** Names and abbreviations people write for countries, besides the English short names of countries.ts. */
const COUNTRY_ALIASES: Record<string, string> = {
  uae: 'AE',
  'u.a.e.': 'AE',
  emirates: 'AE',
  usa: 'US',
  'u.s.': 'US',
  'u.s.a.': 'US',
  'united states of america': 'US',
  america: 'US',
  uk: 'GB',
  'u.k.': 'GB',
  britain: 'GB',
  'great britain': 'GB',
  england: 'GB',
  'south korea': 'KR',
  'republic of korea': 'KR',
  korea: 'KR',
  'north korea': 'KP',
  dprk: 'KP',
  prc: 'CN',
  "people's republic of china": 'CN',
  'russian federation': 'RU',
  holland: 'NL',
  'the netherlands': 'NL',
  'czech republic': 'CZ',
  turkey: 'TR',
  'viet nam': 'VN',
  'hong kong sar': 'HK',
  ksa: 'SA',
  deutschland: 'DE',
};

const BY_NAME: ReadonlyMap<string, string> = new Map(Object.entries(COUNTRY_NAMES).map(([code, name]) => [name.toLowerCase(), code]));

export type CountryLookup =
  /** A code in the wrong case ("de") or a country's exact English name ("Germany"): safe to take as that code. */
  | { kind: 'exact'; code: string; name: string }
  /** An abbreviation or a near spelling ("UAE", "Germny"): to be suggested, not taken. */
  | { kind: 'suggest'; code: string; name: string };

/** What a written country stands for, if anything; null when nothing is close. */
export function lookupCountry(text: string): CountryLookup | null {
  const t = text.trim();
  if (t === '') return null;
  const name = (code: string) => (COUNTRY_NAMES as Record<string, string>)[code];
  const up = t.toUpperCase();
  if (isCountryCode(up)) return { kind: 'exact', code: up, name: name(up) };
  const lower = t.toLowerCase().replace(/\s+/g, ' ');
  const byName = BY_NAME.get(lower);
  if (byName) return { kind: 'exact', code: byName, name: name(byName) };
  const alias = COUNTRY_ALIASES[lower];
  if (alias) return { kind: 'suggest', code: alias, name: name(alias) };
  if (lower.length < 4) return null;
  let best: string | null = null;
  let bestD = Infinity;
  for (const [n, code] of [...BY_NAME, ...Object.entries(COUNTRY_ALIASES)]) {
    const d = editDistance(lower, n);
    if (d < bestD) {
      best = code;
      bestD = d;
    }
  }
  return best && bestD <= (lower.length >= 8 ? 2 : 1) ? { kind: 'suggest', code: best, name: name(best) } : null;
}

/** The message for text that is not an ISO country code, with the code meant when it can tell. */
export function countryCodeMessage(text: string): string {
  const l = lookupCountry(text);
  const shown = JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
  if (!l) return `${shown} is not a country code: write the two-letter ISO code, such as DE for Germany`;
  if (l.kind === 'exact' && l.code === text.trim().toUpperCase()) return `${shown} is not a country code as written: write it in capitals, ${l.code}`;
  if (l.kind === 'exact') return `${shown} is a country's name: write its code, ${l.code}`;
  return `${shown} is not a country code: did you mean ${l.code} (${l.name})?`;
}

/**
 * A number as a person types it: "1,000", "4 800" (a space, no-break or thin space), "1_000" and
 * "2.5e26". Groups must be of three digits after the first, so "1,5" (a decimal comma) is not taken for
 * fifteen; null when the text is not such a number.
 */
export function parseHumanNumber(text: string): number | null {
  const t = text.trim();
  const plain = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
  if (plain.test(t)) return Number(t);
  const m = /^([+-]?)(\d{1,3}(?:([, \u00a0\u202f\u2009_'])\d{3})(?:\3\d{3})*)(\.\d+)?$/.exec(t);
  if (!m) return null;
  const n = Number(`${m[1]}${m[2].replace(/[, \u00a0\u202f\u2009_']/g, '')}${m[4] ?? ''}`);
  return Number.isFinite(n) ? n : null;
}
