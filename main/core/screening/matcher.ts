// Candidate retrieval and scoring for restricted-party screening.
//
// Index: every form of every list name (name, alternate names, the variants `nameVariants` gives) is
// normalised to core tokens; a posting list per token names the forms that contain it, and a
// deletion-neighbourhood map (SymSpell) finds tokens one edit away, so one typo per token is tolerated
// without scanning the vocabulary. The index is built once at import and stored with the snapshot.
//
// Score (0..1): query and list name are aligned token by token (exact = 1; one edit or one swap of
// neighbouring letters = by the shorter token's length, 0.7 for 4 letters, 0.76 for 5, 0.85 for 6, up to
// 0.9, minus 0.05 when the first letters differ; tokens of 4+ letters only, never against an abbreviation the normaliser wrote ("intl",
// "tech"); two neighbouring tokens written as one word = 0.95). One letter in a short word is a large
// share of it: "Tesla" ≈ "TESA" or "Nike" ≈ "NIEE" is a different name far more often than a slip. Each side's coverage is the matched share of its token weight (IDF over the list, so "Huawei"
// counts for more than "Trading"); the score is their harmonic mean. Same country: +0.05; a different
// country: -0.05, never below the review threshold for a candidate that reached it without the country
// (the country sharpens, it never hides). A company-looking query against a person, vessel or aircraft
// entry: -0.1. Retrieval probes only the rarest query tokens that any candidate at or above the review
// threshold must share (prefix filtering), which `bruteForce` checks in the benchmark.
import { distance } from 'fastest-levenshtein';
import { nameVariants, normalizeName, SYNONYMS } from './normalize';

/**
 * 3: "constructor" is a token like any other (2 stored Object.prototype.constructor in its place).
 * 4: letters written apart are one word ("K D P" = "K.D.P."); slips in legal-form words are corrected
 * ("LIMITDE"); "joint", "stock" and "liability" out of their phrase are legal-form words.
 */
export const INDEX_VERSION = 4;

export interface Thresholds {
  match: number;
  review: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = { match: 0.9, review: 0.8 };

/** `long` is `short` with one of its letters typed twice ("OPLLOT" for "OPLOT"): a slip of the keyboard. */
function doubled(long: string, short: string): boolean {
  if (long.length !== short.length + 1) return false;
  for (let i = 0; i + 1 < long.length; i++) {
    if (long[i] === long[i + 1] && long.slice(0, i) + long.slice(i + 1) === short) return true;
  }
  return false;
}

/**
 * Similarity of a one-letter slip, by the shorter word's length n (a letter typed twice: 0.85 at any length): 4 letters 0.7, 5 letters 0.76 (below
 * review on its own), 6 letters 0.85, 8 letters 0.89, 9+ 0.9; 0.05 less when the first letters differ.
 */
export function typoSim(a: string, b: string): number {
  if (doubled(a, b) || doubled(b, a)) return 0.85;
  const n = Math.min(a.length, b.length);
  const sim = n <= 5 ? 1 - 1.2 / n : Math.min(0.9, 1 - 0.9 / n);
  return sim - (a[0] === b[0] ? 0 : 0.05);
}
const JOIN_SIM = 0.95;
const COUNTRY_BONUS = 0.05;
const TYPE_PENALTY = 0.1;
const MIN_TYPO_LEN = 4;
/** Matched query weight (IDF) below which a candidate is not one (≈ a word in 1 form of 8). */
const MIN_DISTINCT = 2.2;
/** Below this (≈ a word in 1 form of 60), at most a review. */
const MIN_DISTINCT_MATCH = 4.1;

/** A form the list does not spell out (a parenthetical dropped, …) is a slightly weaker witness. */
function formPenalty(how: string): number {
  if (how.includes('parenthetical dropped')) return 0.05;
  if (how.includes('the name in its parenthetical')) return 0.05;
  if (how.includes('place after the legal form')) return 0.02;
  return 0;
}

export interface IndexEntryInput {
  name: string;
  altNames: string[];
  countries: string[];
  type: string | null;
}

/** What the index stores (and what is persisted as JSON, gzip-compressed, with the snapshot). */
export interface SerializedIndex {
  v: number;
  /** Per entry: [countries joined by ",", type]. */
  entries: [string, string][];
  /** Per name form: [entry index, the list's own text, how the form was derived, core tokens (vocab ids)]. */
  forms: [number, string, string, number[]][];
  vocab: string[];
  /** Number of forms containing each vocab token. */
  df: number[];
  /** Vocab id → form ids (ascending). */
  postings: number[][];
}

/** Deletion variant (or the token itself) → vocab ids: the typo neighbourhood, stored as rows. */
export type DeleteRows = [string, number][];

/** Looks the vocab ids up for a set of deletion keys (a Map in memory, an indexed table in the store). */
export type DeletesLookup = (keys: string[]) => Iterable<number>;

export function memoryDeletes(rows: DeleteRows): DeletesLookup {
  const m = new Map<string, number[]>();
  for (const [k, id] of rows) {
    const a = m.get(k);
    if (a) a.push(id);
    else m.set(k, [id]);
  }
  return (keys) => keys.flatMap((k) => m.get(k) ?? []);
}

export interface MatchedToken {
  query: string;
  list: string;
  how: 'exact' | 'typo' | 'joined';
}

export interface Candidate {
  entry: number;
  score: number;
  decision: 'match' | 'review';
  /** The list's text of the name or alias that matched. */
  matchedName: string;
  /** 0 = the entry's name, otherwise an alternate name (1-based) */
  alias: boolean;
  form: string;
  tokens: MatchedToken[];
  unmatchedQuery: string[];
  unmatchedList: string[];
  country: 'same' | 'different' | 'unknown';
  explanation: string;
}

function deletions(t: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i < t.length; i++) out.add(t.slice(0, i) + t.slice(i + 1));
  return [...out];
}

/** The short spellings the normaliser writes for common words: no one misspells "intl" as "intel". */
const NO_TYPO = new Set(Object.values(SYNONYMS).filter((v) => v.length <= 5));

/** One edit (Levenshtein 1) or one swap of neighbouring letters, for tokens of 4+ letters. */
export function oneTypo(a: string, b: string): boolean {
  if (a.length < MIN_TYPO_LEN || b.length < MIN_TYPO_LEN || Math.abs(a.length - b.length) > 1) return false;
  if (NO_TYPO.has(a) || NO_TYPO.has(b)) return false;
  const d = distance(a, b);
  if (d === 1) return true;
  if (d === 2 && a.length === b.length) {
    let first = -1;
    for (let i = 0; i < a.length; i++) {
      if (a[i] !== b[i]) {
        if (first === -1) first = i;
        else return i === first + 1 && a[first] === b[i] && a[i] === b[first] && a.slice(i + 1) === b.slice(i + 1);
      }
    }
  }
  return false;
}

export function buildIndex(entries: readonly IndexEntryInput[]): { index: SerializedIndex; deletes: DeleteRows } {
  const vocabIds = new Map<string, number>();
  const vocab: string[] = [];
  const forms: SerializedIndex['forms'] = [];
  const postingsSets: number[][] = [];
  const idOf = (t: string): number => {
    let id = vocabIds.get(t);
    if (id === undefined) {
      id = vocab.length;
      vocabIds.set(t, id);
      vocab.push(t);
      postingsSets.push([]);
    }
    return id;
  };
  entries.forEach((e, ei) => {
    const seen = new Set<string>();
    [e.name, ...e.altNames].forEach((listed, ni) => {
      for (const v of nameVariants(listed)) {
        const n = normalizeName(v.text);
        if (n.core.length === 0) continue;
        const key = n.core.join(' ');
        if (seen.has(key)) continue;
        seen.add(key);
        const ids = n.core.map(idOf);
        const fid = forms.length;
        forms.push([ei, listed, ni === 0 ? v.how : `alternate name; ${v.how}`, ids]);
        for (const id of new Set(ids)) postingsSets[id].push(fid);
      }
    });
  });
  const deletes: DeleteRows = [];
  vocab.forEach((t, id) => {
    if (t.length < MIN_TYPO_LEN) return;
    for (const k of [t, ...deletions(t)]) deletes.push([k, id]);
  });
  return {
    index: {
      v: INDEX_VERSION,
      entries: entries.map((e) => [e.countries.join(','), e.type ?? '']),
      forms,
      vocab,
      df: postingsSets.map((p) => p.length),
      postings: postingsSets,
    },
    deletes,
  };
}

interface QueryToken {
  t: string;
  w: number;
}

export interface ScreenQuery {
  name: string;
  country?: string | null;
}

/** The loaded, queryable index. */
export class ScreeningIndex {
  private readonly vocabId = new Map<string, number>();
  private readonly idf: Float64Array;
  private readonly maxIdf: number;
  private readonly entryCountries: string[][];
  private readonly entryType: string[];
  /** Per form: the IDF weight of its tokens, summed (the list side's coverage denominator). */
  private readonly formWeight: Float64Array;
  private readonly gain: Float64Array;
  private readonly inQuery: Float64Array;
  private readonly seenAt: Float64Array;
  private readonly vocabMark: Float64Array;
  private queryStamp = 0;

  constructor(
    readonly data: SerializedIndex,
    private readonly deletes: DeletesLookup,
    readonly thresholds: Thresholds = DEFAULT_THRESHOLDS,
  ) {
    if (data.v !== INDEX_VERSION) throw new Error(`screening index version ${data.v}; expected ${INDEX_VERSION}`);
    data.vocab.forEach((t, i) => this.vocabId.set(t, i));
    const n = data.forms.length;
    this.idf = Float64Array.from(data.df, (d) => Math.log(1 + n / d));
    this.maxIdf = Math.log(1 + n);
    this.entryCountries = data.entries.map(([c]) => (c ? c.split(',') : []));
    this.entryType = data.entries.map(([, t]) => t.toLowerCase());
    this.gain = new Float64Array(data.forms.length);
    this.vocabMark = new Float64Array(data.vocab.length);
    this.inQuery = new Float64Array(data.forms.length);
    this.seenAt = new Float64Array(data.forms.length);
    this.formWeight = Float64Array.from(data.forms, ([, , , ids]) => ids.reduce((a, id) => a + this.idf[id], 0));
  }

  get formCount(): number {
    return this.data.forms.length;
  }

  private weightOf(t: string): number {
    const id = this.vocabId.get(t);
    return id === undefined ? this.maxIdf : this.idf[id];
  }

  private queryTokens(name: string): { tokens: QueryToken[]; legal: string[] } {
    const n = normalizeName(name);
    return { tokens: n.core.map((t) => ({ t, w: this.weightOf(t) })), legal: n.legal };
  }

  /** Vocabulary ids of the tokens equal to `t` or one typo away. */
  private near(t: string): number[] {
    const out: number[] = [];
    const exact = this.vocabId.get(t);
    if (exact !== undefined) out.push(exact);
    if (t.length < MIN_TYPO_LEN) return out;
    const seen = new Set<number>(out);
    for (const id of this.deletes([t, ...deletions(t)])) {
      if (seen.has(id)) continue;
      seen.add(id);
      if (oneTypo(t, this.data.vocab[id])) out.push(id);
    }
    return out;
  }

  /** Lowest base score (before the country) that can still reach the review threshold. */
  private get floor(): number {
    return this.thresholds.review - COUNTRY_BONUS;
  }

  /**
   * Joins ("huaweitech" = "huawei" + "tech", "hong kong" = "hongkong"): the vocabulary ids a list token
   * may have to be matched by a join (list side), and per query token the ids whose postings hold every
   * form where that token can match by a join (`via`; empty when it cannot).
   */
  private joinParts(tokens: QueryToken[]): { ids: Set<number>; via: number[][] } {
    const ids = new Set<number>();
    const via = tokens.map((): number[] => []);
    tokens.forEach((q, i) => {
      for (let k = 1; k < q.t.length; k++) {
        const a = this.vocabId.get(q.t.slice(0, k));
        const b = this.vocabId.get(q.t.slice(k));
        if (a !== undefined) ids.add(a);
        if (b !== undefined) ids.add(b);
        // the form holds both halves: its postings are among the rarer half's
        if (a !== undefined && b !== undefined) via[i].push(this.data.df[a] <= this.data.df[b] ? a : b);
      }
      for (const j of [i - 1, i + 1]) {
        if (j < 0 || j >= tokens.length) continue;
        const joined = this.vocabId.get(j < i ? tokens[j].t + q.t : q.t + tokens[j].t);
        if (joined !== undefined) {
          ids.add(joined);
          via[i].push(joined);
        }
      }
    });
    return { ids, via };
  }

  /**
   * Form ids that may score at or above the review threshold. Retrieval probes only the rarest query
   * tokens that any such form must share (prefix filtering); each form so found is then kept only if an
   * upper bound of its score reaches the floor: every query token it holds (or one typo away) counted as
   * an exact match, every unprobed or joinable query token counted as matched, and on the list side
   * every token equal to, one typo from, or joinable with a query token counted as matched.
   */
  private candidateForms(tokens: QueryToken[]): number[] {
    const total = tokens.reduce((s, q) => s + q.w, 0);
    const floor = this.floor;
    // harmonic mean ≤ 2cq/(1+cq): reaching `floor` needs query coverage cq ≥ floor/(2-floor)
    const needQ = floor / (2 - floor);
    const order = tokens.map((_, i) => i).sort((a, b) => tokens[b].w - tokens[a].w);
    const probe: number[] = [];
    let probed = 0;
    for (const i of order) {
      probe.push(i);
      probed += tokens[i].w;
      if (total - probed < needQ * total - 1e-9) break;
    }
    const { ids: joinIds, via } = this.joinParts(tokens);
    // weight counted matched for every form: unprobed tokens, and probed ones that may match by a join
    let free = 0;
    tokens.forEach((q, i) => {
      if (!probe.includes(i) || via[i].length) free += q.w;
    });
    // per form: the probed query weight it holds; per token: whether the list side may count it matched
    // (typed arrays reused across queries, stamped per query)
    const stamp = ++this.queryStamp;
    const matchable = this.vocabMark;
    for (const id of joinIds) matchable[id] = stamp;
    const near = tokens.map((q) => this.near(q.t));
    for (const ids of near) for (const id of ids) matchable[id] = stamp;
    const touched: number[] = [];
    const gain = this.gain;
    const seenAt = this.seenAt;
    const inQuery = this.inQuery;
    for (const i of probe) {
      const w = via[i].length ? 0 : tokens[i].w;
      const mark = ++this.queryStamp;
      for (const id of via[i].length ? [...near[i], ...via[i]] : near[i]) {
        for (const f of this.data.postings[id]) {
          if (inQuery[f] !== stamp) {
            inQuery[f] = stamp;
            gain[f] = 0;
            touched.push(f);
          }
          if (seenAt[f] === mark) continue;
          seenAt[f] = mark;
          gain[f] += w;
        }
      }
    }
    const out: number[] = [];
    for (const f of touched) {
      const qm = gain[f] + free;
      if (qm < MIN_DISTINCT - 1e-9) continue;
      const cq = Math.min(1, qm / total);
      if (cq < needQ - 1e-9) continue;
      let lm = 0;
      for (const id of this.data.forms[f][3]) if (matchable[id] === stamp) lm += this.idf[id];
      const cn = Math.min(1, lm / this.formWeight[f]);
      if (cn === 0 || (2 * cq * cn) / (cq + cn) < floor - 1e-9) continue;
      out.push(f);
    }
    return out;
  }

  /** Scores one form against the query tokens; null below the floor. */
  private scoreForm(fid: number, q: QueryToken[], queryLegal: string[], country: string | null): Candidate | null {
    const [entry, listed, how, ids] = this.data.forms[fid];
    const nt = ids.map((id) => this.data.vocab[id]);
    const nw = ids.map((id) => this.idf[id]);
    const qSim = new Float64Array(q.length);
    const nSim = new Float64Array(nt.length);
    const qUsed = new Int32Array(q.length).fill(-1);
    const nUsed = new Int8Array(nt.length);
    const tokens: MatchedToken[] = [];
    // exact first, then typos, then two tokens written as one word
    for (let i = 0; i < q.length; i++) {
      for (let j = 0; j < nt.length; j++) {
        if (!nUsed[j] && q[i].t === nt[j]) {
          qSim[i] = 1;
          nSim[j] = 1;
          nUsed[j] = 1;
          qUsed[i] = j;
          tokens.push({ query: q[i].t, list: nt[j], how: 'exact' });
          break;
        }
      }
    }
    for (let i = 0; i < q.length; i++) {
      if (qUsed[i] >= 0) continue;
      for (let j = 0; j < nt.length; j++) {
        if (!nUsed[j] && oneTypo(q[i].t, nt[j])) {
          qSim[i] = nSim[j] = typoSim(q[i].t, nt[j]);
          nUsed[j] = 1;
          qUsed[i] = j;
          tokens.push({ query: q[i].t, list: nt[j], how: 'typo' });
          break;
        }
      }
    }
    for (let i = 0; i < q.length; i++) {
      if (qUsed[i] >= 0) continue;
      for (let j = 0; j + 1 < nt.length; j++) {
        if (!nUsed[j] && !nUsed[j + 1] && q[i].t === nt[j] + nt[j + 1]) {
          qSim[i] = JOIN_SIM;
          nSim[j] = nSim[j + 1] = JOIN_SIM;
          nUsed[j] = nUsed[j + 1] = 1;
          qUsed[i] = j;
          tokens.push({ query: q[i].t, list: `${nt[j]} ${nt[j + 1]}`, how: 'joined' });
          break;
        }
      }
    }
    for (let j = 0; j < nt.length; j++) {
      if (nUsed[j]) continue;
      for (let i = 0; i + 1 < q.length; i++) {
        if (qUsed[i] < 0 && qUsed[i + 1] < 0 && nt[j] === q[i].t + q[i + 1].t) {
          qSim[i] = qSim[i + 1] = JOIN_SIM;
          nSim[j] = JOIN_SIM;
          nUsed[j] = 1;
          qUsed[i] = qUsed[i + 1] = j;
          tokens.push({ query: `${q[i].t} ${q[i + 1].t}`, list: nt[j], how: 'joined' });
          break;
        }
      }
    }
    let qw = 0;
    let qm = 0;
    for (let i = 0; i < q.length; i++) {
      qw += q[i].w;
      qm += q[i].w * qSim[i];
    }
    let lw = 0;
    let lm = 0;
    for (let j = 0; j < nt.length; j++) {
      lw += nw[j];
      lm += nw[j] * nSim[j];
    }
    const cq = qw ? qm / qw : 0;
    const cn = lw ? lm / lw : 0;
    if (cq === 0 || cn === 0) return null;
    let base = (2 * cq * cn) / (cq + cn);
    const notes: string[] = [];
    const penalty = formPenalty(how);
    if (penalty) {
      base -= penalty;
      notes.push(`${how}: -${penalty}`);
    }
    // Only common words matched ("Technology Co."): at most a review, and nothing when very common.
    if (qm < MIN_DISTINCT) return null;
    if (qm < MIN_DISTINCT_MATCH && base >= this.thresholds.match) {
      base = this.thresholds.match - 0.01;
      notes.push('only common words matched: review at most');
    }
    // one identifying word, matched only with a typo: never more than a review
    if (nt.length === 1 && q.length === 1 && tokens[0]?.how !== 'exact') base = Math.min(base, this.thresholds.match - 0.01);
    const type = this.entryType[entry];
    if (queryLegal.length && (type === 'individual' || type === 'vessel' || type === 'aircraft')) {
      base -= TYPE_PENALTY;
      notes.push(`the query has a company form (${queryLegal.join(' ')}) but the entry is ${type === 'individual' ? 'an individual' : `a ${type}`}: -${TYPE_PENALTY}`);
    }
    if (base < this.floor) return null;
    let score = base;
    let cmp: Candidate['country'] = 'unknown';
    const countries = this.entryCountries[entry];
    if (country && countries.length) {
      if (countries.includes(country)) {
        cmp = 'same';
        score = Math.min(1, base + COUNTRY_BONUS);
        notes.push(`same country (${country}): +${COUNTRY_BONUS}`);
      } else {
        cmp = 'different';
        // compared as the score is shown (3 decimals): 0.85 - 0.05 is 0.7999… in floating point
        const reached = Math.round(base * 1000) / 1000 >= this.thresholds.review;
        score = reached ? Math.max(this.thresholds.review, base - COUNTRY_BONUS) : base - COUNTRY_BONUS;
        notes.push(`party in ${country}, entry in ${countries.join(', ')}: -${COUNTRY_BONUS}${reached ? ' (kept at or above review: a country never hides a candidate)' : ''}`);
      }
    }
    score = Math.round(score * 1000) / 1000;
    if (score < this.thresholds.review) return null;
    const unmatchedQuery = q.filter((_, i) => qUsed[i] < 0).map((x) => x.t);
    const unmatchedList = nt.filter((_, j) => !nUsed[j]);
    const tokenText = tokens.map((t) => (t.how === 'exact' ? t.query : `${t.query}≈${t.list} (${t.how})`)).join(', ');
    const explanation = [
      `${how === 'as listed' ? 'name' : how}: "${listed}"`,
      `tokens matched: ${tokenText || 'none'}`,
      unmatchedQuery.length ? `not in the list name: ${unmatchedQuery.join(' ')}` : '',
      unmatchedList.length ? `not in the query: ${unmatchedList.join(' ')}` : '',
      `coverage query ${cq.toFixed(2)}, list name ${cn.toFixed(2)} → ${base.toFixed(3)}`,
      ...notes,
    ]
      .filter(Boolean)
      .join('; ');
    return {
      entry,
      score,
      decision: score >= this.thresholds.match ? 'match' : 'review',
      matchedName: listed,
      alias: how.startsWith('alternate name'),
      form: how,
      tokens,
      unmatchedQuery,
      unmatchedList,
      country: cmp,
      explanation,
    };
  }

  private best(forms: Iterable<number>, query: ScreenQuery): Candidate[] {
    const { tokens, legal } = this.queryTokens(query.name);
    if (tokens.length === 0) return [];
    const country = query.country ? query.country.toUpperCase() : null;
    const byEntry = new Map<number, Candidate>();
    for (const fid of forms) {
      const c = this.scoreForm(fid, tokens, legal, country);
      if (!c) continue;
      const prev = byEntry.get(c.entry);
      if (!prev || c.score > prev.score || (c.score === prev.score && !c.alias && prev.alias)) byEntry.set(c.entry, c);
    }
    return [...byEntry.values()].sort((a, b) => b.score - a.score || a.entry - b.entry);
  }

  /** Every entry scoring at or above the review threshold, best first. */
  search(query: ScreenQuery): Candidate[] {
    const { tokens } = this.queryTokens(query.name);
    if (tokens.length === 0) return [];
    return this.best(this.candidateForms(tokens), query);
  }

  /** The same scorer over every form of the list, no index: the benchmark's recall baseline. */
  bruteForce(query: ScreenQuery): Candidate[] {
    return this.best(
      (function* (n: number) {
        for (let i = 0; i < n; i++) yield i;
      })(this.data.forms.length),
      query,
    );
  }
}
