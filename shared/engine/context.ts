// Per-evaluation state: the resolved pack, the trace being written for each item, warnings and hints.
import type { Confidence, TraceStep } from '../domain/determination';
import type { EvaluationMode } from '../domain/case';
import type { ParamId, ParamValue } from './manifest';
import type { ParamValues, Snapshot } from './snapshot';
import { weakest } from './snapshot';
import { ruleTitle } from './titles';
import type { Hint } from './types';

export class EvalContext {
  readonly warnings = new Set<string>();
  readonly hints: Hint[] = [];
  /** The parameter values on the evaluation date (read with a literal key: `ctx.v['lpp.capTppPerConsigneeYear']`). */
  readonly v: ParamValues;
  constructor(
    readonly mode: EvaluationMode,
    readonly snap: Snapshot,
    readonly withHints = true,
  ) {
    this.v = snap.values;
  }

  value<K extends ParamId>(id: K): ParamValue<K> {
    return this.snap.values[id];
  }

  warn(text: string): void {
    this.warnings.add(text);
  }

  /** Hints are built only when asked for (the UI wants them; batch evaluation does not). */
  hint(itemIndex: number, text: () => string): void {
    if (this.withHints) this.hints.push({ mode: this.mode, itemIndex, text: text() });
  }

  /** Notes a parameter the decision rested on; weak ones become warnings. Returns its confidence. */
  rely(id: ParamId): Confidence {
    const use = this.snap.uses[id];
    if (use.warning) this.warnings.add(use.warning);
    return use.confidence;
  }
}

export interface StepOptions {
  params?: readonly ParamId[];
  confidence?: Confidence;
}

export class ItemTrace {
  readonly steps: TraceStep[] = [];
  constructor(private readonly ctx: EvalContext) {}

  step(rule: string, citation: string, test: string, result: string, opts: StepOptions = NO_OPTS): Confidence {
    let confidence: Confidence = opts.confidence ?? 'high';
    let weak = '';
    const params = opts.params;
    if (params) {
      const uses = this.ctx.snap.uses;
      for (let i = 0; i < params.length; i++) {
        const use = uses[params[i]];
        confidence = weakest(confidence, use.confidence);
        if (use.warning) {
          this.ctx.warnings.add(use.warning);
          weak += `${weak ? '; ' : ''}${use.title}: ${use.confidence === 'unsourced' ? 'unsourced' : `${use.confidence} confidence`}`;
        }
      }
    }
    this.steps.push({ rule, title: ruleTitle(rule), citation, test: weak ? `${test} (rests on ${weak})` : test, result, confidence });
    return confidence;
  }
}

const NO_OPTS: StepOptions = {};

/** Whole number with thousands separators (en-US), without Intl's cost on the hot path. */
export function fmt(n: number): string {
  const v = Math.round(n);
  if (!Number.isSafeInteger(v)) return String(v);
  const neg = v < 0;
  const digits = String(neg ? -v : v);
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ',';
    out += digits[i];
  }
  return neg ? `-${out}` : out;
}

/** Operations as a reader writes them: 2e26 → "2 × 10^26", 1e26 → "10^26", 2.5e25 → "2.5 × 10^25". */
export function fmtOps(n: number): string {
  if (!(n > 0) || !Number.isFinite(n)) return String(n);
  if (n < 1e6) return fmt(n);
  let exp = Math.floor(Math.log10(n));
  let mant = Number((n / 10 ** exp).toPrecision(3));
  if (mant >= 10) {
    mant /= 10;
    exp += 1;
  }
  return mant === 1 ? `10^${exp}` : `${mant} × 10^${exp}`;
}
