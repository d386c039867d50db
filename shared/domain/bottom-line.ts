// The bottom line of a determination in one sentence per case: what the user may do now (enforced, what
// BIS applies today, first) and what the rule as written would say beside it. The determination screen
// leads with it; the status paragraphs, warnings and reasoning follow, folded.
import type { Authorization, EvaluationMode } from './case';
import type { Evaluation, ItemDetermination, ReviewPolicy, TraceStep } from './determination';

const POLICY_WORDS: Record<ReviewPolicy, string> = {
  presumption_of_approval: 'presumption of approval',
  presumption_of_denial: 'presumption of denial',
  case_by_case: 'case-by-case review',
  policy_of_denial: 'policy of denial',
};

const EXCEPTION_WORDS: Partial<Record<Authorization, string>> = {
  AIA: 'License Exception AIA',
  ACM: 'License Exception ACM',
  LPP: 'License Exception LPP',
  ACA: 'License Exception ACA',
  NAC: 'License Exception NAC',
  UVEU: 'the Universal VEU authorization',
  NVEU: 'the National VEU authorization',
};

/** The mode's name as the sentence opens ("BIS enforces", "As written"). */
export const MODE_OPENING: Record<EvaluationMode, string> = { enforced: 'BIS enforces', as_written: 'As written' };

/** Most restrictive first: a prohibition, a license, then exceptions with conditions, then no license at all. */
const SEVERITY: Record<Authorization, number> = { PROHIBITED: -1, LICENSE: 0, AIA: 1, ACM: 1, LPP: 1, ACA: 1, NAC: 1, UVEU: 1, NVEU: 1, NLR: 2, NOT_CONTROLLED: 3 };

/** What one authorization lets the user do, in plain words ("no license required, you may ship under NLR"). */
export function outcomePhrase(mode: EvaluationMode, it: Pick<ItemDetermination, 'authorization' | 'reviewPolicy'>): string {
  switch (it.authorization) {
    case 'PROHIBITED':
      return 'prohibited, a party is denied or blocked; do not ship, and no license exception helps';
    case 'LICENSE': {
      const policy = it.reviewPolicy ? POLICY_WORDS[it.reviewPolicy] : 'review policy not stated by the rule';
      return mode === 'enforced' ? `license required, ${policy}; do not ship until BIS grants it` : `license required, ${policy}`;
    }
    case 'NLR':
      return 'no license required, you may ship under NLR';
    case 'NOT_CONTROLLED':
      return 'not controlled under 3A090, 4A090 or 4E091, so no license under these rules';
    case 'AIA':
    case 'ACM':
    case 'LPP':
    case 'ACA':
    case 'NAC':
    case 'UVEU':
    case 'NVEU':
      return `no individual license, you may ship under ${EXCEPTION_WORDS[it.authorization]} if you meet its conditions`;
    default: {
      const never: never = it.authorization;
      return String(never);
    }
  }
}

function itemsLabel(indexes: number[]): string {
  const n = indexes.map((i) => `#${i + 1}`);
  if (n.length === 1) return `item ${n[0]}`;
  return `items ${n.slice(0, -1).join(', ')} and ${n[n.length - 1]}`;
}

/** One mode's part of the sentence, without its opening: items with the same outcome are grouped, the most restrictive first. */
export function modeOutcome(e: Pick<Evaluation, 'mode' | 'items'>): string {
  if (e.items.length === 0) return 'no items to decide';
  const groups = new Map<string, { phrase: string; severity: number; indexes: number[] }>();
  for (const it of e.items) {
    const phrase = outcomePhrase(e.mode, it);
    const g = groups.get(phrase) ?? { phrase, severity: SEVERITY[it.authorization], indexes: [] };
    g.indexes.push(it.index);
    groups.set(phrase, g);
  }
  const list = [...groups.values()].sort((a, b) => a.severity - b.severity || a.indexes[0] - b.indexes[0]);
  if (list.length === 1) return list[0].phrase;
  return list.map((g) => `${itemsLabel(g.indexes)}: ${g.phrase}`).join('; ');
}

/** "BIS enforces: no license required, you may ship under NLR." */
export function modeSentence(e: Pick<Evaluation, 'mode' | 'items'>): string {
  return `${MODE_OPENING[e.mode]}: ${modeOutcome(e)}.`;
}

/** The evaluations in reading order: enforced (what applies today) first, then as written. */
export function enforcedFirst<T extends { mode: EvaluationMode }>(evaluations: readonly T[]): T[] {
  return [...evaluations].sort((a, b) => (a.mode === b.mode ? 0 : a.mode === 'enforced' ? -1 : 1));
}

/**
 * The case's bottom line, one part per mode in reading order: "BIS enforces: no license required, you may
 * ship under NLR." then "As written: license required, presumption of denial." When both modes say the
 * same, the second part reads "As written: the same."
 */
export function bottomLineParts(evaluations: readonly Pick<Evaluation, 'mode' | 'items'>[]): { mode: EvaluationMode; text: string }[] {
  const [first, second] = enforcedFirst(evaluations);
  if (!first) return [];
  const parts = [{ mode: first.mode, text: modeSentence(first) }];
  if (second) {
    const same = modeOutcome({ ...first, mode: second.mode }) === modeOutcome(second);
    parts.push({ mode: second.mode, text: same ? `${MODE_OPENING[second.mode]}: the same.` : modeSentence(second) });
  }
  return parts;
}

/** The bottom line as one sentence per case (both parts joined). */
export function bottomLine(evaluations: readonly Pick<Evaluation, 'mode' | 'items'>[]): string {
  return bottomLineParts(evaluations)
    .map((p) => p.text)
    .join(' ');
}

/**
 * The reasoning step that settled an item's authorization (the "why" next to the answer): the review
 * policy step for a license (or the screening hit that imposed it or a prohibition), the exception's own test for an exception, the license-requirement or
 * classification step otherwise. Null when the trace has none of these.
 */
export function decisiveStep(it: Pick<ItemDetermination, 'authorization' | 'trace'>): TraceStep | null {
  const last = (pred: (s: TraceStep) => boolean) => [...it.trace].reverse().find(pred) ?? null;
  const screening = last((s) => s.rule.startsWith('screening.') && /license required|PROHIBITED/.test(s.result));
  switch (it.authorization) {
    case 'PROHIBITED':
      return last((s) => s.rule.startsWith('screening.') && /PROHIBITED/.test(s.result));
    case 'LICENSE':
      return screening ?? last((s) => s.rule.startsWith('review.')) ?? last((s) => s.rule === 'auth.none') ?? last((s) => s.rule.startsWith('license.'));
    case 'NLR':
    case 'NOT_CONTROLLED':
      return last((s) => s.rule.startsWith('license.')) ?? last((s) => s.rule.startsWith('classify.'));
    default: {
      const a = it.authorization === 'ACA' || it.authorization === 'NAC' ? 'NAC/ACA' : it.authorization;
      const own = it.trace.filter((s) => s.rule === `auth.${a}` || s.rule.startsWith(`auth.${a}.`));
      return own.find((s) => /\bavailable\b/.test(s.result) && !/not available/.test(s.result)) ?? own[own.length - 1] ?? last((s) => s.rule.startsWith('auth.'));
    }
  }
}
