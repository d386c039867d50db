// Impact analysis: what a candidate rule pack or screening-list file would change, before anyone accepts
// it. The candidate is verified exactly as an import would verify it (signature, trust, content,
// rollback) but is not installed; every stored case with a determination is evaluated again under the
// active pack and under the candidate, on the same ledger and as of the case's date, and the two are
// compared per mode: license required, authorization, review policy, tier, the cap and allocation steps,
// and (for a list) the screening hits of the end user. Issued letters whose stated outcome differs from
// the candidate's are listed for supersession. Nothing stored changes: this module only reads.
//
// Comparing against a fresh evaluation under the active pack (not against the stored determination)
// isolates what the candidate itself changes: a ledger that moved since a case was last evaluated is not
// blamed on the new pack. Cases whose stored determination is already out of date are counted apart.
import { gunzipSync } from 'node:zlib';
import { Case, type EvaluationMode } from '../../../shared/domain/case';
import type { Determination, Evaluation } from '../../../shared/domain/determination';
import type { LoadedPack } from '../../../shared/domain/rulepack';
import type { CslEntry } from '../../../shared/domain/screening';
import { evaluateCase, snapshotAt, type LedgerTotals, type PackSet } from '../../../shared/engine';
import { activePackRecord, countEvaluatedCases, evaluatedCasesPage, issuedLetters, latestPack, ledgerFor, sha256Hex, activeSnapshot, entriesAt, type Db } from '../db';
import { admitPack, verifyPackText, type TrustedKey } from '../rulepacks';
import { dateInPath, parseList } from '../screening/csl';
import { ScreeningIndex, type Candidate as ScreenHit } from '../screening/matcher';
import { activeScreener, buildListIndex } from '../screening/service';
import { ACTIVE_PACK_IDS, activePacks, packTrust } from './packs';

export const IMPACT_FORMAT = 'tierline.impact/1';

export type ChangeKind = 'license_required' | 'authorization' | 'review_policy' | 'tier' | 'cap' | 'screening';
export const CHANGE_KINDS: readonly ChangeKind[] = ['license_required', 'authorization', 'review_policy', 'tier', 'cap', 'screening'];

export interface Change {
  kind: ChangeKind;
  /** The item (0-based) the change is about; null for the whole case. */
  item: number | null;
  /** The trace rule (cap and allocation steps) or list entry it concerns, when there is one. */
  subject: string | null;
  before: string;
  after: string;
}

export interface CaseImpact {
  caseId: number;
  reference: string | null;
  date: string;
  destination: string;
  endUser: string;
  /** null for a screening-list candidate (screening does not depend on the mode). */
  mode: EvaluationMode | null;
  changes: Change[];
}

export interface LetterImpact {
  letterId: number;
  number: string;
  caseId: number;
  mode: EvaluationMode | null;
  issuedAt: string;
  /** What the letter states and what the candidate would say (license required / authorization / policy per item). */
  before: string;
  after: string;
  /** The letter's outcome already differs under the active pack (the case or ledger moved since it was issued). */
  alreadyDiffersUnderActive: boolean;
}

export type CandidateRef =
  | { kind: 'pack'; id: string; version: number; mode: EvaluationMode; title: string; sha256: string; keyId: string; replaces: { version: number; sha256: string } | null }
  | { kind: 'list'; fileName: string; sha256: string; date: string; entryCount: number; replaces: { sha256: string; date: string } | null };

export interface ModeSummary {
  evaluated: number;
  changedCases: number;
  byKind: Record<ChangeKind, number>;
}

export interface ImpactReport {
  format: typeof IMPACT_FORMAT;
  candidate: CandidateRef;
  /** Cases with a determination in the store when the run started. */
  total: number;
  /** Cases looked at (equals total unless cancelled). */
  scanned: number;
  cancelled: boolean;
  modes: Partial<Record<EvaluationMode, ModeSummary>>;
  screening: { screened: number; changedCases: number } | null;
  changes: CaseImpact[];
  letters: LetterImpact[];
  /** Cases the candidate's mode does not concern (their latest determination evaluated the other mode only). */
  notInMode: number;
  /**
   * Cases not evaluated twice because on their date the candidate's status period and every parameter
   * (value, citation, excerpt, confidence, note) equal the active pack's: the engine is a pure function of these,
   * so the outcome cannot change. Counted in `evaluated`.
   */
  sameRulesOnDate: number;
  /** Cases that could not be evaluated (e.g. a date outside a pack's coverage), with the reason. */
  errors: { caseId: number; message: string }[];
  elapsedMs: number;
  note: string;
}

export interface ImpactProgress {
  done: number;
  total: number;
  changed: number;
}

export type LoadedCandidate =
  | { kind: 'pack'; ref: Extract<CandidateRef, { kind: 'pack' }>; pack: LoadedPack }
  | { kind: 'list'; ref: Extract<CandidateRef, { kind: 'list' }>; entries: CslEntry[]; index: ScreeningIndex };

export interface CandidateError {
  code: string;
  message: string;
  errors?: { path: string; message: string }[];
}

export type LoadCandidateResult = { ok: true; value: LoadedCandidate } | { ok: false; error: CandidateError };

function looksLikePack(bytes: Uint8Array): boolean {
  const head = new TextDecoder().decode(bytes.subarray(0, 4096));
  return /"format"\s*:\s*"tierline\.rulepack\/1"/.test(head);
}

/**
 * Reads a candidate file: a signed rule pack (verified as `packs import` would, rollback included) or a
 * Consolidated Screening List file (parsed and indexed as `lists import` would). Nothing is stored.
 */
export function loadCandidate(db: Db, input: { bytes: Uint8Array; fileName: string; listDate?: string }, opts: { trust?: readonly TrustedKey[] } = {}): LoadCandidateResult {
  const bytes = input.bytes[0] === 0x1f && input.bytes[1] === 0x8b ? gunzipSync(input.bytes) : input.bytes;
  if (looksLikePack(bytes)) {
    const text = new TextDecoder().decode(bytes);
    let id: string | undefined;
    try {
      const maybe = JSON.parse(text) as { id?: unknown };
      if (typeof maybe?.id === 'string') id = maybe.id;
    } catch {
      /* the verifier reports it */
    }
    const installed = id ? latestPack(db, id) : null;
    const v = verifyPackText(text, { trust: opts.trust ?? packTrust(), installed: installed ? { version: installed.version, sha256: installed.sha256 } : null });
    if (!v.ok) return { ok: false, error: v.error };
    // what `packs import` would refuse (a pack the engine cannot use) is refused here too
    const refused = installed?.sha256 === v.pack.sha256 ? null : admitPack(v.pack, { today: new Date().toISOString().slice(0, 10) });
    if (refused) return { ok: false, error: refused };
    const active = id ? activePackRecord(db, id) : null;
    const body = v.pack.body;
    if (ACTIVE_PACK_IDS[body.mode] !== body.id) {
      return { ok: false, error: { code: 'NOT_APPLICABLE', message: `pack ${body.id} is not the pack evaluations use for mode ${body.mode} (${ACTIVE_PACK_IDS[body.mode]}): it would change nothing` } };
    }
    return {
      ok: true,
      value: {
        kind: 'pack',
        pack: v.pack,
        ref: { kind: 'pack', id: body.id, version: body.version, mode: body.mode, title: body.title, sha256: v.pack.sha256, keyId: v.pack.keyId, replaces: active ? { version: active.version, sha256: active.sha256 } : null },
      },
    };
  }
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  const parsed = parseList(text);
  if (!parsed.ok) return { ok: false, error: { code: 'INVALID_LIST', message: `${input.fileName} is neither a signed rule pack nor a valid screening list: ${parsed.issues.length} problem(s) in the list`, errors: parsed.issues } };
  const date = input.listDate ?? parsed.value.statedDate ?? dateInPath(input.fileName);
  if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    return { ok: false, error: { code: 'INVALID_LIST', message: 'the list date is unknown', errors: [{ path: 'date', message: 'the file does not state the list\'s date and its name holds none: give it (--date YYYY-MM-DD)' }] } };
  }
  const { index, deletes } = buildListIndex(parsed.value.entries);
  const byKey = new Map<string, number[]>();
  for (const [k, t] of deletes) {
    const l = byKey.get(k);
    if (l) l.push(t);
    else byKey.set(k, [t]);
  }
  const lookup = (keys: string[]): number[] => keys.flatMap((k) => byKey.get(k) ?? []);
  const active = activeSnapshot(db);
  const sha256 = sha256Hex(bytes);
  return {
    ok: true,
    value: {
      kind: 'list',
      entries: parsed.value.entries,
      index: new ScreeningIndex(index, lookup),
      ref: { kind: 'list', fileName: input.fileName, sha256, date, entryCount: parsed.value.entries.length, replaces: active ? { sha256: active.sha256, date: active.listDate } : null },
    },
  };
}

// ---- comparing evaluations ----

/** Steps that count against a cap, an allocation or a reporting threshold. */
export function isCapRule(rule: string): boolean {
  return rule.endsWith('.cap') || rule.endsWith('.shares') || rule.endsWith('.report') || rule === 'review.allocation';
}

function capSteps(e: Evaluation, item: number): Map<string, string> {
  const m = new Map<string, string>();
  for (const s of e.items[item]?.trace ?? []) if (isCapRule(s.rule)) m.set(s.rule, `${s.test} → ${s.result}`);
  return m;
}

const tierText = (e: Evaluation): string => `destination Tier ${e.destinationTier ?? '—'}, effective Tier ${e.effectiveTier ?? '—'}`;
const policyText = (p: string | null): string => (p ? p.replace(/_/g, ' ') : 'none');

/** What changes between two evaluations of the same case in the same mode. */
export function diffEvaluations(before: Evaluation, after: Evaluation): Change[] {
  const out: Change[] = [];
  if (before.licenseRequired !== after.licenseRequired) {
    out.push({ kind: 'license_required', item: null, subject: null, before: before.licenseRequired ? 'license required' : 'no license required', after: after.licenseRequired ? 'license required' : 'no license required' });
  }
  if (before.destinationTier !== after.destinationTier || before.effectiveTier !== after.effectiveTier) {
    out.push({ kind: 'tier', item: null, subject: null, before: tierText(before), after: tierText(after) });
  }
  const n = Math.max(before.items.length, after.items.length);
  for (let i = 0; i < n; i++) {
    const b = before.items[i];
    const a = after.items[i];
    if (!b || !a) continue;
    if (b.authorization !== a.authorization) out.push({ kind: 'authorization', item: i, subject: null, before: b.authorization, after: a.authorization });
    if (b.reviewPolicy !== a.reviewPolicy) out.push({ kind: 'review_policy', item: i, subject: null, before: policyText(b.reviewPolicy), after: policyText(a.reviewPolicy) });
    const cb = capSteps(before, i);
    const ca = capSteps(after, i);
    for (const rule of new Set([...cb.keys(), ...ca.keys()])) {
      const x = cb.get(rule) ?? 'not tested';
      const y = ca.get(rule) ?? 'not tested';
      if (x !== y) out.push({ kind: 'cap', item: i, subject: rule, before: x, after: y });
    }
  }
  return out;
}

/** The outcome a letter states, per item: what supersession turns on (not the trace's wording). */
export function outcomeText(e: Evaluation): string {
  const items = e.items.map((i) => `#${i.index + 1} ${i.authorization}${i.reviewPolicy ? ` (${policyText(i.reviewPolicy)})` : ''}`).join('; ');
  return `${e.licenseRequired ? 'license required' : 'no license required'}: ${items}`;
}

function evaluationIn(d: Determination, mode: EvaluationMode): Evaluation | undefined {
  return d.evaluations.find((e) => e.mode === mode);
}

/**
 * The ledger sums of one case, read once: the active and the candidate evaluation ask the same questions
 * of the same ledger, so the second asks no SQL.
 */
function memoLedger(l: LedgerTotals): LedgerTotals {
  const m = new Map<string, number>();
  const get = (k: string, f: () => number): number => {
    let v = m.get(k);
    if (v === undefined) m.set(k, (v = f()));
    return v;
  };
  return {
    lppUsed: (key, from, to) => get(`l\u0000${key}\u0000${from}\u0000${to}`, () => l.lppUsed(key, from, to)),
    allocationUsed: (country, from, to) => get(`a\u0000${country}\u0000${from}\u0000${to}`, () => l.allocationUsed(country, from, to)),
    installedUnder: (auth, key, country, to) => get(`i\u0000${auth}\u0000${key}\u0000${country ?? ''}\u0000${to}`, () => l.installedUnder(auth, key, country, to)),
    matching: (x) => get(`m\u0000${x.date}\u0000${x.consignee}\u0000${x.tpp}`, () => l.matching(x)),
  };
}

/** What an evaluation reads from a snapshot: status, values and each parameter's citation and confidence (not its validity dates, which the engine never reads). */
function rulesKey(s: ReturnType<typeof snapshotAt>): string {
  return JSON.stringify([s.status, s.values, Object.values(s.uses).map(({ from: _f, to: _t, ...rest }) => rest)]);
}

const yieldToEventLoop = (): Promise<void> => new Promise((r) => setImmediate(r));

function emptyByKind(): Record<ChangeKind, number> {
  return Object.fromEntries(CHANGE_KINDS.map((k) => [k, 0])) as Record<ChangeKind, number>;
}

function hitKey(e: CslEntry): string {
  return `${e.list}:${e.id}`;
}

function hitText(e: CslEntry, h: ScreenHit): string {
  return `${h.decision} ${e.list} ${e.name} (score ${h.score.toFixed(2)})`;
}

export interface RunImpactOptions {
  signal?: AbortSignal;
  onProgress?: (p: ImpactProgress) => void;
  /** Cases per step between yields to the event loop (default 250). */
  chunk?: number;
  /** The active packs (default: the store's, verified). */
  packs?: PackSet;
}

/**
 * Runs the analysis. Async so that a caller's event loop (the app's IPC, a cancel) keeps running between
 * chunks; aborting the signal stops at the next chunk and returns what was found so far (`cancelled`).
 */
export async function runImpact(db: Db, candidate: LoadedCandidate, opts: RunImpactOptions = {}): Promise<ImpactReport> {
  const t0 = performance.now();
  const chunk = Math.max(1, opts.chunk ?? 250);
  const packs = opts.packs ?? activePacks(db);
  const total = countEvaluatedCases(db);
  const letters = issuedLetters(db);
  const letterCases = new Set(letters.map((l) => l.caseId));
  const baseByCase = new Map<number, Evaluation>();
  const candByCase = new Map<number, Evaluation>();
  const changes: CaseImpact[] = [];
  const errors: ImpactReport['errors'] = [];
  const mode = candidate.kind === 'pack' ? candidate.pack.body.mode : null;
  const summary: ModeSummary | null = mode ? { evaluated: 0, changedCases: 0, byKind: emptyByKind() } : null;
  const screening = candidate.kind === 'list' ? { screened: 0, changedCases: 0 } : null;
  const candPacks: PackSet | null = candidate.kind === 'pack' ? { ...packs, [candidate.pack.body.mode]: candidate.pack } : null;
  // Screening depends on the name and country only: many cases share an end user.
  const screenCache = new Map<string, Change[]>();
  const active = candidate.kind === 'list' ? activeScreener(db) : null;
  let notInMode = 0;
  let sameRulesOnDate = 0;
  // Per date: does the candidate resolve to exactly the active pack's rules? (few distinct segments)
  const sameOn = new Map<string, boolean>();
  const segmentPair = new Map<object, Map<object, boolean>>();
  const unchangedOn = (date: string): boolean => {
    let v = sameOn.get(date);
    if (v !== undefined) return v;
    v = false;
    if (mode && candPacks) {
      try {
        const a = snapshotAt(packs[mode], date);
        const b = snapshotAt(candPacks[mode], date);
        let inner = segmentPair.get(a);
        if (!inner) segmentPair.set(a, (inner = new Map()));
        let eq = inner.get(b);
        if (eq === undefined) {
          eq = rulesKey(a) === rulesKey(b);
          inner.set(b, eq);
        }
        v = eq;
      } catch {
        v = false; // a coverage error is reported by the evaluation itself
      }
    }
    sameOn.set(date, v);
    return v;
  };
  let scanned = 0;
  let cancelled = false;
  let after = 0;
  for (;;) {
    const page = evaluatedCasesPage(db, after, chunk);
    if (page.length === 0) break;
    // Checked once there is more to do: a cancel that arrives after the last chunk finds the run complete.
    if (opts.signal?.aborted) {
      cancelled = true;
      break;
    }
    for (const row of page) {
      after = row.id;
      scanned++;
      let doc: Case;
      try {
        doc = Case.parse(JSON.parse(row.document));
      } catch (e) {
        errors.push({ caseId: row.id, message: `the stored case document does not read: ${(e as Error).message.slice(0, 200)}` });
        continue;
      }
      const base: CaseImpact = { caseId: row.id, reference: row.reference, date: row.date, destination: row.destination, endUser: doc.endUser.name, mode, changes: [] };
      if (candidate.kind === 'pack' && mode && candPacks && summary) {
        if (!row.modes.includes(mode)) {
          notInMode++;
          continue;
        }
        if (!letterCases.has(row.id) && unchangedOn(doc.date)) {
          summary.evaluated++;
          sameRulesOnDate++;
          continue;
        }
        const c: Case = { ...doc, mode };
        const ledger = memoLedger(ledgerFor(db, { excludeCaseId: row.id }));
        let b: Evaluation;
        let a: Evaluation;
        try {
          b = evaluateCase({ case: c, caseSha256: row.sha256, packs, ledger, hints: false }).determination.evaluations[0];
          a = evaluateCase({ case: c, caseSha256: row.sha256, packs: candPacks, ledger, hints: false }).determination.evaluations[0];
        } catch (e) {
          errors.push({ caseId: row.id, message: (e as Error).message });
          continue;
        }
        summary.evaluated++;
        if (letterCases.has(row.id)) {
          baseByCase.set(row.id, b);
          candByCase.set(row.id, a);
        }
        base.changes = diffEvaluations(b, a);
        if (base.changes.length) {
          summary.changedCases++;
          for (const k of new Set(base.changes.map((x) => x.kind))) summary.byKind[k]++;
          changes.push(base);
        }
      } else if (candidate.kind === 'list' && screening) {
        const country = doc.endUser.headquarters ?? null;
        const key = `${doc.endUser.name}\u0000${country ?? ''}`;
        let found = screenCache.get(key);
        if (!found) {
          found = screenDiff(db, active, candidate, doc.endUser.name, country);
          screenCache.set(key, found);
        }
        screening.screened++;
        if (found.length) {
          screening.changedCases++;
          changes.push({ ...base, changes: found });
        }
      }
    }
    opts.onProgress?.({ done: scanned, total, changed: changes.length });
    await yieldToEventLoop();
  }
  const letterImpacts: LetterImpact[] = [];
  if (mode) {
    for (const l of letters) {
      const stated = evaluationIn(l.determination, mode);
      const cand = candByCase.get(l.caseId);
      const now = baseByCase.get(l.caseId);
      if (!stated || !cand || !now) continue;
      const before = outcomeText(stated);
      const afterText = outcomeText(cand);
      if (before !== afterText) letterImpacts.push({ letterId: l.id, number: l.number, caseId: l.caseId, mode, issuedAt: l.issuedAt, before, after: afterText, alreadyDiffersUnderActive: outcomeText(now) !== before });
    }
  } else {
    const changed = new Set(changes.map((c) => c.caseId));
    for (const l of letters) {
      if (!changed.has(l.caseId)) continue;
      const c = changes.find((x) => x.caseId === l.caseId)!;
      letterImpacts.push({ letterId: l.id, number: l.number, caseId: l.caseId, mode: null, issuedAt: l.issuedAt, before: c.changes.map((x) => x.before).join('; '), after: c.changes.map((x) => x.after).join('; '), alreadyDiffersUnderActive: false });
    }
  }
  return {
    format: IMPACT_FORMAT,
    candidate: candidate.ref,
    total,
    scanned,
    cancelled,
    modes: mode && summary ? { [mode]: summary } : {},
    screening,
    changes,
    letters: letterImpacts,
    notInMode,
    sameRulesOnDate,
    errors,
    elapsedMs: Math.round(performance.now() - t0),
    note:
      candidate.kind === 'pack'
        ? `Each case is evaluated as of its date under the active ${mode} pack and under the candidate, on the same ledger (this workbench's shipments only); only what the candidate changes is listed. Nothing was stored: install the pack and re-evaluate to make new determinations (the old ones stay).`
        : 'Each case\'s end user is screened against the active list and against the candidate; only hits that appear, disappear or change decision are listed. Nothing was stored: import the list to make it active.',
  };
}

function screenDiff(db: Db, active: ReturnType<typeof activeScreener>, candidate: Extract<LoadedCandidate, { kind: 'list' }>, name: string, country: string | null): Change[] {
  const before = new Map<string, string>();
  if (active) {
    const found = active.index.search({ name, country });
    const entries = entriesAt(db, active.snapshot.id, found.map((h) => h.entry));
    for (const h of found) {
      const e = entries.get(h.entry)?.entry;
      if (e) before.set(hitKey(e), hitText(e, h));
    }
  }
  const afterHits = new Map<string, { text: string; decision: string }>();
  for (const h of candidate.index.search({ name, country })) {
    const e = candidate.entries[h.entry];
    if (e) afterHits.set(hitKey(e), { text: hitText(e, h), decision: h.decision });
  }
  const out: Change[] = [];
  for (const [k, a] of afterHits) {
    const b = before.get(k);
    if (!b) out.push({ kind: 'screening', item: null, subject: k, before: 'no hit', after: a.text });
    else if (b.split(' ')[0] !== a.decision) out.push({ kind: 'screening', item: null, subject: k, before: b, after: a.text });
  }
  for (const [k, b] of before) if (!afterHits.has(k)) out.push({ kind: 'screening', item: null, subject: k, before: b, after: 'no hit' });
  return out;
}
