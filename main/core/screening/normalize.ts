// Name normalisation for screening, after OpenSanctions' nomenklatura/fingerprints approach: transliterate
// to ASCII (any-ascii), lower-case, drop punctuation (keeping "s.r.l." as one token), spell legal forms
// and common abbreviations one way ("Company Limited" = "Co., Ltd." = "co ltd"; "Technologies" = "Tech";
// "International" = "Intl"), then split the name into its core tokens (what identifies the party) and its
// legal-form tokens (which never decide a match). Both the list and the query go through the same code.
import anyAscii from 'any-ascii';
import { distance } from 'fastest-levenshtein';

/** Multi-word forms first (longest first), then single words: each maps to one canonical spelling. */
const PHRASES: [string[], string][] = [
  [['gesellschaft', 'mit', 'beschrankter', 'haftung'], 'gmbh'],
  [['obshchestvo', 's', 'ogranichennoy', 'otvetstvennostyu'], 'ooo'],
  [['obshchestvo', 's', 'ogranichennoi', 'otvetstvennostiu'], 'ooo'],
  [['limited', 'liability', 'company'], 'llc'],
  [['limited', 'liability', 'partnership'], 'llp'],
  [['public', 'joint', 'stock', 'company'], 'pjsc'],
  [['open', 'joint', 'stock', 'company'], 'ojsc'],
  [['closed', 'joint', 'stock', 'company'], 'cjsc'],
  [['joint', 'stock', 'company'], 'jsc'],
  [['public', 'limited', 'company'], 'plc'],
  [['sociedad', 'anonima'], 'sa'],
  [['societe', 'anonyme'], 'sa'],
  [['sociedade', 'anonima'], 'sa'],
  [['kabushiki', 'kaisha'], 'kk'],
  [['private', 'limited'], 'pvt ltd'],
  [['sendirian', 'berhad'], 'sdn bhd'],
];

export const SYNONYMS: Record<string, string> = {
  company: 'co',
  companies: 'co',
  limited: 'ltd',
  corporation: 'corp',
  incorporated: 'inc',
  private: 'pvt',
  technologies: 'tech',
  technology: 'tech',
  technological: 'tech',
  technique: 'tech',
  techniques: 'tech',
  technik: 'tech',
  tecnologia: 'tech',
  teknoloji: 'tech',
  international: 'intl',
  internacional: 'intl',
  internationale: 'intl',
  manufacturing: 'mfg',
  engineering: 'eng',
  electronics: 'elec',
  electronic: 'elec',
  industries: 'ind',
  industrial: 'ind',
  industry: 'ind',
  systems: 'sys',
  system: 'sys',
  holdings: 'holding',
  aktiengesellschaft: 'ag',
  services: 'svc',
  service: 'svc',
  trading: 'trade',
  establishment: 'est',
  brothers: 'bros',
  sciences: 'sci',
  science: 'sci',
  scientific: 'sci',
  laboratories: 'lab',
  laboratory: 'lab',
  labs: 'lab',
  development: 'dev',
  information: 'info',
  communications: 'comm',
  communication: 'comm',
  telecommunications: 'telecom',
  telecommunication: 'telecom',
  enterprises: 'ent',
  enterprise: 'ent',
  import: 'imp',
  export: 'exp',
  saint: 'st',
  mohammed: 'muhammad',
  mohammad: 'muhammad',
  mohamed: 'muhammad',
  muhammed: 'muhammad',
};

/** Legal forms: never the words that identify a party; compared, but carrying no weight in a match. */
export const LEGAL_FORMS = new Set([
  'co', 'ltd', 'llc', 'inc', 'corp', 'plc', 'gmbh', 'ag', 'sa', 'srl', 'sarl', 'spa', 'bv', 'nv', 'kk', 'pte', 'pty', 'pvt',
  'llp', 'lp', 'jsc', 'ojsc', 'pjsc', 'cjsc', 'ooo', 'zao', 'oao', 'ao', 'pao', 'fze', 'fzc', 'fzco', 'fzllc', 'fzco', 'sdn', 'bhd',
  'tbk', 'pt', 'ab', 'oy', 'oyj', 'sl', 'sas', 'sro', 'doo', 'kft', 'cv', 'ltda', 'eirl', 'sac', 'gk', 'kg', 'gmbhco', 'sal', 'wll',
  'lda', 'bhd', 'sae', 'sad', 'ead', 'ood', 'jsco', 'tov', 'pp', 'dmcc', 'est', 'cia', 'ste', 'ek', 'nl', 'aps', 'asa', 'as', 'se',
  // words of a legal form written out of its order ("Liability Company X Limited", "Stock Company X Joint")
  'joint', 'stock', 'liability',
]);

const PHRASE_WORDS = new Set(PHRASES.flatMap(([ws]) => ws));

const STOP = new Set(['the', 'of', 'and', 'for', 'aka', 'fka', 'formerly', 'known', 'also']);

/**
 * The words of legal forms and abbreviations long enough (7+ letters) for a one-letter slip to be
 * recognised: "Technolgies", "LIMITDE", "Cmopany", "LIBILITY" are read as the word meant, so the slip
 * neither costs the name its legal form nor leaves an unmatched token that outweighs the real name.
 */
const FUZZY_KEYS = [...new Set([...Object.keys(SYNONYMS), ...PHRASES.flatMap(([ws]) => ws)])].filter((k) => k.length >= 7);

/** One edit or one swap of neighbouring letters. */
function oneSlip(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  const d = distance(a, b);
  if (d <= 1) return true;
  if (d !== 2 || a.length !== b.length) return false;
  const diff: number[] = [];
  for (let i = 0; i < a.length && diff.length <= 2; i++) if (a[i] !== b[i]) diff.push(i);
  return diff.length === 2 && diff[1] === diff[0] + 1 && a[diff[0]] === b[diff[1]] && a[diff[1]] === b[diff[0]];
}

/** A word of a legal form or abbreviation, mistyped by one letter: the word meant; otherwise the word. */
function corrected(t: string): string {
  if (t.length < 6 || Object.hasOwn(SYNONYMS, t) || LEGAL_FORMS.has(t) || PHRASE_WORDS.has(t)) return t;
  for (const k of FUZZY_KEYS) if (k[0] === t[0] && oneSlip(k, t)) return k;
  return t;
}

export interface NormalizedName {
  /** The identifying tokens, canonical spelling, in the name's order. */
  core: string[];
  /** Legal-form tokens (canonical spelling). */
  legal: string[];
}

function canonicalWord(t: string): string {
  // own keys only: "constructor" (a word of the list) is not Object.prototype.constructor
  return Object.hasOwn(SYNONYMS, t) ? SYNONYMS[t] : t;
}

/** Lower-case ASCII words of a name: punctuation gone, "s.r.l." kept as "srl", "Gui'an" as "guian". */
export function words(name: string): string[] {
  let s = anyAscii(name.normalize('NFKC')).toLowerCase();
  s = s.replace(/&/g, ' and ').replace(/['`\u2019]/g, '');
  // single-letter abbreviations: "s.r.l." → "srl", "u.s.a." → "usa"
  for (let i = 0; i < 3; i++) s = s.replace(/\b([a-z])\.(?=[a-z]\b)/g, '$1');
  const ws = s.split(/[^a-z0-9]+/).filter((w) => w !== '');
  // letters written apart ("K D P", "S R O", "S A DE C V"): one word, as "K.D.P." is
  const out: string[] = [];
  for (let i = 0; i < ws.length; ) {
    let j = i;
    while (j < ws.length && /^[a-z]$/.test(ws[j])) j++;
    if (j - i >= 2) {
      out.push(ws.slice(i, j).join(''));
      i = j;
    } else {
      out.push(ws[i]);
      i += 1;
    }
  }
  return out.map(corrected);
}

export function normalizeName(name: string): NormalizedName {
  const w = words(name);
  const out: string[] = [];
  for (let i = 0; i < w.length; ) {
    let hit: [string[], string] | undefined;
    for (const p of PHRASES) {
      if (p[0].length <= w.length - i && p[0].every((x, j) => w[i + j] === x)) {
        hit = p;
        break;
      }
    }
    if (hit) {
      out.push(...hit[1].split(' '));
      i += hit[0].length;
    } else {
      out.push(canonicalWord(w[i]));
      i += 1;
    }
  }
  const core: string[] = [];
  const legal: string[] = [];
  for (const t of out) {
    if (STOP.has(t)) continue;
    if (LEGAL_FORMS.has(t)) legal.push(t);
    else core.push(t);
  }
  // A name made of legal-form words only ("Trading Co." after canonicalisation keeps "trade"): keep them.
  if (core.length === 0 && legal.length) return { core: legal, legal: [] };
  return { core, legal };
}

/**
 * The forms of one list name that a user may type: as written; without its parenthetical ("Huawei
 * Technologies Co., Ltd. (Huawei)"); the parenthetical alone when it is a short name; and, for Entity
 * List "X. Affiliated Entity: Y" rows, Y alone.
 */
export function nameVariants(name: string): { text: string; how: string }[] {
  const out: { text: string; how: string }[] = [{ text: name, how: 'as listed' }];
  const affiliated = /^(.*?)[.,;]?\s*Affiliated Entit(?:y|ies):\s*(.+)$/i.exec(name);
  if (affiliated) {
    out.push({ text: affiliated[2], how: 'the affiliated entity named in the entry' });
  }
  // "Xi'an Huawei Technologies Co., Ltd., Xi'an, Shaanxi": the place after the legal form is an address
  const placed = /^(.*?\b(?:Co\.?,?\s*Ltd\.?|Ltd\.?|LLC|Inc\.?|Corp\.?|Corporation|Limited|GmbH|JSC|LLP|PLC|S\.A\.))\s*[,;]\s*\S.*$/i.exec(name);
  if (placed) out.push({ text: placed[1], how: 'the place after the legal form dropped' });
  const stripped = name.replace(/\s*[([][^)\]]*[)\]]/g, ' ').replace(/\s+/g, ' ').trim();
  if (stripped && stripped !== name.trim()) out.push({ text: stripped, how: 'parenthetical dropped' });
  for (const m of name.matchAll(/[([]([^)\]]+)[)\]]/g)) {
    const inner = m[1].replace(/^\s*(?:a\.?k\.?a\.?|f\.?k\.?a\.?|also known as|formerly)\s*[:,]?\s*/i, '').trim();
    const n = normalizeName(inner);
    if (inner && n.core.length >= 1 && n.core.length <= 6 && !/^\d+$/.test(inner)) out.push({ text: inner, how: 'the name in its parenthetical' });
  }
  return out;
}
