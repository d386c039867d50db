// Per-evaluation state: the resolved pack, the trace being written for each item, warnings and hints.
import type { Confidence, TraceStep } from '../domain/determination';
import type { EvaluationMode } from '../domain/case';
import type { ParamId, ParamValue } from './manifest';
import type { Snapshot } from './snapshot';
import { isWeak, paramValue, weakest } from './snapshot';
import type { Hint } from './types';

export class EvalContext {
  readonly warnings = new Set<string>();
  readonly hints: Hint[] = [];
  constructor(
    readonly mode: EvaluationMode,
    readonly snap: Snapshot,
  ) {}

  value<K extends ParamId>(id: K): ParamValue<K> {
    return paramValue(this.snap, id);
  }

  warn(text: string): void {
    this.warnings.add(text);
  }

  hint(itemIndex: number, text: string): void {
    this.hints.push({ mode: this.mode, itemIndex, text });
  }

  /** Notes a parameter the decision rested on; weak ones become warnings. Returns its confidence. */
  rely(id: ParamId): Confidence {
    const use = this.snap.uses.get(id);
    if (!use) return 'unsourced';
    if (isWeak(use.confidence)) {
      this.warnings.add(
        `${use.title} (${id}) is ${use.confidence === 'unsourced' ? 'UNSOURCED' : 'low-confidence'}` +
          `${use.note ? `: ${use.note}` : ''} [${use.citation}]`,
      );
    }
    return use.confidence;
  }
}

export interface StepOptions {
  params?: ParamId[];
  confidence?: Confidence;
}

export class ItemTrace {
  readonly steps: TraceStep[] = [];
  constructor(private readonly ctx: EvalContext) {}

  step(rule: string, citation: string, test: string, result: string, opts: StepOptions = {}): Confidence {
    let confidence: Confidence = opts.confidence ?? 'high';
    const weak: string[] = [];
    for (const id of opts.params ?? []) {
      const c = this.ctx.rely(id);
      if (isWeak(c)) weak.push(`${id}: ${c}`);
      confidence = weakest(confidence, c);
    }
    this.steps.push({
      rule,
      citation,
      test: weak.length ? `${test} (rests on ${weak.join(', ')} confidence parameter${weak.length > 1 ? 's' : ''})` : test,
      result,
      confidence,
    });
    return confidence;
  }
}

export function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
