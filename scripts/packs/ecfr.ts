// The primary text the packs are built from: extracts of 15 CFR as published in the eCFR on 2026-07-23
// (scripts/packs/ecfr-2026-07-23/, copied from ../shared/reference; see its README). Country Groups are
// read by the eCFR's own country names and turned into ISO codes here; the License Exception lines of the
// CCL entries are read verbatim.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { COUNTRY_NAMES } from '../../shared/domain/countries';

export const ECFR_DATE = '2026-07-23';
const DIR = join(import.meta.dirname, 'ecfr-2026-07-23');

/** eCFR names that are not the ISO short names of shared/domain/countries.ts. */
const NAME_TO_ISO: Record<string, string[]> = {
  'Antigua and Barbuda': ['AG'],
  Burma: ['MM'],
  // Hong Kong is treated as China under the EAR (README of the extract); it is listed with China.
  'China (PRC)': ['CN', 'HK'],
  'Congo (Democratic Republic of the)': ['CD'],
  'Congo (Democratic Republic of)': ['CD'],
  'Congo (Republic of the)': ['CG'],
  "Cote d'lvoire": ['CI'],
  'Czech Republic': ['CZ'],
  'Gambia, The': ['GM'],
  'Korea, North': ['KP'],
  'Korea, South': ['KR'],
  Macau: ['MO'],
  'Micronesia, Federated States of': ['FM'],
  'Saint Kitts & Nevis': ['KN'],
  'Saint Lucia': ['LC'],
  'Saint Vincent and the Grenadines': ['VC'],
  'Sao Tome & Principe': ['ST'],
  'Sint Maarten (the Dutch two-fifths of the island of Saint Martin)': ['SX'],
  'South Sudan, Republic of': ['SS'],
  'The Bahamas': ['BS'],
};

const BY_NAME = new Map<string, string[]>(Object.entries(COUNTRY_NAMES).map(([code, name]) => [name.toLowerCase(), [code]]));

export function isoCodesOf(name: string): string[] {
  const codes = NAME_TO_ISO[name] ?? BY_NAME.get(name.toLowerCase());
  if (!codes) throw new Error(`eCFR country name without an ISO code: ${name}`);
  return codes;
}

export interface CountryGroupsExtract {
  citation: string;
  ecfrIssueDate: string;
  source: string;
  groups: Record<string, string[]>;
}

let groupsCache: CountryGroupsExtract | null = null;
export function countryGroupsExtract(): CountryGroupsExtract {
  groupsCache ??= JSON.parse(readFileSync(join(DIR, 'country-groups.json'), 'utf8')) as CountryGroupsExtract;
  return groupsCache;
}

/** Members of a Country Group on 2026-07-23, as ISO codes in the eCFR's order. */
export function officialGroup(group: string): string[] {
  const names = countryGroupsExtract().groups[group];
  if (!names) throw new Error(`no Country Group ${group} in the eCFR extract`);
  return names.flatMap(isoCodesOf);
}

export interface CclEntry {
  eccn: string;
  heading: string;
  licenceExceptionFlags: Record<string, string>;
  countryChart: { control: string; countryChart: string }[];
  items: { paragraph: string | null; kind: string; depth: number; text: string }[];
}

let cclCache: CclEntry[] | null = null;
export function cclEntries(): CclEntry[] {
  cclCache ??= (JSON.parse(gunzipSync(readFileSync(join(DIR, 'ccl-ai-entries.json.gz'))).toString('utf8')) as { entries: CclEntry[] }).entries;
  return cclCache;
}

/** The verbatim License Exception line of an entry ("Yes for 5A002.z.1.a, …"), or null. */
export function exceptionLine(eccn: string, exception: string): string | null {
  const e = cclEntries().find((x) => x.eccn === eccn);
  if (!e) throw new Error(`no CCL entry ${eccn} in the eCFR extract`);
  return e.licenceExceptionFlags[exception] ?? null;
}

const FULL_ECCN = /\b\d[A-E]\d{3}(?:\.[a-z0-9]+)*/g;
const RELATIVE_Z = /(?<![.\w])z(?:\.[a-z0-9]+)+/g;

/**
 * The paragraphs an entry's License Exception line makes eligible. "Yes" is the whole entry; "Yes for
 * 3A001.z.1.a, z.2.a" names paragraphs of the entry (relative ones are read against it); a line that
 * names other entries' commodities ("Yes for 'software' for commodities controlled by 3A090.a") makes the
 * entry itself eligible for those commodities; "No" and "N/A" make nothing eligible.
 */
export function eligibleByLine(eccn: string, line: string): string[] {
  const text = line.trim();
  if (/^(No|N\/A)\b/.test(text)) return [];
  const full = [...text.matchAll(FULL_ECCN)].map((m) => m[0].replace(/\.$/, ''));
  if (full.some((f) => f !== eccn && !f.startsWith(`${eccn}.`))) return [eccn];
  const own = [...full, ...[...text.matchAll(RELATIVE_Z)].map((m) => `${eccn}.${m[0]}`)];
  return own.length ? [...new Set(own)] : [eccn];
}

export interface ExceptionLines {
  /** Entries of the extract (whose lines were read). */
  entries: string[];
  eligible: string[];
  /** Verbatim line per entry that has one. */
  lines: Record<string, string>;
}

export function exceptionLines(exception: string, skip: readonly string[] = []): ExceptionLines {
  const out: ExceptionLines = { entries: [], eligible: [], lines: {} };
  for (const e of cclEntries()) {
    if (skip.includes(e.eccn)) continue;
    out.entries.push(e.eccn);
    const line = e.licenceExceptionFlags[exception];
    if (!line) continue;
    out.lines[e.eccn] = line;
    out.eligible.push(...eligibleByLine(e.eccn, line));
  }
  return out;
}
