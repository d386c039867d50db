// Admission of a verified pack into the store: checks that need today's date or the engine itself,
// made once, before anything is stored (a validly signed pack can still brick every evaluation: a mode
// that disagrees with its id, coverage that starts in 2099, a procedure this build does not know). The
// candidate then evaluates the fixed corpus (corpus.ts) on every date where its rules change; any throw
// or any result that is not a valid determination refuses the pack with the case, date and reason.
import { Case } from '../../../shared/domain/case';
import { Determination } from '../../../shared/domain/determination';
import type { FieldError } from '../../../shared/domain/issues';
import type { LoadedPack } from '../../../shared/domain/rulepack';
import { nextDay } from '../../../shared/domain/dates';
import { ENGINE_PROCEDURES, evaluateCase } from '../../../shared/engine';
import { PACK_CORPUS, type CorpusCase } from './corpus';
import type { PackError } from './verify';

export interface AdmitOptions {
  /** Today's date (YYYY-MM-DD): coverage must have started by then. */
  today: string;
  /** Further cases to run besides the built-in corpus (full case documents; their date is kept as one more date). */
  extraCases?: readonly unknown[];
}

/** The dates the corpus runs on: coverage start, every status period and parameter version start, today. */
export function admissionDates(pack: LoadedPack, today: string): string[] {
  const b = pack.body;
  const dates = new Set<string>([b.coverageFrom]);
  for (const s of b.status) dates.add(s.from);
  for (const p of Object.values(b.parameters)) for (const v of p.versions) dates.add(v.from);
  dates.add(today);
  return [...dates].filter((d) => d >= b.coverageFrom).sort();
}

/** Null when the pack may be stored, else the refusal with every reason found (JSON paths or case/date). */
export function admitPack(pack: LoadedPack, opts: AdmitOptions): PackError | null {
  const b = pack.body;
  const errors: FieldError[] = [];
  if (b.coverageFrom > opts.today) {
    errors.push({ path: '$.coverageFrom', message: `coverage starts ${b.coverageFrom}, after today (${opts.today}): no case dated today could be evaluated` });
  }
  // one day of slack: the issuer's date may be a time zone ahead of this machine's UTC date
  if (b.issued > nextDay(opts.today)) errors.push({ path: '$.issued', message: `the pack says it was issued ${b.issued}, after today (${opts.today})` });
  b.status.forEach((s, i) => {
    if (!ENGINE_PROCEDURES.includes(s.procedure)) {
      errors.push({ path: `$.status[${i}].procedure`, message: `procedure ${JSON.stringify(s.procedure)} does not exist in this engine (it knows ${ENGINE_PROCEDURES.join(', ')})` });
    }
  });
  if (errors.length) return { code: 'INVALID_PACK', message: 'the pack is signed but cannot be used', errors };

  const failures = runCorpus(pack, opts);
  if (failures.length) {
    return {
      code: 'ENGINE_FAILS',
      message: `the engine cannot evaluate the test corpus under this pack (${failures.length} failure${failures.length === 1 ? '' : 's'}; first: ${failures[0].path}: ${failures[0].message}): refused, nothing stored`,
      errors: failures.slice(0, 20),
    };
  }
  return null;
}

function runCorpus(pack: LoadedPack, opts: AdmitOptions): FieldError[] {
  const mode = pack.body.mode;
  const packs = { as_written: pack, enforced: pack };
  const dates = admissionDates(pack, opts.today);
  const failures: FieldError[] = [];
  const run = (label: string, doc: unknown) => {
    const parsed = Case.safeParse(doc);
    // The corpus is ours: a case it cannot parse is a bug in this build, reported as such.
    if (!parsed.success) {
      failures.push({ path: label, message: `the corpus case is not a valid case (${parsed.error.issues[0]?.message})` });
      return;
    }
    try {
      const out = evaluateCase({ case: { ...parsed.data, mode }, caseSha256: '0'.repeat(64), packs, ledger: [], hints: true, today: opts.today });
      const check = Determination.safeParse(out.determination);
      if (!check.success) {
        const issue = check.error.issues[0];
        failures.push({ path: label, message: `the result is not a valid determination (${issue?.path.join('.')}: ${issue?.message})` });
      }
    } catch (e) {
      failures.push({ path: label, message: `the engine fails: ${(e as Error).message}` });
    }
  };
  for (const c of PACK_CORPUS) {
    const { name, ...doc } = c satisfies CorpusCase;
    for (const date of dates) {
      if (failures.length >= 20) return failures;
      run(`corpus "${name}" on ${date}`, { ...doc, date });
    }
  }
  (opts.extraCases ?? []).forEach((doc, i) => {
    const date = (doc as { date?: unknown }).date;
    if (typeof date === 'string' && date < pack.body.coverageFrom) return; // before coverage: refused by design, not a defect
    run(`case ${i}${typeof date === 'string' ? ` on ${date}` : ''}`, doc);
  });
  return failures;
}
